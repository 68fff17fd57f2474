import { endpoints } from '@ordo/contract';
import { call } from './client';

/**
 * The board. The server sends an ETag with `no-cache`, so the browser asks again with
 * If-None-Match on every load and reuses its copy on a 304: reloading an unchanged board costs
 * one small request.
 */
export const boardApi = {
  get: (productKey: string, signal?: AbortSignal) => call(endpoints.board.get, { params: { key: productKey } }, { signal }),
};
