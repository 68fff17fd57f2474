import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { TRequest, TTriageRequest } from '@ordo/contract';
import { errorMessage, isApiError } from '../../api/client';
import { itemsApi } from '../../api/items';
import { requestsApi } from '../../api/team';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { useToast } from '../../ui/Toast';
import { useRefreshTeamLists } from '../questions';

type Action = TTriageRequest['action'];

const ACTIONS: Array<{ value: Action; label: string; hint: string }> = [
  {
    value: 'link',
    label: 'Link to an existing item',
    hint: 'Its votes and customers add up on the item; the requester hears when the item is done.',
  },
  {
    value: 'create',
    label: 'Create a new item from it',
    hint: 'A story with its title and details lands at the bottom of the backlog, linked to it.',
  },
  { value: 'merge', label: 'Merge into another request', hint: 'It duplicates one already asked; its votes and customers move there.' },
  { value: 'decline', label: 'Decline', hint: 'The requester and voters read your reason.' },
];

/** Deciding what becomes of a new request: one clear choice, and who will be told. */
export function TriageDialog({ request, onClose }: { request: TRequest | null; onClose: () => void }) {
  const toast = useToast();
  const refresh = useRefreshTeamLists();
  const [action, setAction] = useState<Action>('link');
  const [search, setSearch] = useState('');
  const [itemKey, setItemKey] = useState('');
  const [requestId, setRequestId] = useState<number | ''>('');
  const [reason, setReason] = useState('');
  const productKey = request?.productKey ?? '';
  useEffect(() => {
    setAction('link');
    setSearch('');
    setItemKey('');
    setRequestId('');
    setReason('');
  }, [request?.id]);

  const items = useQuery({
    queryKey: ['triage-items', productKey, search],
    queryFn: () => itemsApi.list(productKey, search.trim() ? { q: search.trim() } : {}, { limit: 8 }),
    enabled: !!request && action === 'link',
  });
  const others = useQuery({
    queryKey: ['triage-requests', productKey],
    queryFn: async () => {
      const [fresh, linked] = await Promise.all([
        requestsApi.list(productKey, 'new', 'votes'),
        requestsApi.list(productKey, 'linked', 'votes'),
      ]);
      return [...fresh.items, ...linked.items].filter((r) => r.id !== request?.id);
    },
    enabled: !!request && action === 'merge',
  });
  const triage = useMutation({
    mutationFn: () =>
      requestsApi.triage(request!.id, {
        action,
        itemKey: action === 'link' ? itemKey : undefined,
        requestId: action === 'merge' && requestId ? requestId : undefined,
        reason: action === 'decline' ? reason.trim() : undefined,
      }),
    onSuccess: (r) => {
      toast(r.state === 'linked' ? `Linked to ${r.item?.key}` : r.state === 'merged' ? 'Merged' : 'Declined; the requester is told why', {
        kind: 'success',
      });
      refresh(productKey, r.item?.key);
      onClose();
    },
  });
  const ready =
    action === 'create' ||
    (action === 'link' && !!itemKey) ||
    (action === 'merge' && !!requestId) ||
    (action === 'decline' && !!reason.trim());
  const fields = isApiError(triage.error) ? triage.error.fields : {};

  return (
    <Dialog
      open={request !== null}
      onClose={onClose}
      title="Triage the request"
      width={600}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            variant={action === 'decline' ? 'danger' : 'primary'}
            busy={triage.isPending}
            disabled={!ready}
            onClick={() => triage.mutate()}
          >
            {ACTIONS.find((a) => a.value === action)!.label}
          </Button>
        </>
      }
    >
      {request && (
        <div className="stack triage">
          <div className="triage-request">
            <strong>{request.title}</strong>
            <span className="faint">
              {request.customers.join(', ')} · {request.votes} vote{request.votes === 1 ? '' : 's'} · from {request.requester.name}
            </span>
          </div>
          <fieldset className="triage-actions">
            <legend className="visually-hidden">What becomes of it</legend>
            {ACTIONS.map((a) => (
              <label key={a.value} className={`triage-action ${action === a.value ? 'is-on' : ''}`}>
                <input type="radio" name="triage-action" value={a.value} checked={action === a.value} onChange={() => setAction(a.value)} />
                <span>
                  <span className="triage-action-label">{a.label}</span>
                  <span className="faint triage-action-hint">{a.hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
          {action === 'link' && (
            <div className="field">
              <label htmlFor="triage-item-search">Item</label>
              <input
                id="triage-item-search"
                className="input"
                value={search}
                placeholder="Search items by title or key"
                onChange={(e) => setSearch(e.target.value)}
                autoFocus
              />
              <ul className="triage-choices" role="listbox" aria-label="Items">
                {(items.data?.items ?? []).map((i) => (
                  <li key={i.key} role="option" aria-selected={itemKey === i.key}>
                    <button type="button" className={itemKey === i.key ? 'is-on' : undefined} onClick={() => setItemKey(i.key)}>
                      <span className="mono">{i.key}</span> {i.title}
                    </button>
                  </li>
                ))}
                {items.data?.items.length === 0 && <li className="faint">No item matches.</li>}
              </ul>
              {fields.itemKey && <span className="field-error">{fields.itemKey}</span>}
            </div>
          )}
          {action === 'merge' && (
            <div className="field">
              <label htmlFor="triage-merge">The request it duplicates</label>
              <select
                id="triage-merge"
                className="select"
                value={requestId}
                onChange={(e) => setRequestId(e.target.value ? Number(e.target.value) : '')}
              >
                <option value="">Choose a request…</option>
                {(others.data ?? []).map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.title} ({r.votes} votes{r.item ? `, ${r.item.key}` : ''})
                  </option>
                ))}
              </select>
            </div>
          )}
          {action === 'decline' && (
            <div className="field">
              <label htmlFor="triage-reason">Why it is declined</label>
              <textarea
                id="triage-reason"
                className="input"
                rows={3}
                value={reason}
                autoFocus
                onChange={(e) => setReason(e.target.value)}
                placeholder="Out of scope for this product because…"
              />
              {fields.reason && <span className="field-error">{fields.reason}</span>}
            </div>
          )}
          <p className="faint">
            {request.requester.name}
            {request.votes > 0 ? ' and everyone who voted' : ''} will be told.
          </p>
          {triage.isError && !Object.keys(fields).length && <p className="form-error">{errorMessage(triage.error)}</p>}
        </div>
      )}
    </Dialog>
  );
}
