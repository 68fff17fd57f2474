import { z } from 'zod';
import { ROLES } from '../domain/roles.js';

export const ZLoginRequest = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
});

export const ZUser = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  createdAt: z.string(),
});
export type TUser = z.infer<typeof ZUser>;

export const ZMe = ZUser.extend({
  products: z.array(z.object({ key: z.string(), name: z.string(), role: z.enum(ROLES) })),
});
export type TMe = z.infer<typeof ZMe>;

export const ZSetupStatus = z.object({ needsSetup: z.boolean() });

export const ZSetupRequest = z.strictObject({
  token: z.string().min(1).max(200),
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(8, 'must be at least 8 characters').max(1000),
});

export const ZCreateTokenRequest = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const ZApiToken = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export const ZCreatedToken = ZApiToken.extend({ token: z.string() });

export const ZCreateUserRequest = z.strictObject({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(8, 'must be at least 8 characters').max(1000),
  isAdmin: z.boolean().optional(),
});
