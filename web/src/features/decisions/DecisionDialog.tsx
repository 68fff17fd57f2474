import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { TDecision } from '@ordo/contract';
import { errorMessage, isApiError } from '../../api/client';
import { questionsApi } from '../../api/team';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { useToast } from '../../ui/Toast';
import { MarkdownInput } from '../item';
import type { Mentionable } from '../item';
import { useRefreshTeamLists } from '../questions';

/** Recording a decision made outside a question (a meeting, a call), or one that replaces an earlier decision. */
export function DecisionDialog({
  productKey,
  open,
  onClose,
  supersedes,
  mentions,
}: {
  productKey: string;
  open: boolean;
  onClose: () => void;
  supersedes: TDecision | null;
  mentions?: Mentionable[];
}) {
  const toast = useToast();
  const refresh = useRefreshTeamLists();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [items, setItems] = useState('');
  useEffect(() => {
    if (!open) return;
    setTitle(supersedes?.title ?? '');
    setBody('');
    setItems(supersedes?.items.map((i) => i.key).join(', ') ?? '');
  }, [open, supersedes]);
  const record = useMutation({
    mutationFn: () =>
      questionsApi.recordDecision(productKey, {
        title: title.trim(),
        body,
        itemKeys: items
          .split(/[\s,]+/)
          .map((k) => k.trim().toUpperCase())
          .filter(Boolean),
        supersedes: supersedes?.id,
      }),
    onSuccess: () => {
      toast(supersedes ? 'Recorded; the earlier decision is marked superseded' : 'Recorded in the decision log', { kind: 'success' });
      refresh(productKey);
      onClose();
    },
  });
  const fields = isApiError(record.error) ? record.error.fields : {};
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={supersedes ? 'Supersede a decision' : 'Record a decision'}
      width={560}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" busy={record.isPending} disabled={!title.trim()} onClick={() => record.mutate()}>
            {supersedes ? 'Record and supersede' : 'Record decision'}
          </Button>
        </>
      }
    >
      <div className="stack">
        {supersedes && (
          <p className="muted">“{supersedes.title}” stays in the log, marked as superseded by this one, with a link both ways.</p>
        )}
        <Field label="What was decided" value={title} onChange={(e) => setTitle(e.target.value)} error={fields.title} autoFocus />
        <div className="field">
          <label>Why, and what it means (Markdown)</label>
          <MarkdownInput
            label="Decision text"
            value={body}
            onChange={setBody}
            onSubmit={() => record.mutate()}
            mentions={mentions}
            rows={4}
          />
        </div>
        <Field
          label="Items it concerns"
          value={items}
          onChange={(e) => setItems(e.target.value)}
          placeholder="PAY-12, PAY-30"
          hint="Item keys of this product, separated by commas"
          error={fields.itemKeys}
        />
        {record.isError && !Object.keys(fields).length && <p className="form-error">{errorMessage(record.error)}</p>}
      </div>
    </Dialog>
  );
}
