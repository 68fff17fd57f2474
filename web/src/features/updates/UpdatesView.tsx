import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import type { TProductDetail } from '@ordo/contract';
import { can } from '@ordo/domain/permissions';
import type { Health } from '@ordo/domain/status-update';
import { keys } from '../../api/keys';
import { updatesApi } from '../../api/reporting';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorState } from '../../ui/ErrorState';
import { SkeletonRows } from '../../ui/Skeleton';
import { since } from '../../ui/time';
import { HealthBadge } from './HealthBadge';
import { HealthTimeline } from './HealthTimeline';
import { UpdateCard } from './UpdateCard';
import './updates.css';

/** A product's status updates, newest first, with health over time; owners start or continue the draft here. */
export function UpdatesView({ product, highlight }: { product: TProductDetail; highlight?: number }) {
  const canPublish = can(product.role, 'update.publish');
  const query = useInfiniteQuery({
    queryKey: keys.updates(product.key),
    queryFn: ({ pageParam }) => updatesApi.list(product.key, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const list = query.data?.pages.flatMap((p) => p.items) ?? [];
  const draft = query.data?.pages[0]?.draft ?? null;
  const latest = list[0];

  useEffect(() => {
    if (highlight && list.some((u) => u.id === highlight))
      document.getElementById(`update-${highlight}`)?.scrollIntoView({ block: 'start' });
  }, [highlight, list.length]);

  const action = canPublish && (
    <Link to={`/p/${product.key}/updates/draft`} className="btn btn-primary" data-testid="open-draft">
      {draft ? 'Continue the draft' : 'New status update'}
    </Link>
  );

  return (
    <div className="page updates-page">
      <div className="page-header">
        <div>
          <h1>Status updates</h1>
          <p className="muted">
            {latest ? (
              <>
                Latest: <HealthBadge health={latest.health as Health} size="sm" /> {since(latest.publishedAt!)} ago
              </>
            ) : (
              'What the product owner tells stakeholders, drafted from the data.'
            )}
          </p>
        </div>
        {action}
      </div>
      {draft && (
        <p className="update-draft-note" role="status">
          A draft is open, last saved {since(draft.updatedAt)} ago by {draft.author?.name ?? 'someone'}.
        </p>
      )}
      {query.isPending ? (
        <SkeletonRows count={3} height={160} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState title="No status update yet" action={action || undefined}>
          {canPublish
            ? 'Ordo drafts one from what was finished, what is blocked and each release’s forecast; you edit it, set the health and publish.'
            : 'When an owner publishes one, it appears here and you are told.'}
        </EmptyState>
      ) : (
        <>
          <HealthTimeline updates={list} />
          <div className="update-list">
            {list.map((u) => (
              <UpdateCard key={u.id} update={u} highlighted={u.id === highlight} />
            ))}
          </div>
          {query.hasNextPage && (
            <Button onClick={() => void query.fetchNextPage()} busy={query.isFetchingNextPage}>
              Older updates
            </Button>
          )}
        </>
      )}
    </div>
  );
}
