import { Navigate } from 'react-router';
import { useMe } from '../api/queries';
import { TopBar } from '../features/frame/TopBar';
import { UserAdmin } from '../features/users/UserAdmin';
import { usePageTitle } from '../features/frame';

export function UsersPage() {
  usePageTitle('People');
  const me = useMe().data;
  if (me && !me.isAdmin) return <Navigate to="/" replace />;
  return (
    <>
      <TopBar>
        <span className="topbar-title">People</span>
      </TopBar>
      <div className="page-area">
        <div className="page">
          <div className="page-header">
            <div>
              <h1>People</h1>
              <p className="muted">Everyone who can sign in to this Ordo. Give them roles in each product's settings.</p>
            </div>
          </div>
          <UserAdmin />
        </div>
      </div>
    </>
  );
}
