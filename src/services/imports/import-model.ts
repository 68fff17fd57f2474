import type { ItemType } from '../../contract/items.js';
import type { StateCategory } from '../../domain/workflow.js';

/**
 * What a Jira CSV or a Trello board becomes before anything is written: one model both parsers
 * produce and one writer (run-import.ts) reads, so the formats differ only in how they are read.
 * `where` is always a place the user can find in their file: "line 12" or "$.cards[3]".
 */

export type ImportFormat = 'jira' | 'trello' | 'ordo';

export interface ImportWarning {
  where: string;
  message: string;
}

/** A status (Jira) or list (Trello) as the source names it, with the category it says or we guess. */
export interface SourceStatus {
  name: string;
  /** Jira's Status Category, or the category guessed from a Trello list's name; null when unknown */
  category: StateCategory | null;
  /** where it was first seen */
  where: string;
}

/** Someone the source names: an assignee, a comment's author, a card's member. */
export interface SourcePerson {
  name: string;
  email: string | null;
}

export interface SourceComment {
  /** a key of `ImportSource.people`, or null when the source does not say */
  author: string | null;
  body: string;
  at: string;
}

export interface SourceCriterion {
  text: string;
  accepted: boolean;
}

/** A state change the source recorded: the item entered `status` at `at`. */
export interface SourceMove {
  at: string;
  /** the status it left, when the source says (the first move tells where the item started) */
  from?: string;
  status: string;
}

export interface SourceItem {
  where: string;
  /** TES-25, or a Trello card's short link */
  sourceKey: string;
  /** Jira's Issue id, or a Trello card's id: what parents and comments refer to */
  sourceId: string;
  /** the number the item would like to keep (TES-25 → 25); taken when every item's is free and distinct */
  number: number | null;
  type: ItemType;
  title: string;
  description: string;
  status: string;
  /** Jira's Rank (a LexoRank, ordered as text); null keeps the source's order */
  rank: string | null;
  /** the source's order: file order (Jira) or list then position (Trello) */
  order: number;
  estimate: number | null;
  labels: string[];
  /** the parent's sourceKey or sourceId (an epic, or a sub-task's parent) */
  parentRef: string | null;
  sprint: string | null;
  assignee: string | null;
  reporter: string | null;
  createdAt: string;
  updatedAt: string | null;
  /** when it was finished, if the source says */
  resolvedAt: string | null;
  /** when it entered its current status, if the source says (Jira's Status Category Changed) */
  statusChangedAt: string | null;
  due: string | null;
  /** empty while only the plan was read (see `ImportSource.reread`); `commentCount` counts them either way */
  comments: SourceComment[];
  commentCount: number;
  criteria: SourceCriterion[];
  /** recorded state changes, oldest first (Trello's card movements); Jira exports have none */
  moves: SourceMove[];
  /** lines for the description's "Imported from" footer: the original type, people kept as text, a non-epic parent */
  notes: string[];
}

export interface ImportSource {
  format: ImportFormat;
  /** the Jira project or Trello board name, for a new product's name */
  name: string | null;
  /** statuses in the source's order (Trello: list order) */
  statuses: SourceStatus[];
  items: SourceItem[];
  people: Map<string, SourcePerson>;
  warnings: ImportWarning[];
  /** a Trello board's statuses are its lists and become the product's workflow; Jira's map onto it */
  statusesAreWorkflow: boolean;
  /**
   * Reads the file again, whole and in the same order, `size` items at a time. Set when the first
   * read kept only what planning needs (no descriptions, no comments) so that a large export is
   * never in memory at once; the writer takes each batch, writes it and lets it go. Without it,
   * `items` are whole.
   */
  reread?: (size: number) => AsyncIterable<SourceItem[]>;
}

/** Progress while a file is read and written. */
export interface ImportProgress {
  phase: 'reading' | 'writing' | 'done';
  /** rows (Jira) or cards (Trello) read so far */
  read: number;
  /** rows written so far, of toWrite (0 until the writing phase) */
  written: number;
  toWrite: number;
  bytes: number;
  totalBytes: number | null;
}
