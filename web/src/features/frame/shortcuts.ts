/** Every keyboard shortcut, as the `?` dialog lists them. Add a section for your page's keys. */
export const SHORTCUTS: { section: string; keys: [string, string][] }[] = [
  {
    section: 'Anywhere',
    keys: [
      ['?', 'Show these shortcuts'],
      ['Esc', 'Close a dialog or menu; clear the selection'],
    ],
  },
  {
    section: 'Backlog',
    keys: [
      ['j / k', 'Move the cursor down / up (an open panel follows)'],
      ['Space', 'Open or close the item beside the list'],
      ['Enter', 'Open the item'],
      ['Alt ↑ / Alt ↓', 'Move the item up / down one place'],
      ['t', 'Send the item to the top'],
      ['x', 'Select or unselect the item'],
      ['Shift click', 'Select a range'],
      ['Ctrl/⌘ click', 'Add to or remove from the selection'],
      ['c', 'Add an item (after the cursor)'],
      ['/', 'Search'],
    ],
  },
  {
    section: 'Board',
    keys: [
      ['↑ ↓ ← →', 'Move between cards (an open panel follows)'],
      ['Space', 'Open or close the card beside the board'],
      ['Enter', 'Open the card'],
      ['Shift ← / Shift →', 'Move the card to the previous / next column'],
      ['Alt ↑ / Alt ↓', 'Move the card up / down in its column'],
      ['/', 'Filter cards'],
    ],
  },
  {
    section: 'Item',
    keys: [
      ['Esc', 'Back to where the item was opened from; close the panel'],
      ['Enter', 'Save the title, a number or a criterion'],
      ['Ctrl/⌘ Enter', 'Save the description; post a comment'],
      ['Alt ↑ / Alt ↓', 'Move an acceptance criterion up / down'],
    ],
  },
];
