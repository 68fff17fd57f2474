import type { Harness } from '../../support/harness.js';
import type { Row } from './walk.js';

/** How good a product's forecasts have been: readable by anyone who can read the product. */
export function rows(_h: Harness): Row[] {
  return [
    {
      method: 'GET',
      route: '/api/products/:key/forecast-backtest',
      actions: ['product.read'],
      prepare: async (w) => ({ url: `/api/products/${w.key}/forecast-backtest` }),
    },
  ];
}
