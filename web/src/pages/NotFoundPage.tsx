import { Link } from 'react-router';
import { TopBar } from '../features/frame/TopBar';
import { EmptyState } from '../ui/EmptyState';
import { usePageTitle } from '../features/frame';

export function NotFoundPage() {
  usePageTitle('Not found');
  return (
    <>
      <TopBar>
        <h1 className="topbar-title">Not found</h1>
      </TopBar>
      <EmptyState
        title="There is no page here"
        action={
          <Link to="/" className="link">
            Go to your products
          </Link>
        }
      >
        The address may be mistyped, or the page may have moved.
      </EmptyState>
    </>
  );
}
