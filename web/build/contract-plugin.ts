import type { Plugin } from 'vite';
import * as contract from '../../src/contract/index.js';

const ID = '@ordo/contract';
const RESOLVED = '\0ordo-contract';

/**
 * In the browser, `@ordo/contract` is the contract without its Zod schemas: each endpoint's method
 * and path (all `call()` needs), the contract's plain constants, and `pathOf`. Types still come
 * from the real contract (web/tsconfig.json maps the alias to src/contract), so the client is
 * typed by the schemas without shipping them: bundling Zod and every schema added ~33 KB gzipped
 * to the first page's code. A web module that imports a schema at runtime fails the build with
 * "not exported", which is the point: the server validates, the browser does not.
 */
export function contractForTheBrowser(endpointModule: string): Plugin {
  return {
    name: 'ordo-contract-for-the-browser',
    enforce: 'pre',
    resolveId: (id) => (id === ID ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      const lines = [`export { pathOf } from ${JSON.stringify(endpointModule)};`];
      for (const [name, value] of Object.entries(contract)) {
        if (name === 'endpoints') {
          const routes = Object.fromEntries(
            Object.entries(contract.endpoints).map(([group, list]) => [
              group,
              Object.fromEntries(Object.entries(list).map(([n, e]) => [n, { method: e.method, path: e.path }])),
            ]),
          );
          lines.push(`export const endpoints = ${JSON.stringify(routes)};`);
        } else if (isPlainData(value)) {
          lines.push(`export const ${name} = ${JSON.stringify(value)};`);
        }
      }
      return lines.join('\n');
    },
  };
}

function isPlainData(value: unknown): boolean {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(isPlainData);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.values(value as object).every(isPlainData);
  return false;
}
