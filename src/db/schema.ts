import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';

/**
 * The database as Kysely sees it, on both dialects.
 * Timestamps are ISO-8601 UTC strings (`2026-11-25T21:38:50.123Z`) on both, so they compare
 * lexicographically and need no per-dialect parsing; booleans are 0/1 integers for the same reason.
 */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  account_events: AccountEventsTable;
  attachments: AttachmentsTable;
  api_tokens: ApiTokensTable;
  settings: SettingsTable;
  products: ProductsTable;
  memberships: MembershipsTable;
  workflow_states: WorkflowStatesTable;
  items: ItemsTable;
  item_labels: ItemLabelsTable;
  item_links: ItemLinksTable;
  acceptance_criteria: AcceptanceCriteriaTable;
  comments: CommentsTable;
  activity: ActivityTable;
  outbox: OutboxTable;
  sprints: SprintsTable;
  sprint_record_items: SprintRecordItemsTable;
  releases: ReleasesTable;
  flow_daily: FlowDailyTable;
  notifications: NotificationsTable;
  notification_settings: NotificationSettingsTable;
  notification_users: NotificationUsersTable;
  questions: QuestionsTable;
  decisions: DecisionsTable;
  decision_items: DecisionItemsTable;
  requests: RequestsTable;
  request_votes: RequestVotesTable;
  request_customers: RequestCustomersTable;
  login_throttle: LoginThrottleTable;
  status_updates: StatusUpdatesTable;
  share_links: ShareLinksTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  import_jobs: ImportJobsTable;
  demo_builds: DemoBuildsTable;
}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the root handle or a transaction; services accept both. */
export type Conn = Kysely<Database>;

type Id = Generated<number>;
type Bool = number;

export interface UsersTable {
  id: Id;
  email: string;
  name: string;
  password_hash: string;
  is_admin: Bool;
  created_at: string;
  disabled_at: string | null;
}

export interface SessionsTable {
  /** sha256 of the cookie value, so a leaked database does not leak live sessions */
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  user_agent: ColumnType<string | null, string | null | undefined, string | null>;
  last_seen_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A file on an item; its bytes are on disk under their sha256 (services/attachments/file-store.ts). */
export interface AttachmentsTable {
  id: Id;
  product_id: number;
  item_id: number;
  uploader_id: number | null;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  created_at: string;
}

/** Admin actions on accounts (reset, deactivate, reactivate, admin granted or revoked). */
export interface AccountEventsTable {
  id: Id;
  user_id: number;
  actor_id: number | null;
  action: string;
  created_at: string;
}

export interface ApiTokensTable {
  id: Id;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface ProductsTable {
  id: Id;
  key: string;
  name: string;
  vision: string;
  /** number of the last activity row; taken in the writing transaction so events commit in order */
  last_event: ColumnType<number, number | undefined, number>;
  next_item_number: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  version: ColumnType<number, number | undefined, number>;
  /** set while `ordo demo` is still making the product: hidden from everyone but its members (migration 081) */
  building_since: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface MembershipsTable {
  product_id: number;
  user_id: number;
  role: string;
  created_at: string;
}

export interface WorkflowStatesTable {
  id: Id;
  product_id: number;
  name: string;
  category: string;
  position: number;
  wip_limit: number | null;
  /** JSON array of rule names (see domain/workflow.ts) */
  entry_rules: string;
  version: ColumnType<number, number | undefined, number>;
}

export interface ItemsTable {
  id: Id;
  product_id: number;
  number: number;
  key: string;
  type: string;
  title: string;
  description: string;
  state_id: number;
  rank: string;
  estimate: number | null;
  business_value: number | null;
  time_criticality: number | null;
  risk_reduction: number | null;
  job_size: number | null;
  rice_reach: number | null;
  rice_impact: number | null;
  rice_confidence: number | null;
  rice_effort: number | null;
  /** JSON array, denormalised for reads; item_labels is the index for filters */
  labels: string;
  assignee_id: number | null;
  parent_id: number | null;
  sprint_id: number | null;
  release_id: number | null;
  blocked: Bool;
  blocked_reason: string | null;
  blocked_since: string | null;
  /** seconds blocked in closed blocked periods; the open one is added on read */
  blocked_seconds: ColumnType<number, number | undefined, number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  state_entered_at: string;
  started_at: string | null;
  done_at: string | null;
  deleted_at: string | null;
  version: ColumnType<number, number | undefined, number>;
  /** open questions on the item (migration 021), kept by src/services/questions */
  open_questions: ColumnType<number, number | undefined, number>;
  /** requests linked to the item and their distinct voters and customers (migration 022), kept by src/services/requests */
  request_count: ColumnType<number, number | undefined, number>;
  request_votes: ColumnType<number, number | undefined, number>;
  request_customers: ColumnType<number, number | undefined, number>;
}

export interface ItemLabelsTable {
  item_id: number;
  product_id: number;
  label: string;
}

export interface ItemLinksTable {
  id: Id;
  product_id: number;
  from_item_id: number;
  to_item_id: number;
  /** 'blocks' (from blocks to) or 'relates' */
  kind: string;
  created_at: string;
}

export interface AcceptanceCriteriaTable {
  id: Id;
  item_id: number;
  text: string;
  position: number;
  accepted: Bool;
  accepted_by: number | null;
  accepted_at: string | null;
  created_at: string;
}

export interface CommentsTable {
  id: Id;
  item_id: number;
  author_id: number;
  body: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ActivityTable {
  id: Id;
  product_id: number;
  /** per-product, gap-free, commit-ordered; the SSE event id */
  event_number: number;
  actor_id: number | null;
  entity_type: string;
  entity_id: number;
  item_id: number | null;
  action: string;
  /** JSON of the changed fields before and after */
  before: string | null;
  after: string | null;
  created_at: string;
}

/** Work after commit: one row per e-mail, webhook delivery, … (src/services/outbox.ts). */
export interface OutboxTable {
  id: Id;
  /** which handler does it: 'email', 'webhook', … */
  kind: string;
  /** JSON the handler reads */
  payload: string;
  created_at: string;
  run_at: string;
  attempts: Generated<number>;
  claimed_until: string | null;
  done_at: string | null;
  failed_at: string | null;
  last_error: string | null;
}

export interface SprintsTable {
  id: Id;
  product_id: number;
  name: string;
  goal: string;
  start_date: string | null;
  end_date: string | null;
  state: string;
  created_at: string;
  started_at: string | null;
  closed_at: string | null;
  /** what the sprint finished, recorded at close (migration 005) */
  completed_points: number | null;
  completed_items: number | null;
  version: ColumnType<number, number | undefined, number>;
  /** when the close kept the sprint's record (migration 075); null for sprints closed before */
  recorded_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One item's part in a closed sprint, kept at the close (migration 075). */
export interface SprintRecordItemsTable {
  sprint_id: number;
  item_id: number;
  item_key: string;
  title: string;
  type: string;
  position: number;
  committed: Bool;
  added: Bool;
  /** done | moved_on | removed */
  outcome: string;
  start_points: number | null;
  joined_points: number | null;
  end_points: number | null;
}

export interface ReleasesTable {
  id: Id;
  product_id: number;
  name: string;
  description: string;
  target_date: string | null;
  created_at: string;
  released_at: string | null;
  version: ColumnType<number, number | undefined, number>;
}

/**
 * Net items entering each state per day and item type, kept by a trigger on activity
 * (migration 005): the cumulative-flow chart's running totals.
 */
export interface FlowDailyTable {
  product_id: number;
  /** YYYY-MM-DD (UTC) */
  day: string;
  state_id: number;
  item_type: string;
  delta: number;
}

export type UserRow = Selectable<UsersTable>;
export type ProductRow = Selectable<ProductsTable>;
export type WorkflowStateRow = Selectable<WorkflowStatesTable>;
export type ItemRow = Selectable<ItemsTable>;
export type NewItemRow = Insertable<ItemsTable>;
export type ItemUpdate = Updateable<ItemsTable>;
export type ActivityRow = Selectable<ActivityTable>;
export type SprintRow = Selectable<SprintsTable>;
export type ReleaseRow = Selectable<ReleasesTable>;
export type CommentRow = Selectable<CommentsTable>;
export type CriterionRow = Selectable<AcceptanceCriteriaTable>;

/** One notification for one person (migration 020, src/services/notifications/). */
export interface NotificationsTable {
  id: Id;
  user_id: number;
  /** the recipient's own sequence number: their live stream's event id */
  seq: number;
  kind: string;
  product_id: number | null;
  actor_id: number | null;
  title: string;
  body: string;
  /** a path of the web app */
  link: string;
  entity_type: string | null;
  entity_id: number | null;
  created_at: string;
  read_at: string | null;
  /** null: no e-mail; 'immediate' | 'digest': due; 'sent' */
  email_state: string | null;
}

/** A person's choice for one kind: 'in_app' | 'email' | 'off'; absent means the kind's default. */
/** Failed sign-ins per key in a fixed window (migration 060, src/services/auth/login-throttle.ts). */
export interface LoginThrottleTable {
  key: string;
  count: number;
  reset_at: string;
}

export interface NotificationSettingsTable {
  user_id: number;
  kind: string;
  channel: string;
}

/** Per person: the last notification number given out, and the e-mail digest's schedule. */
export interface NotificationUsersTable {
  user_id: number;
  last_seq: ColumnType<number, number | undefined, number>;
  digest_minutes: ColumnType<number, number | undefined, number>;
  digest_due_at: string | null;
  last_digest_at: string | null;
}

export type NotificationRow = Selectable<NotificationsTable>;

/** A question to the owner (migration 021). */
export interface QuestionsTable {
  id: Id;
  product_id: number;
  item_id: number | null;
  asker_id: number;
  /** null: the product's owners */
  addressee_id: number | null;
  body: string;
  /** 'open' | 'answered' */
  state: string;
  created_at: string;
  answer: string | null;
  answered_by: number | null;
  answered_at: string | null;
  decision_id: number | null;
}

/** An entry of a product's decision log. */
export interface DecisionsTable {
  id: Id;
  product_id: number;
  question_id: number | null;
  title: string;
  body: string;
  decided_by: number | null;
  decided_at: string;
  supersedes_id: number | null;
  superseded_by_id: number | null;
}

export interface DecisionItemsTable {
  decision_id: number;
  item_id: number;
}

/** A request from a stakeholder or a customer (migration 022). */
export interface RequestsTable {
  id: Id;
  product_id: number;
  title: string;
  description: string;
  customer: string;
  impact: string;
  link: string | null;
  requester_id: number;
  /** 'new' | 'linked' | 'merged' | 'declined' */
  state: string;
  item_id: number | null;
  merged_into_id: number | null;
  decline_reason: string | null;
  triaged_by: number | null;
  triaged_at: string | null;
  shipped_at: string | null;
  votes: ColumnType<number, number | undefined, number>;
  customers: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
}

export interface RequestVotesTable {
  request_id: number;
  user_id: number;
  created_at: string;
}

export interface RequestCustomersTable {
  request_id: number;
  customer_key: string;
  customer: string;
  added_by: number | null;
  created_at: string;
}

/** A status update, drafted or published (migration 080, src/services/updates/). */
export interface StatusUpdatesTable {
  id: Id;
  product_id: number;
  /** 'draft' | 'published' */
  state: string;
  body: string;
  /** 'on_track' | 'at_risk' | 'off_track'; null on a draft until chosen */
  health: string | null;
  suggested_health: string;
  suggested_reason: string;
  since: string;
  author_id: number | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  published_by: number | null;
  corrected_at: string | null;
  corrected_by: number | null;
  correction_note: string | null;
  version: ColumnType<number, number | undefined, number>;
}
export type StatusUpdateRow = Selectable<StatusUpdatesTable>;

/** A read-only link for people without an account (migration 080, src/services/share-links/). */
export interface ShareLinksTable {
  id: Id;
  product_id: number;
  label: string;
  /** SHA-256 of the token, hex; the token itself is shown once and never stored */
  token_hash: string;
  show_updates: Bool;
  show_forecasts: Bool;
  show_roadmap: Bool;
  created_by: number | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_opened_at: string | null;
  open_count: ColumnType<number, number | undefined, number>;
}
export type ShareLinkRow = Selectable<ShareLinksTable>;
/** A product's webhook (migration 035, src/services/webhooks/). */
export interface WebhooksTable {
  id: Id;
  product_id: number;
  url: string;
  /** JSON array of event kinds: `item.moved`, `item.*` */
  events: string;
  secret: string;
  active: ColumnType<number, number | undefined, number>;
  /** failed attempts since the last success */
  failure_count: ColumnType<number, number | undefined, number>;
  disabled_at: string | null;
  disabled_reason: string | null;
  created_by: number | null;
  created_at: string;
}

/** One event for one webhook, with its last attempt's outcome; the attempts are outbox jobs. */
export interface WebhookDeliveriesTable {
  id: Id;
  webhook_id: number;
  event: string;
  payload: string;
  /** 'pending' | 'retrying' | 'delivered' | 'failed' */
  status: ColumnType<string, string | undefined, string>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string | null;
  response_status: number | null;
  duration_ms: number | null;
  response_excerpt: string | null;
  redelivery_of: number | null;
  created_at: string;
  last_attempt_at: string | null;
}

export type WebhookRow = Selectable<WebhooksTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
/** An import job (migration 030, src/services/imports/import-jobs.ts). */
export interface ImportJobsTable {
  id: Id;
  product_key: string;
  format: string;
  dry_run: Bool;
  /** 'running' | 'done' | 'failed' */
  status: string;
  created_by: number;
  bytes: ColumnType<number, number | undefined, number>;
  created_at: string;
  finished_at: string | null;
  /** JSON of the report (contract ZImportReport) */
  report: string | null;
  /** JSON: { code, message, where } */
  error: string | null;
}

/** An `ordo demo` still being built, and by whom (migration 081, src/cli/demo-builds.ts). */
export interface DemoBuildsTable {
  id: Id;
  domain: string;
  users_after: number;
  products_after: number;
  host: string;
  pid: number;
  started_at: string;
  alive_at: string;
}
