import { endpoints, type RequestOf, type ResponseOf } from '@ordo/contract';
import { call } from './client';

const { auth, tokens, users, accounts, profile } = endpoints;

export type TApiToken = ResponseOf<typeof tokens.list>['items'][number];
export type TCreatedToken = ResponseOf<typeof tokens.create>;
export type TSetupStatus = ResponseOf<typeof auth.setupStatus>;
export type TGeneratedPassword = ResponseOf<typeof accounts.resetPassword>;

export const authApi = {
  me: () => call(auth.me),
  session: () => call(auth.session),
  setupStatus: () => call(auth.setupStatus),
  setup: (body: RequestOf<typeof auth.setup>['body']) => call(auth.setup, { body }),
  login: (body: RequestOf<typeof auth.login>['body']) => call(auth.login, { body }),
  logout: () => call(auth.logout),
  tokens: () => call(tokens.list),
  createToken: (name: string) => call(tokens.create, { body: { name } }),
  revokeToken: (id: number) => call(tokens.revoke, { params: { id } }),
  users: () => call(users.list),
  createUser: (body: RequestOf<typeof users.create>['body']) => call(users.create, { body }),
  resetPassword: (id: number) => call(accounts.resetPassword, { params: { id } }),
  deactivate: (id: number) => call(accounts.deactivate, { params: { id } }),
  reactivate: (id: number) => call(accounts.reactivate, { params: { id } }),
  setAdmin: (id: number, isAdmin: boolean) => call(accounts.setAdmin, { params: { id }, body: { isAdmin } }),
  accountAudit: () => call(accounts.audit),
  people: (q?: string) => call(accounts.people, { query: { q } }),
  updateProfile: (body: RequestOf<typeof profile.update>['body']) => call(profile.update, { body }),
  changePassword: (body: RequestOf<typeof profile.changePassword>['body']) => call(profile.changePassword, { body }),
  sessions: () => call(profile.sessions),
  endSession: (id: string) => call(profile.endSession, { params: { id } }),
};
