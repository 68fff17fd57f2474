import type { TBoard, TCard, TItem, TItemSummary } from '@ordo/contract';
import type { BacklogData } from '../src/features/backlog/cache';

/**
 * Rows, items, cards and boards as the server sends them, with only what a test cares about
 * given. Keys are PAY-n; ranks are short strings in the order given.
 */
export function row(key: string, rank: string, fields: Partial<TItemSummary> = {}): TItemSummary {
  return {
    key,
    number: Number(key.split('-')[1]),
    type: 'story',
    title: `Title of ${key}`,
    stateId: 1,
    stateCategory: 'todo',
    rank,
    estimate: null,
    wsjf: null,
    rice: null,
    labels: [],
    assignee: null,
    parentKey: null,
    sprintId: null,
    releaseId: null,
    blocked: false,
    blockedReason: null,
    blockedSince: null,
    stateEnteredAt: '2026-03-02T09:00:00.000Z',
    createdAt: '2026-03-02T09:00:00.000Z',
    updatedAt: '2026-03-02T09:00:00.000Z',
    doneAt: null,
    version: 1,
    openQuestions: 0,
    requests: 0,
    votes: 0,
    customers: 0,
    ...fields,
  };
}

export function item(key: string, rank: string, fields: Partial<TItem> = {}): TItem {
  return {
    ...row(key, rank),
    productKey: 'PAY',
    description: '',
    businessValue: null,
    timeCriticality: null,
    riskReduction: null,
    jobSize: null,
    riceReach: null,
    riceImpact: null,
    riceConfidence: null,
    riceEffort: null,
    blockedSeconds: 0,
    startedAt: null,
    deletedAt: null,
    createdBy: null,
    criteria: [],
    links: [],
    progress: null,
    ...fields,
  };
}

/** A backlog cache of pages of rows; `more` says the server has rows past the last page. */
export function backlog(pages: TItemSummary[][], more = false): BacklogData {
  return {
    pages: pages.map((items, i) => ({ items, nextCursor: i === pages.length - 1 && !more ? null : `c${i + 1}` })),
    pageParams: pages.map((_, i) => (i === 0 ? undefined : `c${i}`)),
  };
}

export const keysOf = (rows: Array<{ key: string }>) => rows.map((r) => r.key);

export function card(key: string, stateId: number, rank: string, fields: Partial<TCard> = {}): TCard {
  return {
    key,
    type: 'story',
    title: `Title of ${key}`,
    stateId,
    rank,
    blocked: false,
    stateEnteredAt: '2026-03-02T09:00:00.000Z',
    version: 1,
    ...fields,
  };
}

/** A board of To do (1, WIP limit none), In progress (2) and Review (3, WIP limit 1). */
export function board(columns: { todo?: TCard[]; doing?: TCard[]; review?: TCard[] }, extra: Partial<TBoard> = {}): TBoard {
  const column = (stateId: number, name: string, cards: TCard[], wipLimit: number | null) => ({
    stateId,
    name,
    category: (stateId === 1 ? 'todo' : 'in_progress') as 'todo' | 'in_progress',
    wipLimit,
    count: cards.length,
    overLimit: wipLimit !== null && cards.length > wipLimit,
    hasMore: false,
    capped: null,
    cards,
  });
  return {
    productKey: 'PAY',
    lastEvent: 1,
    columns: [
      column(1, 'To do', columns.todo ?? [], null),
      column(2, 'In progress', columns.doing ?? [], null),
      column(3, 'Review', columns.review ?? [], 1),
    ],
    users: [],
    epics: [],
    ...extra,
  };
}
