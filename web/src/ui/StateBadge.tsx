import type { StateCategory } from '@ordo/domain/workflow';

export const CATEGORY_LABELS: Record<StateCategory, string> = {
  backlog: 'Backlog',
  todo: 'To do',
  in_progress: 'In progress',
  done: 'Done',
};

/** A state's category drawn as Linear does: dashed (not planned), empty, half, full. */
export function StateIcon({ category }: { category: StateCategory }) {
  return (
    <svg className={`state-icon state-${category}`} viewBox="0 0 14 14" width="12" height="12" aria-hidden="true">
      <circle
        cx="7"
        cy="7"
        r="5.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeDasharray={category === 'backlog' ? '2 1.6' : undefined}
      />
      {category === 'in_progress' && <path d="M7 3.5a3.5 3.5 0 0 1 0 7Z" fill="currentColor" />}
      {category === 'done' && (
        <>
          <circle cx="7" cy="7" r="5.5" fill="currentColor" />
          <path
            d="m4.6 7.2 1.6 1.6 3.2-3.4"
            fill="none"
            stroke="var(--bg)"
            strokeWidth="1.5"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </>
      )}
    </svg>
  );
}

export function StateBadge({ name, category }: { name: string; category: StateCategory }) {
  return (
    <span className={`state-badge state-${category}`}>
      <StateIcon category={category} />
      <span className="state-name">{name}</span>
    </span>
  );
}
