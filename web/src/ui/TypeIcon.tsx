import type { ReactNode } from 'react';
import type { ItemType } from '@ordo/contract';

/** The item types in the order people pick them. */
export const TYPE_LABELS: Record<ItemType, string> = {
  story: 'Story',
  bug: 'Bug',
  task: 'Task',
  spike: 'Spike',
  epic: 'Epic',
};
export const ITEM_TYPE_ORDER = Object.keys(TYPE_LABELS) as ItemType[];

const SHAPES: Record<ItemType, ReactNode> = {
  epic: <path d="M8 1.5 14.5 8 8 14.5 1.5 8Z" />,
  story: <path d="M4 2h8a1 1 0 0 1 1 1v11l-5-3-5 3V3a1 1 0 0 1 1-1Z" />,
  bug: <circle cx="8" cy="8" r="5.5" />,
  task: <rect x="2.5" y="2.5" width="11" height="11" rx="2.5" />,
  spike: <path d="M8 1.8 14.6 13.5H1.4Z" />,
};

/** The type's shape in its colour; with `label`, its name beside it. */
export function TypeIcon({ type, label }: { type: ItemType; label?: boolean }) {
  return (
    <span className={`type-icon type-${type}`} title={TYPE_LABELS[type]}>
      <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
        {SHAPES[type]}
      </svg>
      {label ? <span className="type-name">{TYPE_LABELS[type]}</span> : <span className="visually-hidden">{TYPE_LABELS[type]}</span>}
    </span>
  );
}
