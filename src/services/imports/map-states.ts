import { AppError } from '../../domain/errors.js';
import { STATE_CATEGORIES, type StateCategory } from '../../domain/workflow.js';
import type { SourceStatus } from './import-model.js';

/** A state of the product the import writes into (existing, or to be created). */
export interface TargetState {
  name: string;
  category: StateCategory;
}

export interface StateMapping {
  source: string;
  state: string;
  category: StateCategory;
  by: 'name' | 'category' | 'known name' | 'override' | 'list';
}

/** Status names Jira and others ship with, when an export has no Status Category column. */
const KNOWN: Record<string, StateCategory> = {
  backlog: 'backlog',
  open: 'todo',
  new: 'todo',
  reopened: 'todo',
  'to do': 'todo',
  todo: 'todo',
  'selected for development': 'todo',
  ready: 'todo',
  'ready for development': 'todo',
  'in progress': 'in_progress',
  'in development': 'in_progress',
  doing: 'in_progress',
  'in review': 'in_progress',
  'code review': 'in_progress',
  review: 'in_progress',
  testing: 'in_progress',
  'in testing': 'in_progress',
  qa: 'in_progress',
  blocked: 'in_progress',
  done: 'done',
  closed: 'done',
  resolved: 'done',
  complete: 'done',
  completed: 'done',
  "won't do": 'done',
  "won't fix": 'done',
  cancelled: 'done',
  canceled: 'done',
  released: 'done',
};

/**
 * Parses `--map-status "Code Review=Review"` pairs: the source status (or Trello list) on the
 * left, an Ordo state name or a category (backlog, todo, in_progress, done) on the right.
 */
export function parseStatusMap(pairs: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of pairs) {
    const i = pair.lastIndexOf('=');
    if (i <= 0 || i === pair.length - 1)
      throw new AppError('validation', `map-status: "${pair}" must look like "Code Review=Review" (source status = Ordo state)`);
    map.set(pair.slice(0, i).trim().toLowerCase(), pair.slice(i + 1).trim());
  }
  return map;
}

const isCategory = (s: string): s is StateCategory => (STATE_CATEGORIES as readonly string[]).includes(s);

/**
 * Jira statuses onto the product's workflow: an override first, then a state of the same name,
 * then the status's category (Jira's Status Category column), then a well-known status name.
 * A status none of these place is an error naming where it is first used, and how to map it.
 */
export function mapStatuses(statuses: SourceStatus[], states: TargetState[], overrides: Map<string, string>): StateMapping[] {
  const byName = new Map(states.map((s) => [s.name.toLowerCase(), s]));
  const firstOf = (category: StateCategory) => states.find((s) => s.category === category);
  return statuses.map((status) => {
    const override = overrides.get(status.name.toLowerCase());
    if (override !== undefined) {
      const target = byName.get(override.toLowerCase()) ?? (isCategory(override) ? firstOf(override) : undefined);
      if (!target)
        throw new AppError(
          'validation',
          `map-status: "${status.name}=${override}": the product has no state "${override}" (states: ${states.map((s) => s.name).join(', ')})`,
        );
      return { source: status.name, state: target.name, category: target.category, by: 'override' as const };
    }
    const same = byName.get(status.name.toLowerCase());
    if (same) return { source: status.name, state: same.name, category: same.category, by: 'name' as const };
    const fromCategory = status.category ? firstOf(status.category) : undefined;
    if (fromCategory) return { source: status.name, state: fromCategory.name, category: fromCategory.category, by: 'category' as const };
    const known = KNOWN[status.name.toLowerCase()];
    const fromKnown = known ? firstOf(known) : undefined;
    if (fromKnown) return { source: status.name, state: fromKnown.name, category: fromKnown.category, by: 'known name' as const };
    throw new AppError(
      'validation',
      `${status.where}: the status "${status.name}" matches no state of the product (${states.map((s) => s.name).join(', ')}); map it, e.g. --map-status "${status.name}=${states[0]?.name ?? 'To do'}"`,
      { where: status.where, status: status.name },
    );
  });
}

/**
 * Trello lists become the product's workflow, one state per list in board order, each with the
 * category its name suggests unless an override names one (`Lab=in_progress`).
 */
export function statesFromLists(
  statuses: SourceStatus[],
  overrides: Map<string, string>,
): { states: TargetState[]; mappings: StateMapping[] } {
  const states: TargetState[] = [];
  const mappings: StateMapping[] = [];
  const seen = new Map<string, TargetState>();
  for (const s of statuses) {
    const override = overrides.get(s.name.toLowerCase());
    if (override !== undefined && !isCategory(override))
      throw new AppError(
        'validation',
        `map-status: "${s.name}=${override}": a Trello list maps to a category: ${STATE_CATEGORIES.join(', ')}`,
      );
    const category = (override as StateCategory | undefined) ?? s.category ?? 'todo';
    // Two lists of one name become one state.
    let state = seen.get(s.name.toLowerCase());
    if (!state) {
      state = { name: s.name.slice(0, 60), category };
      seen.set(s.name.toLowerCase(), state);
      states.push(state);
    }
    mappings.push({ source: s.name, state: state.name, category: state.category, by: override !== undefined ? 'override' : 'list' });
  }
  // A board's columns are ordered by category on the board; keep list order within each.
  states.sort((a, b) => STATE_CATEGORIES.indexOf(a.category) - STATE_CATEGORIES.indexOf(b.category));
  return { states, mappings };
}
