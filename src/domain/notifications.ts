/**
 * What Ordo tells people about, and how. Every feature that tells someone something calls
 * `notify()` (src/services/notifications/notify.ts) with one of these kinds; each person chooses
 * per kind whether it reaches them in Ordo, in Ordo and by e-mail, or not at all.
 */
export const NOTIFICATION_KINDS = [
  'mention',
  'assigned',
  'question_asked',
  'question_answered',
  'request_submitted',
  'request_status',
  'status_update_published',
  'webhook_disabled',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How each kind is described on the settings page: "Tell me when …". */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  mention: 'someone mentions me',
  assigned: 'an item is assigned to me',
  question_asked: 'a question is asked to me',
  question_answered: 'my question is answered',
  request_submitted: 'a request arrives on a product I triage',
  request_status: 'a request I made or voted for is triaged or shipped',
  status_update_published: 'a status update is published',
  webhook_disabled: 'a webhook is turned off after failing',
};

/** `in_app`: the bell only; `email`: the bell and an e-mail (or a digest); `off`: nothing. */
export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'off'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * Until a person chooses, everything reaches them by e-mail too when e-mail is set up: each kind
 * is about them personally (their question, their request, their item), except status updates,
 * which stakeholders follow by e-mail in every tool they already use.
 */
export const DEFAULT_CHANNEL: Record<NotificationKind, NotificationChannel> = {
  mention: 'email',
  assigned: 'email',
  question_asked: 'email',
  question_answered: 'email',
  request_submitted: 'in_app',
  request_status: 'email',
  status_update_published: 'email',
  webhook_disabled: 'email',
};

/** The digest choices the settings page offers, in minutes; 0 sends each e-mail at once. */
export const DIGEST_CHOICES = [0, 15, 60, 240, 1440] as const;
export const MAX_DIGEST_MINUTES = 1440;

/** What a notification of `kind` does for a person, given their choice and whether e-mail is set up. */
export function effectiveChannel(kind: NotificationKind, chosen: string | null | undefined, emailAvailable: boolean): NotificationChannel {
  const channel = (NOTIFICATION_CHANNELS as readonly string[]).includes(chosen ?? '')
    ? (chosen as NotificationChannel)
    : DEFAULT_CHANNEL[kind];
  return channel === 'email' && !emailAvailable ? 'in_app' : channel;
}

/**
 * When a digest that starts collecting now is sent: N minutes later, with whatever arrived
 * meanwhile. A new collection starts only after the last digest went out, so a person gets at
 * most one e-mail every N minutes.
 */
export function digestDueAt(now: Date, digestMinutes: number): Date {
  return new Date(now.getTime() + digestMinutes * 60_000);
}
