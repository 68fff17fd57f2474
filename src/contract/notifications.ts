import { endpoint } from './endpoint.js';
import { z } from 'zod';
import { ZCsvList, ZNumberCursor, ZUserRef, page } from './common.js';
import {
  MAX_DIGEST_MINUTES,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  type NotificationChannel,
  type NotificationKind,
} from '../domain/notifications.js';

export {
  DIGEST_CHOICES,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  type NotificationChannel,
  type NotificationKind,
} from '../domain/notifications.js';

export const ZNotification = z.object({
  id: z.number(),
  kind: z.enum(NOTIFICATION_KINDS),
  /** the product it is about; null for workspace matters */
  productKey: z.string().nullable(),
  actor: ZUserRef.nullable(),
  title: z.string(),
  body: z.string(),
  /** a path of the web app: /p/PAY/items/PAY-12 */
  link: z.string(),
  entity: z.object({ type: z.string(), id: z.number() }).nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZNotificationQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  /** only these kinds: mention,assigned */
  kind: ZCsvList.optional(),
  cursor: ZNumberCursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TNotificationQuery = z.infer<typeof ZNotificationQuery>;

/** Newest first; `unread` counts every unread notification of the caller, whatever the filters. */
export const ZNotificationPage = page(ZNotification).extend({ unread: z.number() });
export type TNotificationPage = z.infer<typeof ZNotificationPage>;

export const ZMarkReadRequest = z
  .strictObject({
    /** these notifications (the caller's own) */
    ids: z
      .array(
        z
          .number()
          .int()
          .positive()
          .max(2 ** 53),
      )
      .min(1)
      .max(500)
      .optional(),
    /** every unread notification of the caller */
    all: z.literal(true).optional(),
  })
  .refine((b) => (b.ids === undefined) !== (b.all === undefined), { message: 'give either ids or all: true', path: ['ids'] });
export type TMarkReadRequest = z.infer<typeof ZMarkReadRequest>;
export const ZUnreadCount = z.object({ unread: z.number() });

const ZChannel = z.enum(NOTIFICATION_CHANNELS);
export const ZNotificationSettings = z.object({
  email: z.object({
    /** false when the server has no SMTP_URL: only in_app and off can be chosen */
    available: z.boolean(),
    /** where e-mails go */
    address: z.string(),
  }),
  /** 0: each e-mail at once; N: at most one e-mail every N minutes, gathering what arrived */
  digestMinutes: z.number(),
  /** the channel of every kind (the default where none was chosen) */
  kinds: z.record(z.enum(NOTIFICATION_KINDS), ZChannel),
});
export type TNotificationSettings = z.infer<typeof ZNotificationSettings>;

export const ZUpdateNotificationSettings = z.strictObject({
  digestMinutes: z.number().int().min(0).max(MAX_DIGEST_MINUTES).optional(),
  kinds: z.partialRecord(z.enum(NOTIFICATION_KINDS), ZChannel).optional(),
});
export type TUpdateNotificationSettings = {
  digestMinutes?: number;
  kinds?: Partial<Record<NotificationKind, NotificationChannel>>;
};

export const notificationsEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/notifications',
    tag: 'notifications',
    summary: 'Your notifications, newest first (unread=true: only unread; kind=mention,…), with your unread count',
    query: ZNotificationQuery,
    response: ZNotificationPage,
  }),
  read: endpoint({
    method: 'POST',
    path: '/api/notifications/read',
    tag: 'notifications',
    summary: 'Mark some of your notifications read (ids), or all of them (all: true); answers your unread count',
    body: ZMarkReadRequest,
    response: ZUnreadCount,
  }),
  settings: endpoint({
    method: 'GET',
    path: '/api/me/notification-settings',
    tag: 'notifications',
    summary: 'What reaches you per kind (in_app, email or off), your digest, and whether e-mail is set up',
    response: ZNotificationSettings,
  }),
  updateSettings: endpoint({
    method: 'PUT',
    path: '/api/me/notification-settings',
    tag: 'notifications',
    summary: 'Choose per kind what reaches you, and the digest (0: each e-mail at once; N: at most one every N minutes)',
    body: ZUpdateNotificationSettings,
    response: ZNotificationSettings,
  }),
  stream: endpoint({
    method: 'GET',
    path: '/api/me/events',
    tag: 'notifications',
    summary:
      'Server-Sent Events for you across products: `notification` (id = your notification number, data = the notification) and `unread` (data = { unread }). ' +
      'Resumes after `Last-Event-ID` (or `?after=N`); without either, sends only what arrives from now on. A `reset` event means your numbers are behind the id given: reload.',
    produces: 'text/event-stream',
    query: z.strictObject({
      after: z.coerce
        .number()
        .int()
        .min(0)
        .max(2 ** 31)
        .optional(),
    }),
  }),
};
