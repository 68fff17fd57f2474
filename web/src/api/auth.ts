import { endpoints, type RequestOf, type ResponseOf } from '@ordo/contract';
import { call } from './client';

const { auth, tokens, users } = endpoints;

export type TApiToken = ResponseOf<typeof tokens.list>['items'][number];
export type TCreatedToken = ResponseOf<typeof tokens.create>;
export type TSetupStatus = ResponseOf<typeof auth.setupStatus>;

export const authApi = {
  me: () => call(auth.me),
  setupStatus: () => call(auth.setupStatus),
  setup: (body: RequestOf<typeof auth.setup>['body']) => call(auth.setup, { body }),
  login: (body: RequestOf<typeof auth.login>['body']) => call(auth.login, { body }),
  logout: () => call(auth.logout),
  tokens: () => call(tokens.list),
  createToken: (name: string) => call(tokens.create, { body: { name } }),
  revokeToken: (id: number) => call(tokens.revoke, { params: { id } }),
  users: () => call(users.list),
  createUser: (body: RequestOf<typeof users.create>['body']) => call(users.create, { body }),
};
