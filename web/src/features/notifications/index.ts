// What other features use of notifications: the bell, a row of the list, and marking read.
import './notifications.css';
export { NotificationBell } from './NotificationBell';
export { NotificationRow } from './NotificationRow';
export { useMarkRead, useNotificationList, useUnreadCount } from './useNotifications';
