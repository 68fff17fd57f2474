import { describe, expect, it } from 'vitest';
import { ACTIONS, PERMISSIONS, can, type Action } from '../../src/domain/permissions.js';
import { ROLES, type Role } from '../../src/domain/roles.js';

/** The matrix as PRODUCT.md describes the roles; a change to permissions.ts must change this too. */
const EXPECTED: Record<Role, Action[]> = {
  viewer: ['product.read'],
  stakeholder: ['product.read', 'comment.create', 'question.ask', 'request.create', 'request.vote'],
  developer: [
    'product.read',
    'comment.create',
    'question.ask',
    'request.create',
    'request.vote',
    'item.create',
    'item.update',
    'item.move',
    'item.block',
    'criteria.edit',
    'question.reply',
  ],
  qa: [
    'product.read',
    'comment.create',
    'question.ask',
    'request.create',
    'request.vote',
    'item.create',
    'item.update',
    'item.move',
    'item.block',
    'criteria.edit',
    'question.reply',
  ],
  owner: ACTIONS.filter((a) => a !== 'product.archive'),
  lead: [...ACTIONS],
  admin: [...ACTIONS],
};

describe('permissions', () => {
  it.each(ROLES)('gives a %s exactly the actions of their role', (role) => {
    expect(ACTIONS.filter((a) => can(role, a))).toEqual(ACTIONS.filter((a) => EXPECTED[role].includes(a)));
  });

  it('keeps stakeholders and viewers from changing items', () => {
    for (const role of ['stakeholder', 'viewer'] as const) {
      for (const action of ['item.create', 'item.update', 'item.move', 'item.rank', 'item.delete', 'item.block'] as const)
        expect(can(role, action)).toBe(false);
    }
  });

  it('lets the team move items but not reorder the backlog, delete, or override rules', () => {
    for (const role of ['developer', 'qa'] as const) {
      expect(can(role, 'item.move')).toBe(true);
      expect(can(role, 'item.rank')).toBe(false);
      expect(can(role, 'item.delete')).toBe(false);
      expect(can(role, 'rule.override')).toBe(false);
    }
  });

  it('lets owners, leads and admins override workflow rules; only leads and admins archive', () => {
    for (const role of ['owner', 'lead', 'admin'] as const) expect(can(role, 'rule.override')).toBe(true);
    expect(can('owner', 'product.archive')).toBe(false);
    expect(can('lead', 'product.archive')).toBe(true);
  });

  it('grants nothing without a role', () => {
    for (const action of ACTIONS) {
      expect(can(null, action)).toBe(false);
      expect(can(undefined, action)).toBe(false);
    }
  });

  it('only names actions that exist', () => {
    for (const role of ROLES) for (const action of PERMISSIONS[role]) expect(ACTIONS).toContain(action);
  });
});
