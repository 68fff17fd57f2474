import { Link, useNavigate } from 'react-router';
import type { TNotification } from '@ordo/contract';
import { errorMessage } from '../../api/client';
import { Button } from '../../ui/Button';
import { Skeleton } from '../../ui/Skeleton';
import { NotificationRow } from './NotificationRow';
import { useMarkRead, useNotificationList, useUnreadCount } from './useNotifications';

/** The bell's panel: the latest notifications, newest first; opening one marks it read. */
export function NotificationPanel({ onClose }: { onClose: () => void }) {
  const list = useNotificationList(true);
  const unread = useUnreadCount().data ?? 0;
  const markRead = useMarkRead();
  const navigate = useNavigate();

  const open = (n: TNotification) => {
    if (!n.readAt) markRead.mutate([n.id]);
    onClose();
    navigate(n.link);
  };

  return (
    <div className="bell-panel" role="dialog" aria-label="Notifications">
      <header className="bell-panel-header">
        <h2>Notifications</h2>
        <Button size="sm" variant="ghost" disabled={unread === 0} busy={markRead.isPending} onClick={() => markRead.mutate('all')}>
          Mark all read
        </Button>
      </header>
      <div className="bell-panel-list">
        {list.isPending ? (
          <div className="bell-panel-loading">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} height={44} />
            ))}
          </div>
        ) : list.isError ? (
          <p className="bell-panel-empty">{errorMessage(list.error)}</p>
        ) : list.data.items.length === 0 ? (
          <p className="bell-panel-empty">
            Nothing yet. You are told here when someone mentions you, assigns you an item, asks or answers your question, or moves a request
            you care about.
          </p>
        ) : (
          <ul>
            {list.data.items.map((n) => (
              <NotificationRow key={n.id} notification={n} onOpen={() => open(n)} onMarkRead={() => markRead.mutate([n.id])} />
            ))}
          </ul>
        )}
      </div>
      <footer className="bell-panel-footer is-end">
        <Link to="/settings/notifications" className="link" onClick={onClose}>
          Settings
        </Link>
      </footer>
    </div>
  );
}
