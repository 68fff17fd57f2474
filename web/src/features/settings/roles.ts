import { PRODUCT_ROLES, type Role } from '@ordo/domain/roles';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  lead: 'Lead',
  owner: 'Owner',
  developer: 'Developer',
  qa: 'QA',
  stakeholder: 'Stakeholder',
  viewer: 'Viewer',
};

/** What each role does on a product, in a few words, for the role picker. */
export const ROLE_HINTS: Record<Role, string> = {
  admin: 'everything, everywhere',
  lead: 'owns this and oversees its owner',
  owner: 'orders the backlog, accepts work',
  developer: 'works items on the board',
  qa: 'works items on the board',
  stakeholder: 'reads, comments, requests',
  viewer: 'reads only',
};

export { PRODUCT_ROLES };
