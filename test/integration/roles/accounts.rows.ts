import type { Harness } from '../../support/harness.js';
import type { Row } from './walk.js';

/**
 * Accounts belong to the workspace, not to a product: admins manage them (test/integration/accounts.test.ts
 * walks admin × non-admin for each), and everyone manages their own profile and sessions.
 */
export function rows(_h: Harness): Row[] {
  return [];
}

export const unscoped = [
  'POST /api/users/:id/reset-password',
  'POST /api/users/:id/deactivate',
  'POST /api/users/:id/reactivate',
  'PUT /api/users/:id/admin',
  'GET /api/users/audit',
  'GET /api/people',
  'PATCH /api/me',
  'POST /api/me/password',
  'GET /api/me/sessions',
  'DELETE /api/me/sessions/:id',
];
