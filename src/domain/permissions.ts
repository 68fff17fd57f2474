import type { Role } from './roles.js';

/**
 * Every action a person can take on a product, and who may take it. This table is the only
 * place permissions are decided; services call `can`, and test/integration/roles.test.ts walks
 * every endpoint × role against it.
 */
export const ACTIONS = [
  'product.read',
  'product.update',
  'product.archive',
  'member.manage',
  'workflow.manage',
  'item.create',
  'item.update',
  'item.move', // board moves and reordering
  'item.rank', // reordering the backlog
  'item.delete',
  'item.block',
  'comment.create',
  'criteria.edit',
  'criteria.accept',
  'rule.override', // move despite a WIP limit or Definition of Ready/Done
  'sprint.manage',
  'release.manage',
  'question.ask',
  'question.answer',
  'request.create',
  'request.triage',
  'update.publish',
  'request.vote', // vote for a request and add "+ customer" to it
  'question.reply', // answer a question addressed to you (owners answer any with question.answer)
  'share.manage', // create, list and revoke a product's share links
  'product.export', // download everything the product holds, members' e-mail addresses included
  'webhook.manage', // register webhooks, read their deliveries, redeliver
] as const;
export type Action = (typeof ACTIONS)[number];

const READ: Action[] = ['product.read'];
const TALK: Action[] = [...READ, 'comment.create', 'question.ask', 'request.create', 'request.vote'];
const TEAM: Action[] = [...TALK, 'item.create', 'item.update', 'item.move', 'item.block', 'criteria.edit', 'question.reply'];
const OWNER: Action[] = [
  ...TEAM,
  'product.update',
  'member.manage',
  'workflow.manage',
  'item.rank',
  'item.delete',
  'criteria.accept',
  'rule.override',
  'sprint.manage',
  'release.manage',
  'question.answer',
  'request.triage',
  'update.publish',
  'share.manage',
  'product.export',
  'webhook.manage',
];

export const PERMISSIONS: Record<Role, ReadonlySet<Action>> = {
  admin: new Set<Action>([...OWNER, 'product.archive']),
  lead: new Set<Action>([...OWNER, 'product.archive']),
  owner: new Set<Action>(OWNER),
  developer: new Set<Action>(TEAM),
  qa: new Set<Action>(TEAM),
  stakeholder: new Set<Action>(TALK),
  viewer: new Set<Action>(READ),
};

export function can(role: Role | null | undefined, action: Action): boolean {
  return !!role && PERMISSIONS[role].has(action);
}
