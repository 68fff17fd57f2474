import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

/** True while the user types into a field, when single-letter shortcuts must stay letters. */
export function isTyping(e: KeyboardEvent | ReactKeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (!t) return false;
  return t.isContentEditable || t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT';
}

/** A dialog is open: page shortcuts wait until it closes. */
export const dialogOpen = () => !!document.querySelector('dialog[open]');
