import type { ReactNode } from 'react';
import { Link, Navigate, NavLink, Outlet, useLocation, useParams } from 'react-router';
import { useProduct } from '../../api/queries';
import { ProductStreamProvider } from '../../realtime/ProductStreamContext';
import { ErrorState } from '../../ui/ErrorState';
import { Skeleton } from '../../ui/Skeleton';
import { TopBar } from './TopBar';

export interface ProductTab {
  path: string;
  tab: string;
  icon?: ReactNode;
}

/** A product's pages: its key and name, the tabs, and the one event stream that keeps them live. */
export function ProductLayout({ tabs }: { tabs: ProductTab[] }) {
  const key = useParams().key ?? '';
  const location = useLocation();
  const product = useProduct(key);
  if (key !== key.toUpperCase()) {
    return <Navigate to={location.pathname.replace(`/p/${key}`, `/p/${key.toUpperCase()}`) + location.search} replace />;
  }
  return (
    <ProductStreamProvider productKey={key} after={product.data?.lastEvent}>
      <TopBar>
        <Link to={`/p/${key}/backlog`} className="product-title">
          <span className="product-key">{key}</span>
          <span className="product-sep" aria-hidden="true">
            ·
          </span>
          {product.data ? <span>{product.data.name}</span> : !product.isError && <Skeleton width={100} />}
        </Link>
        <nav className="tabs" aria-label={`${key} pages`} hidden={product.isError}>
          {tabs.map((t) => (
            <NavLink key={t.path} to={`/p/${key}/${t.path}`} className="tab" aria-label={t.icon ? t.tab : undefined}>
              {t.icon}
              <span className={t.icon ? 'tab-label-with-icon' : undefined}>{t.tab}</span>
            </NavLink>
          ))}
        </nav>
      </TopBar>
      <div className="page-area">
        {product.isError ? (
          <ErrorState
            error={product.error}
            onRetry={() => void product.refetch()}
            action={
              <Link to="/" className="link">
                Go to your products
              </Link>
            }
          />
        ) : (
          <Outlet />
        )}
      </div>
    </ProductStreamProvider>
  );
}
