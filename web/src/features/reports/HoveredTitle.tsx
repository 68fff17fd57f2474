import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { itemsApi } from '../../api/items';
import { keys } from '../../api/keys';

/** How long the cursor rests on a dot before its title is fetched, so sweeping across a chart does not fetch every item. */
const REST_MS = 120;

/**
 * The title of the item under the cursor. Scatter data carries only keys (a year can hold tens of
 * thousands of points), so the title is read when someone actually looks at one.
 */
export function HoveredTitle({ itemKey }: { itemKey: string }) {
  const [wanted, setWanted] = useState<string | null>(null);
  useEffect(() => {
    const t = setTimeout(() => setWanted(itemKey), REST_MS);
    return () => clearTimeout(t);
  }, [itemKey]);
  const item = useQuery({
    queryKey: keys.item(itemKey),
    queryFn: () => itemsApi.get(itemKey),
    enabled: wanted === itemKey,
    staleTime: 60_000,
  });
  if (item.data) return <div className="tooltip-title">{item.data.title}</div>;
  return <div className="tooltip-title faint">{item.isError ? 'Title not available' : '…'}</div>;
}
