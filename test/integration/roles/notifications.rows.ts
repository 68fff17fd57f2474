import type { Harness } from '../../support/harness.js';
import type { Row } from './walk.js';

/** Notifications belong to the caller, not to a product: nothing to walk per role. */
export function rows(_h: Harness): Row[] {
  return [];
}

export const unscoped = [
  'GET /api/notifications',
  'POST /api/notifications/read',
  'GET /api/me/notification-settings',
  'PUT /api/me/notification-settings',
  'GET /api/me/events',
];
