import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { REQUEST_STATES, type RequestState, type TProductDetail, type TRequest } from '@ordo/contract';
import { can } from '@ordo/domain/permissions';
import { keys } from '../../api/keys';
import { requestsApi } from '../../api/team';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorState';
import { Menu } from '../../ui/Menu';
import { SkeletonRows } from '../../ui/Skeleton';
import { NewRequestDialog } from './NewRequestDialog';
import { RequestCard } from './RequestCard';
import { TriageDialog } from './TriageDialog';
import '../questions';
import './requests.css';

const STATE_LABEL: Record<RequestState, string> = { new: 'Untriaged', linked: 'Linked', merged: 'Merged', declined: 'Declined' };
type Sort = 'oldest' | 'newest' | 'votes';
const SORT_LABEL: Record<Sort, string> = { oldest: 'Oldest first', newest: 'Newest first', votes: 'Most votes' };

/** A product's requests: the untriaged ones oldest first (or by votes), the linked, merged and declined. */
export function RequestsView({ product }: { product: TProductDetail }) {
  const [params, setParams] = useSearchParams();
  const state = (REQUEST_STATES as readonly string[]).includes(params.get('state') ?? '') ? (params.get('state') as RequestState) : 'new';
  const sort = (['oldest', 'newest', 'votes'] as const).find((s) => s === params.get('sort')) ?? (state === 'new' ? 'oldest' : 'votes');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [triaging, setTriaging] = useState<TRequest | null>(null);
  useEffect(() => {
    const t = setTimeout(() => setQ(typed.trim()), 200);
    return () => clearTimeout(t);
  }, [typed]);
  const query = useInfiniteQuery({
    queryKey: [...keys.requests(product.key), state, sort, q],
    queryFn: ({ pageParam }) => requestsApi.list(product.key, state, sort, q, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const list = query.data?.pages.flatMap((p) => p.items) ?? [];
  const total = query.data?.pages[0]?.total;
  const canTriage = can(product.role, 'request.triage');
  const set = (change: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(change)) {
          if (v === null) next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );

  return (
    <div className="page team-page requests-page">
      <div className="page-header">
        <div>
          <h1>Requests</h1>
          <p className="muted">What stakeholders and customers ask of {product.name}, with their votes.</p>
        </div>
        {can(product.role, 'request.create') && (
          <Button variant="primary" onClick={() => setCreating(true)}>
            {canTriage ? 'File a request' : 'New request'}
          </Button>
        )}
      </div>
      <div className="requests-toolbar">
        <div className="segmented" role="radiogroup" aria-label="Which requests">
          {REQUEST_STATES.map((s) => (
            <button
              key={s}
              type="button"
              role="radio"
              aria-checked={state === s}
              className={state === s ? 'is-on' : undefined}
              onClick={() => set({ state: s === 'new' ? null : s, sort: null })}
            >
              {STATE_LABEL[s]}
              {state === s && total !== undefined && <span className="segmented-count">{total}</span>}
            </button>
          ))}
        </div>
        <input
          className="input requests-search"
          type="search"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          placeholder="Search requests…"
          aria-label="Search requests"
        />
        <Menu
          label={SORT_LABEL[sort]}
          align="end"
          items={(['oldest', 'newest', 'votes'] as const).map((s) => ({ id: s, label: SORT_LABEL[s], checked: s === sort }))}
          onSelect={(id) => set({ sort: id })}
        />
      </div>
      {query.isPending ? (
        <SkeletonRows count={4} height={84} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : list.length === 0 ? (
        q ? (
          <EmptyState title="No request matches">Try other words; the search reads titles, details and customers.</EmptyState>
        ) : state === 'new' ? (
          <EmptyState title="Nothing to triage">
            New requests from sales, support and customers wait here, oldest first, until an owner links, merges or declines them.
            {can(product.role, 'request.create') ? ' Submit one with the button above.' : ''}
          </EmptyState>
        ) : (
          <EmptyState title={`No ${STATE_LABEL[state].toLowerCase()} requests`}>
            Triaged requests show here once an owner decides on them.
          </EmptyState>
        )
      ) : (
        <div className="request-list">
          {list.map((r) => (
            <RequestCard key={r.id} request={r} canVote={can(product.role, 'request.vote')} canTriage={canTriage} onTriage={setTriaging} />
          ))}
          {query.hasNextPage && (
            <Button size="sm" variant="ghost" busy={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              Show more
            </Button>
          )}
        </div>
      )}
      <NewRequestDialog productKey={product.key} open={creating} onClose={() => setCreating(false)} onBehalf={canTriage} />
      <TriageDialog request={triaging} onClose={() => setTriaging(null)} />
    </div>
  );
}
