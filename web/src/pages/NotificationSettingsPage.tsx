import { TopBar } from '../features/frame/TopBar';
import { NotificationSettings } from '../features/notifications/NotificationSettings';
import '../features/notifications/notifications.css';
import { usePageTitle } from '../features/frame';

export function NotificationSettingsPage() {
  usePageTitle('Notifications');
  return (
    <>
      <TopBar>
        <span className="topbar-title">Notifications</span>
      </TopBar>
      <div className="page-area">
        <div className="page">
          <div className="page-header">
            <div>
              <h1>Notifications</h1>
              <p className="muted">What Ordo tells you about, and how: in Ordo (the bell), by e-mail too, or not at all.</p>
            </div>
          </div>
          <NotificationSettings />
        </div>
      </div>
    </>
  );
}
