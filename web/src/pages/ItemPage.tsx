import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { itemsApi } from '../api/items';
import { keys } from '../api/keys';
import { useProduct } from '../api/queries';
import { ItemSkeleton } from '../features/item/ItemSkeleton';
import { ItemView } from '../features/item/ItemView';
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

  const back = from ?? `/p/${key}/backlog`;
  const close = useCallback(() => {
    // Back when we came from a page of the app, so its scroll position comes back too.
    if (from && (window.history.state as { idx?: number } | null)?.idx) navigate(-1);
    else navigate(back);
  }, [from, back, navigate]);

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
    <Link to={back} className="item-back" onClick={(e) => {
      e.preventDefault();
      close();
    }}>
      <span aria-hidden="true">←</span> {back.includes('/board') ? 'Board' : 'Backlog'}
      <kbd>Esc</kbd>
    </Link>
  );
  return <ItemView key={item.data.key} item={item.data} product={product} header={header} />;
}
