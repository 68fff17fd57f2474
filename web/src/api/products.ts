import type { z } from 'zod';
import type {
  TMember,
  TProduct,
  TProductDetail,
  TWorkflowState,
  ZCreateStateRequest,
  ZUpdateStateRequest,
} from '../../../src/contract/products';
import type { ProductRole } from '../../../src/domain/roles';
import { api } from './client';

export type TCreateState = z.input<typeof ZCreateStateRequest>;
export type TUpdateState = z.input<typeof ZUpdateStateRequest>;

const p = (key: string) => `/api/products/${encodeURIComponent(key)}`;

export const productsApi = {
  get: (key: string) => api.get<TProductDetail>(p(key)),
  create: (input: { key: string; name: string; vision?: string }) => api.post<TProduct>('/api/products', input),
  update: (key: string, input: { name?: string; vision?: string; version: number }) => api.patch<TProduct>(p(key), input),
  setMember: (key: string, input: { email?: string; userId?: number; role: ProductRole }) => api.put<TMember>(`${p(key)}/members`, input),
  removeMember: (key: string, userId: number) => api.delete(`${p(key)}/members/${userId}`),
  createState: (key: string, input: TCreateState) => api.post<TWorkflowState>(`${p(key)}/states`, input),
  updateState: (key: string, id: number, input: TUpdateState) => api.patch<TWorkflowState>(`${p(key)}/states/${id}`, input),
  deleteState: (key: string, id: number, moveTo?: number) => api.delete(`${p(key)}/states/${id}`, { moveTo }),
};
