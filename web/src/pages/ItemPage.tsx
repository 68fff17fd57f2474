import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { itemsApi } from '../api/items';
import { keys } from '../api/keys';
import { useProduct } from '../api/queries';
import { ItemSkeleton } from '../features/item/ItemSkeleton';
import { ItemView } from '../features/item/ItemView';
import { usePageTitle } from '../features/frame';
import { ErrorState } from '../ui/ErrorState';
import { dialogOpen, isTyping } from '../ui/keyboard';

/**
 * An item on its own URL. It remembers the page it was opened from (the board with its
 * swimlanes and filters, the backlog): the back link and Esc return there.
 */
export function ItemPage() {
  const { key = '', itemKey = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const product = useProduct(key).data;
  const item = useQuery({ queryKey: keys.item(itemKey), queryFn: () => itemsApi.get(itemKey) });
  usePageTitle(item.data ? `${item.data.key} ${item.data.title}` : itemKey.toUpperCase());

  const back = from ?? `/p/${key}/backlog`;
  // Opened from a page of the app, going back returns there as it was (filters, scroll); opened from outside, to the backlog.
  const inApp = !!(window.history.state as { idx?: number } | null)?.idx;
  const close = useCallback(() => {
    if (inApp) navigate(-1);
    else navigate(back);
  }, [inApp, back, navigate]);
  const backLabel = from?.includes('/board') ? 'Board' : from || !inApp ? 'Backlog' : 'Back';

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !isTyping(e) && !dialogOpen() && !e.defaultPrevented) close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [close]);

  if (item.isPending || !product) return <ItemSkeleton />;
  if (item.isError) return <ErrorState error={item.error} onRetry={() => void item.refetch()} />;
  const header = (
    <Link
      to={back}
      className="item-back"
      onClick={(e) => {
        e.preventDefault();
        close();
      }}
    >
      <span aria-hidden="true">←</span> {backLabel}
      <kbd>Esc</kbd>
    </Link>
  );
  return <ItemView key={item.data.key} item={item.data} product={product} header={header} />;
}
