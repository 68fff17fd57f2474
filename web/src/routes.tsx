import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { RequireAuth } from './features/auth/RequireAuth';
import { AppFrame } from './features/frame/AppFrame';
import { ProductLayout } from './features/frame/ProductLayout';
import { BacklogPage } from './pages/BacklogPage';
import { BoardPage } from './pages/BoardPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProductListPage } from './pages/ProductListPage';
import { ProductSettingsPage } from './pages/ProductSettingsPage';
import { ReleasePage } from './pages/ReleasePage';
import { ReleasesPage } from './pages/ReleasesPage';
import { ReportsPage } from './pages/ReportsPage';
import { RouteErrorPage } from './pages/RouteErrorPage';
import { SetupPage } from './pages/SetupPage';
import { SprintPage } from './pages/SprintPage';
import { SprintsPage } from './pages/SprintsPage';
import { TokensPage } from './pages/TokensPage';
import { SkeletonRows } from './ui/Skeleton';

const ItemPage = lazy(() => import('./pages/ItemPage').then((m) => ({ default: m.ItemPage })));

const later = (page: ReactNode) => <Suspense fallback={<SkeletonRows count={8} />}>{page}</Suspense>;

/**
 * A product's pages, under /p/:key. Those with a `tab` appear in the top bar, in this order.
 * To add a page: one line here, the page in web/src/pages, its parts in web/src/features/<feature>.
 */
export interface ProductPage {
  path: string;
  element: ReactNode;
  tab?: string;
  icon?: ReactNode;
}

export const productPages: ProductPage[] = [
  { path: 'backlog', tab: 'Backlog', element: <BacklogPage /> },
  { path: 'board', tab: 'Board', element: <BoardPage /> },
  { path: 'items/:itemKey', element: later(<ItemPage />) },
  { path: 'sprints', tab: 'Sprints', element: <SprintsPage /> },
  { path: 'sprints/:sprintId', element: <SprintPage /> },
  { path: 'releases', tab: 'Releases', element: <ReleasesPage /> },
  { path: 'releases/:releaseId', element: <ReleasePage /> },
  { path: 'reports', tab: 'Reports', element: <ReportsPage /> },
  { path: 'settings', tab: 'Settings', icon: <span aria-hidden="true">⚙</span>, element: <ProductSettingsPage /> },
];

export const routes: RouteObject[] = [
  { path: '/setup', element: <SetupPage />, errorElement: <RouteErrorPage /> },
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
  {
    element: <RequireAuth />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <AppFrame />,
        children: [
          { index: true, element: <ProductListPage /> },
          { path: 'tokens', element: <TokensPage /> },
          {
            path: 'p/:key',
            element: <ProductLayout tabs={productPages.flatMap((p) => (p.tab ? [{ path: p.path, tab: p.tab, icon: p.icon }] : []))} />,
            children: [{ index: true, element: <Navigate to="backlog" replace /> }, ...productPages.map(({ path, element }) => ({ path, element }))],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
