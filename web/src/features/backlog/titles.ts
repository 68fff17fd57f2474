import { ITEM_TITLE_MAX } from '@ordo/contract';

/** At most this many items from one paste: more is an import, not a paste. */
export const MAX_PASTED_ITEMS = 100;

/** Why a title cannot be saved as typed, or null when it can: the server's limit, from the contract. */
export function titleTooLong(title: string): string | null {
  const length = title.trim().length;
  return length > ITEM_TITLE_MAX
    ? `This title has ${length.toLocaleString()} characters; a title can have at most ${ITEM_TITLE_MAX}.`
    : null;
}

/** A list bullet a line pasted from a document or a chat may start with: "- ", "* ", "• ", "– ", "[ ] ". */
const BULLET = /^(?:[-*•–]\s+|\[[ xX]?\]\s+)/;

/** The titles in pasted text: one per non-empty line, trimmed, list bullets taken off. */
export function pastedTitles(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim().replace(BULLET, '').trim())
    .filter(Boolean);
}
