/** Workflow categories, in the order work flows through them. */
export const STATE_CATEGORIES = ['backlog', 'todo', 'in_progress', 'done'] as const;
export type StateCategory = (typeof STATE_CATEGORIES)[number];

/**
 * Entry rules a state can carry. `ready.*` form a Definition of Ready, `done.*` a Definition of Done.
 */
export const ENTRY_RULES = {
  'ready.estimate': 'has an estimate',
  'ready.criteria': 'has acceptance criteria',
  'ready.description': 'has a description',
  'ready.not_blocked': 'is not blocked',
  'done.criteria_accepted': 'has every acceptance criterion accepted',
} as const;
export type EntryRule = keyof typeof ENTRY_RULES;
export const ENTRY_RULE_NAMES = Object.keys(ENTRY_RULES) as EntryRule[];

export const DEFAULT_WORKFLOW: ReadonlyArray<{
  name: string;
  category: StateCategory;
  wipLimit: number | null;
  entryRules: EntryRule[];
}> = [
  { name: 'Backlog', category: 'backlog', wipLimit: null, entryRules: [] },
  { name: 'To do', category: 'todo', wipLimit: null, entryRules: [] },
  { name: 'In progress', category: 'in_progress', wipLimit: null, entryRules: [] },
  { name: 'Review', category: 'in_progress', wipLimit: null, entryRules: [] },
  { name: 'Done', category: 'done', wipLimit: null, entryRules: [] },
];

export interface RuleSubject {
  estimate: number | null;
  description: string;
  blocked: boolean;
  criteriaCount: number;
  criteriaAccepted: number;
}

export interface Violation {
  rule: EntryRule | 'wip_limit';
  message: string;
}

/** Why an item may not enter a state; empty when it may. Pure: counts come from the caller. */
export function entryViolations(
  target: { name: string; wipLimit: number | null; entryRules: readonly EntryRule[]; countWithoutItem: number },
  item: RuleSubject,
): Violation[] {
  const violations: Violation[] = [];
  if (target.wipLimit != null && target.countWithoutItem + 1 > target.wipLimit) {
    violations.push({
      rule: 'wip_limit',
      message: `${target.name} is at its WIP limit of ${target.wipLimit}`,
    });
  }
  for (const rule of target.entryRules) {
    const ok =
      rule === 'ready.estimate'
        ? item.estimate != null
        : rule === 'ready.criteria'
          ? item.criteriaCount > 0
          : rule === 'ready.description'
            ? item.description.trim().length > 0
            : rule === 'ready.not_blocked'
              ? !item.blocked
              : rule === 'done.criteria_accepted'
                ? item.criteriaAccepted === item.criteriaCount
                : true;
    if (!ok) violations.push({ rule, message: `Entering ${target.name} needs an item that ${ENTRY_RULES[rule]}` });
  }
  return violations;
}
