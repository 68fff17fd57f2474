import type { TNotification } from '@ordo/contract';
import { since } from '../../ui/time';

/** One notification: unread dot, what happened, where and when; the row opens it. */
export function NotificationRow({
  notification: n,
  onOpen,
  onMarkRead,
}: {
  notification: TNotification;
  onOpen: () => void;
  onMarkRead: () => void;
}) {
  return (
    <li className={`notification ${n.readAt ? '' : 'is-unread'}`}>
      <button type="button" className="notification-open" onClick={onOpen}>
        <span className="notification-dot" aria-hidden="true" />
        <span className="notification-text">
          <span className="notification-title">{n.title}</span>
          {n.body && <span className="notification-body">{n.body.split('\n')[0]}</span>}
          <span className="notification-meta">
            {n.productKey && <span className="notification-product">{n.productKey}</span>}
            <time dateTime={n.createdAt} title={new Date(n.createdAt).toLocaleString()}>
              {since(n.createdAt)} ago
            </time>
            {!n.readAt && <span className="visually-hidden">, unread</span>}
          </span>
        </span>
      </button>
      {!n.readAt && (
        <button
          type="button"
          className="icon-btn notification-read"
          aria-label={`Mark read: ${n.title}`}
          title="Mark read"
          onClick={onMarkRead}
        >
          ✓
        </button>
      )}
    </li>
  );
}
