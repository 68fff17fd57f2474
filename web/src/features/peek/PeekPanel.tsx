import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { TProductDetail } from '@ordo/contract';
import { isApiError } from '../../api/client';
import { itemsApi } from '../../api/items';
import { keys } from '../../api/keys';
import { ErrorState } from '../../ui/ErrorState';
import { dialogOpen } from '../../ui/keyboard';
import { Skeleton } from '../../ui/Skeleton';
import './peek.css';

// The item's parts load with the first peek, not with the backlog's first page.
const ItemView = lazy(() => import('../item').then((m) => ({ default: m.ItemView })));

/**
 * An item beside the list it was opened from, editable in full (the item page's own parts), so
 * the owner keeps their place. Under 768 px it covers the screen. Esc closes it when nothing in it
 * is being typed into.
 */
export function PeekPanel({
  product,
  itemKey,
  onClose,
  fullPage,
}: {
  product: TProductDetail;
  itemKey: string;
  onClose: () => void;
  /** where "Open" goes, with what the item page needs to come back */
  fullPage: { to: string; state: unknown };
}) {
  const item = useQuery({ queryKey: keys.item(itemKey), queryFn: () => itemsApi.get(itemKey) });
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || typingText(e.target) || dialogOpen() || e.ctrlKey || e.metaKey || e.altKey) return;
      // A menu or an editor inside the panel handles its own Esc first.
      e.preventDefault();
      close.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const actions: ReactNode = (
    <span className="peek-actions">
      <Link className="btn btn-ghost btn-sm" to={fullPage.to} state={fullPage.state} title="Open the item on its own page">
        Open
      </Link>
      <button type="button" className="icon-btn peek-close" aria-label="Close the panel" title="Close (Esc)" onClick={onClose}>
        ×
      </button>
    </span>
  );

  return (
    <aside className="peek-panel" aria-label={`Item ${itemKey}`} data-testid="peek-panel" data-key={itemKey}>
      {item.isPending ? (
        <PeekSkeleton actions={actions} />
      ) : item.isError ? (
        <div className="peek-message">
          <div className="peek-bar">{actions}</div>
          <ErrorState
            error={item.error}
            onRetry={() => void item.refetch()}
            title={isApiError(item.error) && item.error.status === 404 ? `${itemKey} does not exist` : undefined}
          />
        </div>
      ) : (
        <Suspense fallback={<PeekSkeleton actions={actions} />}>
          <ItemView key={item.data.key} item={item.data} product={product} header={null} actions={actions} layout="panel" />
        </Suspense>
      )}
    </aside>
  );
}

function PeekSkeleton({ actions }: { actions: ReactNode }) {
  return (
    <div className="peek-loading" aria-busy="true" aria-label="Loading the item">
      <div className="peek-bar">
        <Skeleton width={90} />
        {actions}
      </div>
      <Skeleton width="70%" height={24} />
      {[92, 85, 97, 40].map((w) => (
        <Skeleton key={w} width={`${w}%`} />
      ))}
    </div>
  );
}

/** Esc in a text box cancels the typing; on a select, a checkbox or a button it closes the panel. */
function typingText(target: EventTarget | null): boolean {
  const t = target as HTMLElement | null;
  if (!t) return false;
  if (t.isContentEditable || t.tagName === 'TEXTAREA') return true;
  return t.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes((t as HTMLInputElement).type);
}
