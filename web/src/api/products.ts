import { endpoints, type RequestOf } from '@ordo/contract';
import { call } from './client';

const { products, members, states } = endpoints;

export type TCreateState = RequestOf<typeof states.create>['body'];
export type TUpdateState = RequestOf<typeof states.update>['body'];

export const productsApi = {
  list: () => call(products.list),
  get: (key: string) => call(products.get, { params: { key } }),
  create: (body: RequestOf<typeof products.create>['body']) => call(products.create, { body }),
  update: (key: string, body: RequestOf<typeof products.update>['body']) => call(products.update, { params: { key }, body }),
  setMember: (key: string, body: RequestOf<typeof members.set>['body']) => call(members.set, { params: { key }, body }),
  removeMember: (key: string, userId: number) => call(members.remove, { params: { key, userId } }),
  createState: (key: string, body: TCreateState) => call(states.create, { params: { key }, body }),
  updateState: (key: string, id: number, body: TUpdateState) => call(states.update, { params: { key, id }, body }),
  deleteState: (key: string, id: number, moveTo?: number) => call(states.delete, { params: { key, id }, query: { moveTo } }),
};
