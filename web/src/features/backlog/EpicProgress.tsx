import { useQuery } from '@tanstack/react-query';
import { itemsApi } from '../../api/items';
import { keys } from '../../api/keys';

/**
 * An epic's children done out of all, as a thin bar and "3/8". List rows do not carry it, so each
 * epic on screen asks for its own item (shared with the item page's cache).
 */
export function EpicProgress({ itemKey }: { itemKey: string }) {
  const { data } = useQuery({ queryKey: keys.item(itemKey), queryFn: () => itemsApi.get(itemKey), staleTime: 60_000 });
  const progress = data?.progress;
  if (!progress || progress.total === 0) return null;
  const share = progress.done / progress.total;
  return (
    <span className="epic-progress" title={`${progress.done} of ${progress.total} items done`}>
      <span className="epic-bar" aria-hidden="true">
        <span style={{ width: `${Math.round(share * 100)}%` }} />
      </span>
      {progress.done}/{progress.total}
    </span>
  );
}
