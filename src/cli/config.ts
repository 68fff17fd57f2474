import path from 'node:path';

/** Everything Ordo reads from its environment, with defaults that work with no configuration. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  sqliteSynchronous: 'NORMAL' | 'FULL';
  logLevel: string;
  secureCookies: boolean;
  trustProxy: boolean;
  webDir: string;
  poolSize: number;
  /** PostgreSQL: concurrent writes share a transaction and its WAL flush (src/services/group-commit.ts); GROUP_COMMIT=false turns it off */
  groupCommit: boolean;
  /** smtp:// or smtps:// URL of the mail server; without it notifications stay in Ordo */
  smtpUrl?: string;
  /** the From of Ordo's e-mails */
  smtpFrom?: string;
  /** the address people reach Ordo at, for links in e-mails; the server's own address by default */
  publicUrl?: string;
  /** how long an outbox job is held by the process working on it before another may take it */
  outboxLeaseMs: number;
  /** the bearer token Prometheus sends to GET /metrics; without it there is no /metrics */
  metricsToken?: string;
  /** how long a SIGTERM waits for requests in flight before the process exits anyway */
  shutdownGraceMs: number;
  /** where attachment bytes live: `ATTACHMENTS_DIR`, shared by every process on PostgreSQL, or `DATA_DIR/files` */
  attachmentsDir: string;
  /** the largest attachment accepted, in bytes (`ATTACHMENT_MAX_BYTES`, 25 MB by default) */
  attachmentMaxBytes: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const repoRoot = path.resolve(
    path.dirname(new URL(import.meta.url).pathname),
    '..',
    '..',
    ...(import.meta.url.includes('/dist/') ? ['..'] : []),
  );
  const dataDir = path.resolve(overrides.dataDir ?? env.DATA_DIR ?? 'data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    sqliteSynchronous: env.SQLITE_SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL',
    logLevel: env.LOG_LEVEL ?? 'info',
    secureCookies: env.SECURE_COOKIES === 'true',
    trustProxy: env.TRUST_PROXY === 'true',
    webDir: path.resolve(env.WEB_DIR ?? path.join(repoRoot, 'dist', 'web')),
    poolSize: Number(env.DB_POOL_SIZE ?? 10),
    groupCommit: env.GROUP_COMMIT !== 'false',
    smtpUrl: env.SMTP_URL || undefined,
    smtpFrom: env.SMTP_FROM || undefined,
    publicUrl: env.PUBLIC_URL || undefined,
    outboxLeaseMs: Number(env.OUTBOX_LEASE_MS ?? 60_000),
    metricsToken: env.METRICS_TOKEN || undefined,
    shutdownGraceMs: Number(env.SHUTDOWN_GRACE_MS ?? 8_000),
    attachmentsDir: path.resolve(env.ATTACHMENTS_DIR || path.join(dataDir, 'files')),
    attachmentMaxBytes: Number(env.ATTACHMENT_MAX_BYTES || 25 * 1024 * 1024),
    ...overrides,
  };
}
