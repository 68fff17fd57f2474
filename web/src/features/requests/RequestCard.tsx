import { useState } from 'react';
import { Link } from 'react-router';
import type { TRequest } from '@ordo/contract';
import { Button } from '../../ui/Button';
import { Markdown } from '../../ui/Markdown';
import { Age } from '../questions';
import { useRequestActions } from './useRequestActions';

const IMPACT_LABEL = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' } as const;

/** A request: what is asked, for whom, how much it matters, its votes; voting, "+ customer" and triage where allowed. */
export function RequestCard({
  request: r,
  canVote,
  canTriage,
  onTriage,
  showProduct = false,
}: {
  request: TRequest;
  canVote: boolean;
  canTriage: boolean;
  onTriage?: (r: TRequest) => void;
  showProduct?: boolean;
}) {
  const { vote, addCustomer } = useRequestActions(r);
  const [adding, setAdding] = useState(false);
  const [customer, setCustomer] = useState('');
  const open = r.state === 'new' || r.state === 'linked';
  const submitCustomer = () => {
    if (!customer.trim()) return;
    addCustomer.mutate(customer.trim(), {
      onSuccess: () => {
        setCustomer('');
        setAdding(false);
      },
    });
  };
  return (
    <article className={`request is-${r.state}`} data-request={r.id}>
      <div className="request-votes">
        <button
          type="button"
          className={`vote-button ${r.voted ? 'is-voted' : ''}`}
          aria-pressed={r.voted}
          aria-label={`${r.voted ? `Withdraw your vote for ${r.title}` : `Vote for ${r.title}`}: ${r.votes} ${r.votes === 1 ? 'vote' : 'votes'}`}
          title={!canVote ? 'Your role cannot vote' : !open ? 'Closed for votes' : r.voted ? 'Withdraw your vote' : 'Vote for it'}
          disabled={!canVote || !open || vote.isPending}
          onClick={() => vote.mutate()}
        >
          <span aria-hidden="true">▲</span>
          <span className="vote-count">{r.votes}</span>
        </button>
      </div>
      <div className="request-main">
        <header className="request-head">
          <h3 className="request-title">{r.title}</h3>
          <span className={`impact impact-${r.impact}`}>{IMPACT_LABEL[r.impact]}</span>
          {showProduct && <span className="mono faint">{r.productKey}</span>}
        </header>
        {r.description && <Markdown source={r.description} className="request-body" />}
        <div className="request-customers">
          {r.customers.map((c) => (
            <span key={c} className="customer-chip">
              {c}
            </span>
          ))}
          {canVote && open && !adding && (
            <button type="button" className="customer-add" onClick={() => setAdding(true)}>
              + customer
            </button>
          )}
          {adding && (
            <form
              className="customer-form"
              onSubmit={(e) => {
                e.preventDefault();
                submitCustomer();
              }}
            >
              <input
                className="input"
                autoFocus
                value={customer}
                aria-label="Customer or segment that also wants it"
                placeholder="Customer or segment"
                onChange={(e) => setCustomer(e.target.value)}
                onKeyDown={(e) => e.key === 'Escape' && setAdding(false)}
              />
              <Button size="sm" type="submit" busy={addCustomer.isPending} disabled={!customer.trim()}>
                Add
              </Button>
            </form>
          )}
        </div>
        <footer className="request-meta">
          <span>
            {r.requester.name} · <Age at={r.createdAt} warn={r.state === 'new'} />
          </span>
          {r.link && (
            <a href={r.link} target="_blank" rel="noopener noreferrer nofollow">
              link
            </a>
          )}
          {r.state === 'linked' && r.item && (
            <Link to={`/p/${r.productKey}/items/${r.item.key}`} className="request-outcome">
              → <span className="mono">{r.item.key}</span> {r.item.title}
              {r.item.stateCategory === 'done' && <span className="done-badge">done</span>}
            </Link>
          )}
          {r.state === 'declined' && <span className="request-outcome">Declined: {r.declineReason}</span>}
          {r.state === 'merged' && r.mergedInto && <span className="request-outcome">Merged into “{r.mergedInto.title}”</span>}
          {r.triagedBy && r.state !== 'new' && <span className="faint">by {r.triagedBy.name}</span>}
          {canTriage && r.state === 'new' && onTriage && (
            <Button size="sm" className="request-triage" onClick={() => onTriage(r)}>
              Triage…
            </Button>
          )}
        </footer>
      </div>
    </article>
  );
}
