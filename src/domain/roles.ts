export const ROLES = ['admin', 'lead', 'owner', 'developer', 'qa', 'stakeholder', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
/** Roles that can be granted on a product (admin is workspace-wide, a user flag). */
export const PRODUCT_ROLES = ['lead', 'owner', 'developer', 'qa', 'stakeholder', 'viewer'] as const;
export type ProductRole = (typeof PRODUCT_ROLES)[number];
