import type { ServiceContext } from '../../services/context.js';
import type { RateLimiter } from '../rate-limit.js';
import type { Route } from '../route.js';
import { authRoutes } from './auth.js';
import { productRoutes } from './products.js';
import { itemRoutes } from './items.js';
import { boardRoutes } from './board.js';
import { eventRoutes } from './events.js';
import { itemPartRoutes } from './item-parts.js';
import { sprintRoutes } from './sprints.js';
import { releaseRoutes } from './releases.js';
import { reportRoutes } from './reports.js';
import { forecastRoutes } from './forecasts.js';
import { notificationRoutes } from './notifications.js';
import { questionRoutes } from './questions.js';
import { requestRoutes } from './requests.js';

/** Every API route module (the meta endpoints are answered by the app itself). */
export function allRoutes(ctx: ServiceContext, opts: { secureCookies: boolean; loginLimiter: RateLimiter }): Route[] {
  return [
    ...authRoutes(ctx, opts),
    ...productRoutes(ctx),
    ...itemRoutes(ctx),
    ...boardRoutes(ctx),
    ...eventRoutes(ctx),
    ...itemPartRoutes(ctx),
    ...sprintRoutes(ctx),
    ...releaseRoutes(ctx),
    ...reportRoutes(ctx),
    ...forecastRoutes(ctx),
    ...notificationRoutes(ctx),
    ...questionRoutes(ctx),
    ...requestRoutes(ctx),
  ];
}
