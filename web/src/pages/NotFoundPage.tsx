import { Link } from 'react-router';
import { TopBar } from '../features/frame/TopBar';
import { EmptyState } from '../ui/EmptyState';

export function NotFoundPage() {
  return (
    <>
      <TopBar>
        <span className="topbar-title">Not found</span>
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
