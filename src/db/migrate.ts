import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './schema.js';
import type { Dialect } from './dialect.js';
import { initial } from './migrations/001_initial.js';
import { itemIndexes } from './migrations/002_item_indexes.js';
import { sprintVelocity } from './migrations/005_sprint_velocity.js';
import { itemsStatistics } from './migrations/006_items_statistics.js';
import { epicIndex } from './migrations/007_epic_index.js';
import { outbox } from './migrations/008_outbox.js';
import { notifications } from './migrations/020_notifications.js';
import { questions } from './migrations/021_questions.js';
import { requests } from './migrations/022_requests.js';
import { webhooks } from './migrations/035_webhooks.js';
import { uniqueStateNames } from './migrations/050_unique_state_names.js';
import { loginThrottle } from './migrations/060_login_throttle.js';
import { importJobs } from './migrations/030_import_jobs.js';
import { doneColumnIndex } from './migrations/074_done_column_index.js';
import { sprintRecords } from './migrations/075_sprint_records.js';
import { statusUpdates } from './migrations/080_status_updates.js';
import { accounts } from './migrations/076_accounts.js';
import { attachments } from './migrations/077_attachments.js';
import { demoBuilds } from './migrations/081_demo_builds.js';

/** The one ordered set of migrations; each takes the dialect for the few types that differ. */
function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '001_initial': initial(dialect),
    '002_item_indexes': itemIndexes(dialect),
    '005_sprint_velocity': sprintVelocity(dialect),
    '006_items_statistics': itemsStatistics(dialect),
    '007_epic_index': epicIndex(dialect),
    '008_outbox': outbox(dialect),
    '020_notifications': notifications(dialect),
    '021_questions': questions(dialect),
    '022_requests': requests(dialect),
    '035_webhooks': webhooks(dialect),
    '050_unique_state_names': uniqueStateNames(dialect),
    '060_login_throttle': loginThrottle(dialect),
    '030_import_jobs': importJobs(dialect),
    '074_done_column_index': doneColumnIndex(dialect),
    '075_sprint_records': sprintRecords(dialect),
    '080_status_updates': statusUpdates(dialect),
    '076_accounts': accounts(dialect),
    '077_attachments': attachments(dialect),
    '081_demo_builds': demoBuilds(dialect),
  };
}

/** The names of every migration this version of Ordo knows, in order. */
export function knownMigrations(): string[] {
  return Object.keys(migrations('sqlite')).sort();
}

class OrdoMigrations implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations() {
    return migrations(this.dialect);
  }
}

export async function migrateToLatest(db: Db, dialect: Dialect): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new OrdoMigrations(dialect), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
