import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { TProductDetail, TQuestion } from '@ordo/contract';
import { can } from '@ordo/domain/permissions';
import { errorMessage } from '../../api/client';
import { questionsApi } from '../../api/team';
import { Button } from '../../ui/Button';
import { useToast } from '../../ui/Toast';
import { MarkdownInput } from '../item';
import { useRefreshTeamLists } from './useTeamMutations';

/** Asking the owners (or one person who can answer) a question, on an item or about the product. */
export function AskQuestion({
  product,
  itemKey,
  meId,
  onAsked,
}: {
  product: TProductDetail;
  itemKey?: string;
  meId?: number;
  onAsked?: (q: TQuestion) => void;
}) {
  const toast = useToast();
  const refresh = useRefreshTeamLists();
  const [body, setBody] = useState('');
  const [to, setTo] = useState<number | ''>('');
  const [open, setOpen] = useState(false);
  const answerers = product.members.filter((m) => m.userId !== meId && (can(m.role, 'question.reply') || can(m.role, 'question.answer')));
  const mentions = product.members.map((m) => ({ id: m.userId, name: m.name }));
  const ask = useMutation({
    mutationFn: () =>
      itemKey ? questionsApi.askOnItem(itemKey, body.trim(), to || undefined) : questionsApi.ask(product.key, body.trim(), to || undefined),
    onSuccess: (q) => {
      setBody('');
      setTo('');
      setOpen(false);
      toast(q.addressee ? `Asked ${q.addressee.name}` : 'Asked the product’s owners', { kind: 'success' });
      refresh(product.key, itemKey);
      onAsked?.(q);
    },
    onError: (e) => toast(`Not asked: ${errorMessage(e)}`, { kind: 'error' }),
  });
  const submit = () => {
    if (body.trim() && !ask.isPending) ask.mutate();
  };
  return (
    <div className="ask-question">
      <MarkdownInput
        label="Question"
        value={body}
        onChange={setBody}
        onSubmit={submit}
        onFocus={() => setOpen(true)}
        onCancel={() => !body.trim() && setOpen(false)}
        compact={!open && !body}
        mentions={mentions}
        rows={3}
        placeholder={itemKey ? 'Ask a question about this item…' : `Ask a question about ${product.name}…`}
      />
      {(open || body) && (
        <div className="row ask-question-actions">
          <label className="ask-to">
            <span className="faint">To</span>
            <select className="select" value={to} onChange={(e) => setTo(e.target.value ? Number(e.target.value) : '')}>
              <option value="">the product’s owners</option>
              {answerers.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name} ({m.role})
                </option>
              ))}
            </select>
          </label>
          <span className="spacer" />
          <Button size="sm" variant="ghost" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button size="sm" variant="primary" busy={ask.isPending} disabled={!body.trim()} onClick={submit}>
            Ask
          </Button>
        </div>
      )}
    </div>
  );
}
