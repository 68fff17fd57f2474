import type { z } from 'zod';
import type { TMe, TUser, ZApiToken, ZCreatedToken, ZSetupStatus } from '../../../src/contract/auth';
import { api } from './client';

export type TApiToken = z.infer<typeof ZApiToken>;
export type TCreatedToken = z.infer<typeof ZCreatedToken>;
export type TSetupStatus = z.infer<typeof ZSetupStatus>;

export const authApi = {
  me: () => api.get<TMe>('/api/me'),
  setupStatus: () => api.get<TSetupStatus>('/api/setup'),
  setup: (input: { token: string; name: string; email: string; password: string }) => api.post<TMe>('/api/setup', input),
  login: (input: { email: string; password: string }) => api.post<TMe>('/api/auth/login', input),
  logout: () => api.post<void>('/api/auth/logout'),
  tokens: () => api.get<{ items: TApiToken[] }>('/api/tokens'),
  createToken: (name: string) => api.post<TCreatedToken>('/api/tokens', { name }),
  revokeToken: (id: number) => api.delete(`/api/tokens/${id}`),
  users: () => api.get<{ items: TUser[] }>('/api/users'),
  createUser: (input: { email: string; name: string; password: string; isAdmin: boolean }) => api.post<TUser>('/api/users', input),
};
