import { endpoints } from '../../contract/endpoints.js';
import type { ServiceContext } from '../../services/context.js';
import { backtestProduct } from '../../services/forecasts.js';
import { type Route, routes } from '../route.js';

export function forecastRoutes(ctx: ServiceContext): Route[] {
  return routes(endpoints.forecasts, {
    backtest: ({ actor, params, query }) => backtestProduct(ctx, actor, params.key, { windowDays: query.windowDays }),
  });
}
