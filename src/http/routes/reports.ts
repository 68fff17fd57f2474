import { z } from 'zod';
import { ZProductKey } from '../../contract/common.js';
import { ZAging, ZCumulativeFlow, ZCycleTime, ZReportQuery, ZThroughput } from '../../contract/delivery.js';
import type { ServiceContext } from '../../services/context.js';
import { agingReport, cumulativeFlowReport, cycleTimeReport, throughputReport } from '../../services/reports.js';
import type { RouteDef } from '../route.js';

const ProductParams = z.object({ key: ZProductKey });
const filters = '; filter with ?type=story,bug&epic=KEY&from=&to= (the last 90 days by default)';

export function reportRoutes(ctx: ServiceContext): RouteDef[] {
  return [
    {
      method: 'GET',
      url: '/api/products/:key/reports/cfd',
      tag: 'reports',
      summary: `Cumulative flow: items per state at the end of each day, rebuilt from the activity log${filters}`,
      params: ProductParams,
      query: ZReportQuery,
      response: ZCumulativeFlow,
      errors: [400, 404],
      handler: ({ actor, params, query }) => cumulativeFlowReport(ctx, actor, params.key, query),
    },
    {
      method: 'GET',
      url: '/api/products/:key/reports/cycle-time',
      tag: 'reports',
      summary: `Cycle-time scatter: each finished item's days from start to done, with 50/85/95 % lines${filters}`,
      params: ProductParams,
      query: ZReportQuery,
      response: ZCycleTime,
      errors: [400, 404],
      handler: ({ actor, params, query }) => cycleTimeReport(ctx, actor, params.key, query),
    },
    {
      method: 'GET',
      url: '/api/products/:key/reports/throughput',
      tag: 'reports',
      summary: `Items finished per week${filters}`,
      params: ProductParams,
      query: ZReportQuery,
      response: ZThroughput,
      errors: [400, 404],
      handler: ({ actor, params, query }) => throughputReport(ctx, actor, params.key, query),
    },
    {
      method: 'GET',
      url: '/api/products/:key/reports/aging',
      tag: 'reports',
      summary: `Aging work in progress: each started item's age against the cycle-time percentiles${filters}`,
      params: ProductParams,
      query: ZReportQuery,
      response: ZAging,
      errors: [400, 404],
      handler: ({ actor, params, query }) => agingReport(ctx, actor, params.key, query),
    },
  ];
}
