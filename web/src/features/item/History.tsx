import { useInfiniteQuery } from '@tanstack/react-query';
import { errorMessage } from '../../api/client';
import { itemPartsApi } from '../../api/itemParts';
import { keys } from '../../api/keys';
import { Button } from '../../ui/Button';
import { SkeletonRows } from '../../ui/Skeleton';
import { since } from '../../ui/time';
import type { Vocabulary } from './fields';
import { describeActivity } from './historyText';

/** Everything that happened to the item, newest first, in sentences: who did what, how long ago. */
export function History({ itemKey, words }: { itemKey: string; words: Vocabulary }) {
  const query = useInfiniteQuery({
    queryKey: keys.itemHistory(itemKey),
    queryFn: ({ pageParam }) => itemPartsApi.history(itemKey, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const entries = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="item-section" aria-labelledby="history-heading">
      <h2 id="history-heading" className="section-title">
        History
      </h2>
      {query.isPending ? (
        <SkeletonRows count={3} height={28} />
      ) : query.isError ? (
        <p className="form-error">The history could not be loaded: {errorMessage(query.error)}</p>
      ) : (
        <ol className="history" data-testid="history">
          {entries.map((a) => (
            <li key={a.id} className="history-entry">
              <span className="history-dot" aria-hidden="true" />
              <span>
                <strong>{a.actor?.name ?? 'Ordo'}</strong> {describeActivity(a, itemKey, words)}
                <span className="faint" title={new Date(a.at).toLocaleString()}>
                  {' '}
                  · {since(a.at)} ago
                </span>
              </span>
            </li>
          ))}
        </ol>
      )}
      {query.hasNextPage && (
        <Button size="sm" variant="ghost" onClick={() => void query.fetchNextPage()} busy={query.isFetchingNextPage}>
          Show older
        </Button>
      )}
    </section>
  );
}
