/**
 * Query keys, in one place so realtime events and mutations can find what to update. Keys start
 * with the product's key where the data belongs to one product.
 */
export const keys = {
  me: ['me'] as const,
  /** an import job, polled while it runs */
  importJob: (id: number) => ['import', id] as const,
  setup: ['setup'] as const,
  tokens: ['tokens'] as const,
  users: ['users'] as const,
  accountAudit: ['account-audit'] as const,
  sessions: ['sessions'] as const,
  products: ['products'] as const,
  product: (productKey: string) => ['product', productKey] as const,
  /** every backlog list of a product, whatever its filters */
  itemLists: (productKey: string) => ['items', productKey] as const,
  itemList: (productKey: string, filters: object) => ['items', productKey, filters] as const,
  item: (itemKey: string) => ['item', itemKey] as const,
  /** under the item's key, so whatever marks the item stale marks these stale too */
  itemComments: (itemKey: string) => ['item', itemKey, 'comments'] as const,
  itemHistory: (itemKey: string) => ['item', itemKey, 'history'] as const,
  board: (productKey: string) => ['board', productKey] as const,
  /** the bell's list and count, and the notification settings: the signed-in user's own */
  notifications: ['notifications'] as const,
  notificationList: ['notifications', 'list'] as const,
  unreadCount: ['notifications', 'unread'] as const,
  notificationSettings: ['notification-settings'] as const,
  /** everything the inbox shows (questions waiting, requests to triage, mentions), across products */
  inbox: ['inbox'] as const,
  /** a product's questions, decisions and requests, whatever the list's state or search */
  questions: (productKey: string) => ['questions', productKey] as const,
  decisions: (productKey: string) => ['decisions', productKey] as const,
  requests: (productKey: string) => ['requests', productKey] as const,
  /** under the item's key, so whatever marks the item stale marks these stale too */
  itemQuestions: (itemKey: string) => ['item', itemKey, 'questions'] as const,
  itemRequests: (itemKey: string) => ['item', itemKey, 'requests'] as const,
  /** a product's published status updates, and its open draft under them */
  updates: (productKey: string) => ['updates', productKey] as const,
  updateDraft: (productKey: string) => ['updates', productKey, 'draft'] as const,
  shareLinks: (productKey: string) => ['share-links', productKey] as const,
  /** the lead's view across products */
  portfolio: ['portfolio'] as const,
  /** a product's webhooks, and one webhook's delivery log beneath them */
  webhooks: (productKey: string) => ['webhooks', productKey] as const,
  webhookDeliveries: (productKey: string, id: number) => ['webhooks', productKey, id, 'deliveries'] as const,
};
