import type { WorkflowStateRow } from '../../db/schema.js';
import type { EntryRule, StateCategory } from '../../domain/workflow.js';

export function presentState(s: WorkflowStateRow) {
  return {
    id: s.id,
    name: s.name,
    category: s.category as StateCategory,
    position: s.position,
    wipLimit: s.wip_limit,
    entryRules: JSON.parse(s.entry_rules) as EntryRule[],
    version: s.version,
  };
}
