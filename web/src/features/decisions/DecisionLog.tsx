import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { TDecision, TProductDetail } from '@ordo/contract';
import { can } from '@ordo/domain/permissions';
import { keys } from '../../api/keys';
import { questionsApi } from '../../api/team';
import { Avatar } from '../../ui/Avatar';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorState';
import { Markdown } from '../../ui/Markdown';
import { SkeletonRows } from '../../ui/Skeleton';
import { formatDate } from '../../ui/time';
import { DecisionDialog } from './DecisionDialog';
import '../questions';
import './decisions.css';

/** The product's decision log: newest first, searchable, each with its items; superseded ones stay, linked. */
export function DecisionLog({ product }: { product: TProductDetail }) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [dialog, setDialog] = useState<{ supersedes: TDecision | null } | null>(null);
  const location = useLocation();
  useEffect(() => {
    const t = setTimeout(() => setQ(typed.trim()), 200);
    return () => clearTimeout(t);
  }, [typed]);
  const query = useInfiniteQuery({
    queryKey: [...keys.decisions(product.key), 'log', q],
    queryFn: ({ pageParam }) => questionsApi.decisions(product.key, q, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const list = query.data?.pages.flatMap((p) => p.items) ?? [];
  const canRecord = can(product.role, 'question.answer');
  const mentions = product.members.map((m) => ({ id: m.userId, name: m.name }));

  // A link to one decision (from an answer) scrolls to it once it is on the page.
  useEffect(() => {
    if (!location.hash) return;
    document.getElementById(location.hash.slice(1))?.scrollIntoView({ block: 'center' });
  }, [location.hash, list.length]);

  return (
    <div className="page team-page">
      <div className="page-header">
        <div>
          <h1>Decisions</h1>
          <p className="muted">What was decided about {product.name}, by whom and why, newest first.</p>
        </div>
        {canRecord && (
          <Button variant="primary" onClick={() => setDialog({ supersedes: null })}>
            Record a decision
          </Button>
        )}
      </div>
      <input
        className="input decision-search"
        type="search"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        placeholder="Search decisions…"
        aria-label="Search decisions"
      />
      {query.isPending ? (
        <SkeletonRows count={4} height={80} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : list.length === 0 ? (
        q ? (
          <EmptyState title="No decision matches">
            Try fewer or other words; the search reads titles, texts and the questions they answered.
          </EmptyState>
        ) : (
          <EmptyState title="No decisions yet">
            When an owner answers a question and marks it as a decision, it is logged here with its items
            {canRecord ? '; or record one made in a meeting with “Record a decision”.' : '.'}
          </EmptyState>
        )
      ) : (
        <ol className="decision-list">
          {list.map((d) => (
            <li key={d.id} id={`decision-${d.id}`} className={`decision ${d.supersededBy ? 'is-superseded' : ''}`}>
              <header className="decision-head">
                <h2 className="decision-title">{d.title}</h2>
                {d.supersededBy && (
                  <a className="superseded-badge" href={`#decision-${d.supersededBy.id}`}>
                    Superseded by “{d.supersededBy.title}”
                  </a>
                )}
              </header>
              {d.body && <Markdown source={d.body} className="decision-body" />}
              <footer className="decision-meta">
                {d.decidedBy && <Avatar name={d.decidedBy.name} size={18} />}
                <span>
                  {d.decidedBy?.name ?? 'Someone'} decided on {formatDate(d.decidedAt)}
                </span>
                {d.question && <span className="faint">answering {d.question.asker.name}</span>}
                {d.supersedes && (
                  <a className="faint" href={`#decision-${d.supersedes.id}`}>
                    replaces “{d.supersedes.title}”
                  </a>
                )}
                {d.items.map((i) => (
                  <Link key={i.key} to={`/p/${product.key}/items/${i.key}`} className="decision-item">
                    <span className="mono">{i.key}</span> {i.title}
                  </Link>
                ))}
                {canRecord && !d.supersededBy && (
                  <Button size="sm" variant="ghost" className="decision-supersede" onClick={() => setDialog({ supersedes: d })}>
                    Supersede…
                  </Button>
                )}
              </footer>
            </li>
          ))}
          {query.hasNextPage && (
            <Button size="sm" variant="ghost" busy={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              Show older decisions
            </Button>
          )}
        </ol>
      )}
      <DecisionDialog
        productKey={product.key}
        open={dialog !== null}
        supersedes={dialog?.supersedes ?? null}
        onClose={() => setDialog(null)}
        mentions={mentions}
      />
    </div>
  );
}
