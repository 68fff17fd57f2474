import type { ServiceContext } from '../../services/context.js';
import type { Route } from '../route.js';
import { authRoutes } from './auth.js';
import { accountRoutes } from './accounts.js';
import { attachmentRoutes } from './attachments.js';
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
import { updateRoutes } from './updates.js';
import { shareLinkRoutes } from './share-links.js';
import { portfolioRoutes } from './portfolio.js';
import { exportRoutes } from './exports.js';
import { webhookRoutes } from './webhooks.js';
import { importRoutes } from './imports.js';

/** Every API route module (the meta endpoints are answered by the app itself). */
export function allRoutes(ctx: ServiceContext, opts: Parameters<typeof authRoutes>[1]): Route[] {
  return [
    ...authRoutes(ctx, opts),
    ...accountRoutes(ctx),
    ...attachmentRoutes(ctx),
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
    ...updateRoutes(ctx),
    ...shareLinkRoutes(ctx),
    ...portfolioRoutes(ctx),
    ...exportRoutes(ctx),
    ...webhookRoutes(ctx),
    ...importRoutes(ctx),
  ];
}
