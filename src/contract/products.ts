import { z } from 'zod';
import { ZProductKey } from './common.js';
import { PRODUCT_ROLES, ROLES } from '../domain/roles.js';
import { ENTRY_RULE_NAMES, STATE_CATEGORIES } from '../domain/workflow.js';

export const ZWorkflowState = z.object({
  id: z.number(),
  name: z.string(),
  category: z.enum(STATE_CATEGORIES),
  position: z.number(),
  wipLimit: z.number().nullable(),
  entryRules: z.array(z.enum(ENTRY_RULE_NAMES as [string, ...string[]])),
  version: z.number(),
});
export type TWorkflowState = z.infer<typeof ZWorkflowState>;

export const ZProduct = z.object({
  key: z.string(),
  name: z.string(),
  vision: z.string(),
  role: z.enum(ROLES),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastEvent: z.number(),
  version: z.number(),
});
export type TProduct = z.infer<typeof ZProduct>;

export const ZProductDetail = ZProduct.extend({
  states: z.array(ZWorkflowState),
  members: z.array(z.object({ userId: z.number(), name: z.string(), email: z.string(), role: z.enum(ROLES) })),
  labels: z.array(z.string()),
  epics: z.array(z.object({ key: z.string(), title: z.string() })),
});
export type TProductDetail = z.infer<typeof ZProductDetail>;

export const ZCreateProductRequest = z.strictObject({
  key: ZProductKey,
  name: z.string().trim().min(1).max(200),
  vision: z.string().max(2000).optional(),
});

export const ZUpdateProductRequest = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  vision: z.string().max(2000).optional(),
  version: z.number().int().optional(),
});

export const ZMember = z.object({ userId: z.number(), name: z.string(), email: z.string(), role: z.enum(ROLES) });
export type TMember = z.infer<typeof ZMember>;
export const ZSetMemberRequest = z.strictObject({
  email: z.string().trim().min(1).max(320).optional(),
  userId: z.number().int().optional(),
  role: z.enum(PRODUCT_ROLES),
});

export const ZCreateStateRequest = z.strictObject({
  name: z.string().trim().min(1).max(60),
  category: z.enum(STATE_CATEGORIES),
  wipLimit: z.number().int().min(1).max(999).nullable().optional(),
  entryRules: z.array(z.enum(ENTRY_RULE_NAMES as [string, ...string[]])).optional(),
  /** index in the column order; appended when absent */
  position: z.number().int().min(0).optional(),
});
export const ZUpdateStateRequest = z.strictObject({
  name: z.string().trim().min(1).max(60).optional(),
  category: z.enum(STATE_CATEGORIES).optional(),
  wipLimit: z.number().int().min(1).max(999).nullable().optional(),
  entryRules: z.array(z.enum(ENTRY_RULE_NAMES as [string, ...string[]])).optional(),
  position: z.number().int().min(0).optional(),
  version: z.number().int().optional(),
});
