import { endpoints } from '../../contract/endpoints.js';
import type { ServiceContext } from '../../services/context.js';
import { getPortfolio } from '../../services/portfolio/get-portfolio.js';
import { routes, type Route } from '../route.js';

/** The lead's portfolio. */
export function portfolioRoutes(ctx: ServiceContext): Route[] {
  return routes(endpoints.portfolio, { get: ({ actor }) => getPortfolio(ctx, actor) });
}
