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
      ['j / k', 'Move the cursor down / up'],
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
];
