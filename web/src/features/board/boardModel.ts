import type { TBoard, TCard, TItem } from '@ordo/contract';
import { rankBetween } from '@ordo/domain/ranks';
import type { ItemFilters } from '../../api/items';

export type BoardColumn = TBoard['columns'][number];

/** Where a card goes: a column, and next to a card of it, or where its rank puts it. */
export interface CardPlace {
  stateId: number;
  before?: string;
  after?: string;
}

/** A card's own copy of a saved item: what the board shows of it, empty fields left out as the server does. */
export function cardOf(item: TItem): TCard {
  const card = {
    key: item.key,
    type: item.type,
    title: item.title,
    stateId: item.stateId,
    rank: item.rank,
    blocked: item.blocked,
    stateEnteredAt: item.stateEnteredAt,
    version: item.version,
  } as TCard;
  if (item.estimate != null) card.estimate = item.estimate;
  if (item.labels.length) card.labels = item.labels;
  if (item.assignee) card.assigneeId = item.assignee.id;
  if (item.parentKey) card.parentKey = item.parentKey;
  if (item.openQuestions > 0) card.openQuestions = item.openQuestions;
  if (item.votes > 0) card.votes = item.votes;
  if (item.blocked) {
    card.blockedReason = item.blockedReason;
    if (item.blockedSince) card.blockedSince = item.blockedSince;
  }
  return card;
}

export function findCard(board: TBoard, key: string): { column: BoardColumn; index: number; card: TCard } | null {
  for (const column of board.columns) {
    const index = column.cards.findIndex((c) => c.key === key);
    if (index !== -1) return { column, index, card: column.cards[index]! };
  }
  return null;
}

const withCount = (column: BoardColumn, cards: TCard[], delta: number): BoardColumn => {
  const count = Math.max(0, column.count + delta);
  return { ...column, cards, count, overLimit: column.wipLimit != null && count > column.wipLimit };
};

/** The index where a card of this rank belongs among cards in rank order. */
function rankIndex(cards: TCard[], rank: string): number {
  let lo = 0;
  let hi = cards.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cards[mid]!.rank < rank) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The board with a card taken out of its column and put at `place`: beside its neighbour, with a
 * provisional rank between its new neighbours' (the server's answer brings the real one), or
 * where its rank says when no neighbour is given. Every other card keeps its identity, so only
 * the moved card and the two columns render again. A card entering another column starts aging
 * there now.
 */
export function moveCard(board: TBoard, key: string, place: CardPlace, now = new Date().toISOString(), replacement?: TCard): TBoard {
  const found = findCard(board, key);
  if (!found) return board;
  const source = found.column;
  const crossing = source.stateId !== place.stateId;
  let card: TCard = replacement ?? (crossing ? { ...found.card, stateId: place.stateId, stateEnteredAt: now } : found.card);
  const columns = board.columns.map((column) => {
    if (column.stateId !== source.stateId && column.stateId !== place.stateId) return column;
    let cards = column.cards.filter((c) => c.key !== key);
    if (column.stateId === place.stateId) {
      const anchor = place.before ?? place.after;
      let at = anchor ? cards.findIndex((c) => c.key === anchor) : -1;
      if (at === -1) at = rankIndex(cards, card.rank);
      else {
        if (place.after) at += 1;
        if (!replacement) card = { ...card, rank: provisionalRank(cards[at - 1]?.rank ?? null, cards[at]?.rank ?? null, card.rank) };
      }
      cards = [...cards.slice(0, at), card, ...cards.slice(at)];
    }
    const delta = !crossing ? 0 : column.stateId === source.stateId ? -1 : 1;
    return withCount(column, cards, delta);
  });
  return { ...board, columns };
}

/** A rank between two neighbours' (either may be absent), so a column stays in rank order while a move is on its way. */
function provisionalRank(before: string | null, after: string | null, fallback: string): string {
  try {
    return rankBetween(before, after);
  } catch {
    // Neighbours out of order for a moment (another change in flight): keep the old rank.
    return fallback;
  }
}

/** Replaces a card's fields in place (the rank and version a saved move came back with). */
export function patchCard(board: TBoard, card: TCard): TBoard {
  const found = findCard(board, card.key);
  if (!found) return board;
  return {
    ...board,
    columns: board.columns.map((c) => (c === found.column ? { ...c, cards: c.cards.map((x) => (x.key === card.key ? card : x)) } : c)),
  };
}

/** The backlog's filters, applied to cards; text matches the key or a word of the title. */
export function cardMatches(f: ItemFilters, card: TCard): boolean {
  if (f.type && !f.type.includes(card.type)) return false;
  if (f.label && !card.labels?.some((l) => f.label!.includes(l))) return false;
  if (f.assignee && !f.assignee.includes(card.assigneeId == null ? 'none' : String(card.assigneeId))) return false;
  if (f.epic && card.parentKey !== f.epic && card.key !== f.epic) return false;
  if (f.blocked && !card.blocked) return false;
  if (f.q) {
    const q = f.q.toLowerCase();
    if (!card.key.toLowerCase().includes(q) && !card.title.toLowerCase().includes(q)) return false;
  }
  return true;
}

export const filtersApply = (f: ItemFilters) => !!(f.type || f.label || f.assignee || f.epic || f.blocked || f.q);
