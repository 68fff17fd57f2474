import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { REQUEST_IMPACTS, type RequestImpact } from '@ordo/contract';
import { errorMessage, isApiError } from '../../api/client';
import { requestsApi } from '../../api/team';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { useToast } from '../../ui/Toast';
import { MarkdownInput } from '../item';
import { useRefreshTeamLists } from '../questions';

/** Submitting a request for a customer or segment; an owner files it on the customer's behalf. */
export function NewRequestDialog({
  productKey,
  open,
  onClose,
  onBehalf,
}: {
  productKey: string;
  open: boolean;
  onClose: () => void;
  onBehalf: boolean;
}) {
  const toast = useToast();
  const refresh = useRefreshTeamLists();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [customer, setCustomer] = useState('');
  const [impact, setImpact] = useState<RequestImpact>('medium');
  const [link, setLink] = useState('');
  useEffect(() => {
    if (open) {
      setTitle('');
      setDescription('');
      setCustomer('');
      setImpact('medium');
      setLink('');
    }
  }, [open]);
  const create = useMutation({
    mutationFn: () => requestsApi.create(productKey, { title, description, customer, impact, link: link.trim() || undefined }),
    onSuccess: () => {
      toast('Request submitted; the owners will triage it', { kind: 'success' });
      refresh(productKey);
      onClose();
    },
  });
  const fields = isApiError(create.error) ? create.error.fields : {};
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={onBehalf ? 'File a request for a customer' : 'New request'}
      width={560}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" busy={create.isPending} disabled={!title.trim() || !customer.trim()} onClick={() => create.mutate()}>
            Submit request
          </Button>
        </>
      }
    >
      <div className="stack">
        <Field label="What is asked for" value={title} onChange={(e) => setTitle(e.target.value)} error={fields.title} autoFocus />
        <Field
          label="Customer or segment"
          value={customer}
          onChange={(e) => setCustomer(e.target.value)}
          error={fields.customer}
          placeholder="Acme Corp, or “enterprise customers”"
        />
        <div className="field">
          <label htmlFor="request-impact">Impact for them</label>
          <select id="request-impact" className="select" value={impact} onChange={(e) => setImpact(e.target.value as RequestImpact)}>
            {REQUEST_IMPACTS.map((i) => (
              <option key={i} value={i}>
                {i[0]!.toUpperCase() + i.slice(1)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label>Details (Markdown)</label>
          <MarkdownInput label="Request details" value={description} onChange={setDescription} onSubmit={() => create.mutate()} rows={4} />
        </div>
        <Field
          label="Link (optional)"
          value={link}
          onChange={(e) => setLink(e.target.value)}
          error={fields.link}
          placeholder="https://crm.example.com/deal/123"
        />
        {!onBehalf && <p className="faint">Your vote counts for it at once; others can add theirs and more customers.</p>}
        {create.isError && !Object.keys(fields).length && <p className="form-error">{errorMessage(create.error)}</p>}
      </div>
    </Dialog>
  );
}
