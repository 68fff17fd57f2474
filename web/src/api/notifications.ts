import { endpoints, type NotificationChannel, type NotificationKind } from '@ordo/contract';
import { call } from './client';

const { notifications } = endpoints;

/** The signed-in user's notifications (the bell) and their choices of what reaches them. */
export const notificationsApi = {
  list: (query: { unread?: boolean; kind?: NotificationKind[]; cursor?: string; limit?: number } = {}) =>
    call(notifications.list, {
      query: { unread: query.unread ? 'true' : undefined, kind: query.kind, cursor: query.cursor, limit: query.limit },
    }),
  markRead: (ids: number[]) => call(notifications.read, { body: { ids } }),
  markAllRead: () => call(notifications.read, { body: { all: true } }),
  settings: () => call(notifications.settings),
  updateSettings: (change: { digestMinutes?: number; kinds?: Partial<Record<NotificationKind, NotificationChannel>> }) =>
    call(notifications.updateSettings, { body: change }),
};
