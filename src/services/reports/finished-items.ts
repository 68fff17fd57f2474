import { readCycleTimes } from '../../db/cycle-times.js';
import type { Dialect } from '../../db/dialect.js';
import type { Conn } from '../../db/schema.js';
import { endOfDayIso, DAY_MS } from '../../domain/dates.js';
import type { FinishedItem } from '../../domain/flow.js';
import { filterItems, type ReportScope } from './report-scope.js';

/** Items finished in the range with their cycle times, oldest first; a year can hold 80,000. */
export async function finishedItems(db: Conn, dialect: Dialect, scope: ReportScope): Promise<FinishedItem[]> {
  const finished = filterItems(
    db
      .selectFrom('items')
      .where('items.done_at', '>=', new Date(scope.fromDay * DAY_MS).toISOString())
      .where('items.done_at', '<', endOfDayIso(scope.toDay))
      .where('items.started_at', 'is not', null),
    scope,
  );
  return readCycleTimes(dialect, finished);
}
