import type { QueryClient } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, type Params, type RouteObject } from 'react-router';
import { meQuery, productQuery } from './api/queries';
import { RequireAuth } from './features/auth/RequireAuth';
import { AppFrame } from './features/frame/AppFrame';
import { ProductLayout } from './features/frame/ProductLayout';
import { BacklogPage, prefetchBacklog } from './pages/BacklogPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProductListPage } from './pages/ProductListPage';
import { RouteErrorPage } from './pages/RouteErrorPage';
import { SetupPage } from './pages/SetupPage';
import { SkeletonRows } from './ui/Skeleton';

// The backlog and the product list come in the first download; other pages load when first
// opened (and ahead of time once the first page is up, see preloadPages).
const loaders = {
  board: () => import('./pages/BoardPage').then((m) => ({ default: m.BoardPage })),
  item: () => import('./pages/ItemPage').then((m) => ({ default: m.ItemPage })),
  sprints: () => import('./pages/SprintsPage').then((m) => ({ default: m.SprintsPage })),
  sprint: () => import('./pages/SprintPage').then((m) => ({ default: m.SprintPage })),
  releases: () => import('./pages/ReleasesPage').then((m) => ({ default: m.ReleasesPage })),
  release: () => import('./pages/ReleasePage').then((m) => ({ default: m.ReleasePage })),
  reports: () => import('./pages/ReportsPage').then((m) => ({ default: m.ReportsPage })),
  settings: () => import('./pages/ProductSettingsPage').then((m) => ({ default: m.ProductSettingsPage })),
  tokens: () => import('./pages/TokensPage').then((m) => ({ default: m.TokensPage })),
  users: () => import('./pages/UsersPage').then((m) => ({ default: m.UsersPage })),
  profile: () => import('./pages/ProfilePage').then((m) => ({ default: m.ProfilePage })),
  notificationSettings: () => import('./pages/NotificationSettingsPage').then((m) => ({ default: m.NotificationSettingsPage })),
  inbox: () => import('./pages/InboxPage').then((m) => ({ default: m.InboxPage })),
  questions: () => import('./pages/QuestionsPage').then((m) => ({ default: m.QuestionsPage })),
  decisions: () => import('./pages/DecisionsPage').then((m) => ({ default: m.DecisionsPage })),
  requests: () => import('./pages/RequestsPage').then((m) => ({ default: m.RequestsPage })),
  updates: () => import('./pages/UpdatesPage').then((m) => ({ default: m.UpdatesPage })),
  updateDraft: () => import('./pages/UpdateDraftPage').then((m) => ({ default: m.UpdateDraftPage })),
  portfolio: () => import('./pages/PortfolioPage').then((m) => ({ default: m.PortfolioPage })),
  import: () => import('./pages/ImportPage').then((m) => ({ default: m.ImportPage })),
};
const BoardPage = lazy(loaders.board);
const ItemPage = lazy(loaders.item);
const SprintsPage = lazy(loaders.sprints);
const SprintPage = lazy(loaders.sprint);
const ReleasesPage = lazy(loaders.releases);
const ReleasePage = lazy(loaders.release);
const ReportsPage = lazy(loaders.reports);
const ProductSettingsPage = lazy(loaders.settings);
const TokensPage = lazy(loaders.tokens);
const UsersPage = lazy(loaders.users);
const ProfilePage = lazy(loaders.profile);
const NotificationSettingsPage = lazy(loaders.notificationSettings);
const InboxPage = lazy(loaders.inbox);
const QuestionsPage = lazy(loaders.questions);
const DecisionsPage = lazy(loaders.decisions);
const RequestsPage = lazy(loaders.requests);
const UpdatesPage = lazy(loaders.updates);
const UpdateDraftPage = lazy(loaders.updateDraft);
const PortfolioPage = lazy(loaders.portfolio);
const ImportPage = lazy(loaders.import);

/**
 * Fetches the other pages' code while the user reads the first one, so tabs open at once; a few
 * seconds after load, so it never competes with the first page's own requests.
 */
export function preloadPages() {
  const idle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 0));
  const later = () => setTimeout(() => idle(() => Object.values(loaders).forEach((load) => void load())), 3000);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}

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
  /** starts the page's first requests when navigation starts, before anything renders */
  prefetch?: (queryClient: QueryClient, params: Params, url: URL) => void;
}

export const productPages: ProductPage[] = [
  { path: 'backlog', tab: 'Backlog', element: <BacklogPage />, prefetch: prefetchBacklog },
  { path: 'board', tab: 'Board', element: later(<BoardPage />) },
  { path: 'items/:itemKey', element: later(<ItemPage />) },
  { path: 'sprints', tab: 'Sprints', element: later(<SprintsPage />) },
  { path: 'sprints/:sprintId', element: later(<SprintPage />) },
  { path: 'releases', tab: 'Releases', element: later(<ReleasesPage />) },
  { path: 'releases/:releaseId', element: later(<ReleasePage />) },
  { path: 'requests', tab: 'Requests', element: later(<RequestsPage />) },
  { path: 'questions', tab: 'Questions', element: later(<QuestionsPage />) },
  { path: 'decisions', tab: 'Decisions', element: later(<DecisionsPage />) },
  { path: 'reports', tab: 'Reports', element: later(<ReportsPage />) },
  { path: 'updates', tab: 'Updates', element: later(<UpdatesPage />) },
  { path: 'updates/draft', element: later(<UpdateDraftPage />) },
  { path: 'updates/:updateId', element: later(<UpdatesPage />) },
  { path: 'settings', tab: 'Settings', icon: <span aria-hidden="true">⚙</span>, element: later(<ProductSettingsPage />) },
];

/**
 * Every URL. Loaders only start requests (into the query cache) and return at once, so the user,
 * the product and a page's data load side by side instead of one after the other as components
 * mount.
 */
export function createRoutes(queryClient: QueryClient): RouteObject[] {
  const start =
    (fn: (params: Params, url: URL) => void) =>
    ({ params, request }: { params: Params; request: Request }) => {
      fn(params, new URL(request.url));
      return null;
    };
  return [
    { path: '/setup', element: <SetupPage />, errorElement: <RouteErrorPage /> },
    { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
    {
      element: <RequireAuth />,
      errorElement: <RouteErrorPage />,
      loader: start(() => void queryClient.prefetchQuery(meQuery())),
      children: [
        {
          element: <AppFrame />,
          children: [
            { index: true, element: <ProductListPage /> },
            { path: 'tokens', element: later(<TokensPage />) },
            { path: 'users', element: later(<UsersPage />) },
            { path: 'profile', element: later(<ProfilePage />) },
            { path: 'settings/notifications', element: later(<NotificationSettingsPage />) },
            { path: 'inbox', element: later(<InboxPage />) },
            { path: 'portfolio', element: later(<PortfolioPage />) },
            { path: 'import', element: later(<ImportPage />) },
            {
              path: 'p/:key',
              element: <ProductLayout tabs={productPages.flatMap((p) => (p.tab ? [{ path: p.path, tab: p.tab, icon: p.icon }] : []))} />,
              loader: start((params) => params.key && void queryClient.prefetchQuery(productQuery(params.key.toUpperCase()))),
              children: [
                { index: true, element: <Navigate to="backlog" replace /> },
                ...productPages.map(({ path, element, prefetch }) => ({
                  path,
                  element,
                  loader: prefetch ? start((params, url) => prefetch(queryClient, params, url)) : undefined,
                })),
              ],
            },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ];
}
