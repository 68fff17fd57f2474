import { endpoints } from '../../contract/endpoints.js';
import type { ServiceContext } from '../../services/context.js';
import { agingReport } from '../../services/reports/aging.js';
import { cumulativeFlowReport } from '../../services/reports/cumulative-flow.js';
import { cycleTimeReport } from '../../services/reports/cycle-time.js';
import { throughputReport } from '../../services/reports/throughput.js';
import { routes, type Route } from '../route.js';

export function reportRoutes(ctx: ServiceContext): Route[] {
  return routes(endpoints.reports, {
    cumulativeFlow: ({ actor, params, query }) => cumulativeFlowReport(ctx, actor, params.key, query),
    cycleTime: ({ actor, params, query }) => cycleTimeReport(ctx, actor, params.key, query),
    throughput: ({ actor, params, query }) => throughputReport(ctx, actor, params.key, query),
    aging: ({ actor, params, query }) => agingReport(ctx, actor, params.key, query),
  });
}
