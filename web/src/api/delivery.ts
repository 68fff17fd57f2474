import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { endpoints, type RequestOf, type ResponseOf, type TReportQueryInput } from '@ordo/contract';
import { useActivity } from '../realtime/ProductStreamContext';
import { call } from './client';

const { sprints, releases, reports, items, forecasts } = endpoints;

/** The filters every flow chart takes. */
export type ReportFilters = TReportQueryInput;

const REPORTS = { cfd: reports.cumulativeFlow, 'cycle-time': reports.cycleTime, throughput: reports.throughput, aging: reports.aging };
export type ReportKind = keyof typeof REPORTS;
type ReportData = { [K in ReportKind]: ResponseOf<(typeof REPORTS)[K]> };

/** Where planned work can come from: the not-done items of the backlog outside a sprint or release. */
export type PlanTarget = { kind: 'sprint'; id: number } | { kind: 'release'; id: number };

export const deliveryApi = {
  sprints: (key: string) => call(sprints.list, { params: { key } }),
  sprint: (id: number) => call(sprints.get, { params: { id } }),
  velocity: (key: string) => call(sprints.velocity, { params: { key } }),
  createSprint: (key: string, body: RequestOf<typeof sprints.create>['body']) => call(sprints.create, { params: { key }, body }),
  updateSprint: (id: number, body: RequestOf<typeof sprints.update>['body']) => call(sprints.update, { params: { id }, body }),
  deleteSprint: (id: number) => call(sprints.delete, { params: { id } }),
  planSprint: (id: number, keys: string[]) => call(sprints.addItems, { params: { id }, body: { keys } }),
  unplanSprint: (id: number, itemKey: string) => call(sprints.removeItem, { params: { id, itemKey } }),
  startSprint: (id: number, body: RequestOf<typeof sprints.start>['body'] = {}) => call(sprints.start, { params: { id }, body }),
  closeSprint: (id: number, body: RequestOf<typeof sprints.close>['body']) => call(sprints.close, { params: { id }, body }),

  releases: (key: string) => call(releases.list, { params: { key } }),
  release: (id: number) => call(releases.get, { params: { id } }),
  forecast: (id: number, windowDays?: number) => call(releases.forecast, { params: { id }, query: { windowDays } }),
  forecastBacktest: (key: string, windowDays?: number) => call(forecasts.backtest, { params: { key }, query: { windowDays } }),
  createRelease: (key: string, body: RequestOf<typeof releases.create>['body']) => call(releases.create, { params: { key }, body }),
  updateRelease: (id: number, body: RequestOf<typeof releases.update>['body']) => call(releases.update, { params: { id }, body }),
  deleteRelease: (id: number) => call(releases.delete, { params: { id } }),
  planRelease: (id: number, keys: string[]) => call(releases.addItems, { params: { id }, body: { keys } }),
  unplanRelease: (id: number, itemKey: string) => call(releases.removeItem, { params: { id, itemKey } }),

  report: <K extends ReportKind>(key: string, kind: K, filters: ReportFilters, signal?: AbortSignal) =>
    // Every report takes the same params and filters; only the answer differs.
    call(REPORTS[kind] as typeof reports.cumulativeFlow, { params: { key }, query: filters }, { signal }) as Promise<ReportData[K]>,

  /** Not-done items with no sprint (or no release), in backlog order; epics only for releases, where they bring their children. */
  candidates: (key: string, target: PlanTarget, q: string, cursor: string | undefined, signal?: AbortSignal) =>
    call(
      items.list,
      {
        params: { key },
        query: {
          [target.kind]: 'none',
          stateCategory: ['backlog', 'todo', 'in_progress'],
          type: target.kind === 'sprint' ? ['story', 'bug', 'task', 'spike'] : undefined,
          q: q.trim() || undefined,
          cursor,
          limit: 100,
        },
      },
      { signal },
    ),
};

/**
 * Query keys of sprints, releases, forecasts and reports. They all start with
 * ['delivery', productKey], so one product event can refresh them together.
 */
export const deliveryKeys = {
  all: (productKey: string) => ['delivery', productKey] as const,
  sprints: (productKey: string) => ['delivery', productKey, 'sprints'] as const,
  sprint: (productKey: string, id: number) => ['delivery', productKey, 'sprint', id] as const,
  velocity: (productKey: string) => ['delivery', productKey, 'velocity'] as const,
  releases: (productKey: string) => ['delivery', productKey, 'releases'] as const,
  release: (productKey: string, id: number) => ['delivery', productKey, 'release', id] as const,
  forecast: (productKey: string, id: number, windowDays?: number) => ['delivery', productKey, 'forecast', id, windowDays ?? null] as const,
  forecastBacktest: (productKey: string, windowDays?: number) => ['delivery', productKey, 'forecast-backtest', windowDays ?? null] as const,
  report: (productKey: string, kind: ReportKind, filters: ReportFilters) => ['delivery', productKey, 'report', kind, filters] as const,
  candidates: (productKey: string, target: PlanTarget, q?: string) =>
    q === undefined
      ? (['delivery', productKey, 'candidates', target] as const)
      : (['delivery', productKey, 'candidates', target, q] as const),
};

export const useSprints = (productKey: string) =>
  useQuery({ queryKey: deliveryKeys.sprints(productKey), queryFn: () => deliveryApi.sprints(productKey).then((r) => r.items) });

export const useSprint = (productKey: string, id: number | undefined) =>
  useQuery({ queryKey: deliveryKeys.sprint(productKey, id ?? 0), queryFn: () => deliveryApi.sprint(id!), enabled: id !== undefined });

export const useVelocity = (productKey: string) =>
  useQuery({ queryKey: deliveryKeys.velocity(productKey), queryFn: () => deliveryApi.velocity(productKey) });

export const useReleases = (productKey: string) =>
  useQuery({ queryKey: deliveryKeys.releases(productKey), queryFn: () => deliveryApi.releases(productKey).then((r) => r.items) });

export const useRelease = (productKey: string, id: number) =>
  useQuery({ queryKey: deliveryKeys.release(productKey, id), queryFn: () => deliveryApi.release(id) });

export const useForecast = (productKey: string, id: number, windowDays?: number) =>
  useQuery({
    queryKey: deliveryKeys.forecast(productKey, id, windowDays),
    queryFn: () => deliveryApi.forecast(id, windowDays),
    placeholderData: keepPreviousData,
  });

/** How good the product's forecasts have been; a replay of its last year, so it is only fetched when asked for. */
export const useForecastBacktest = (productKey: string, windowDays: number | undefined, enabled: boolean) =>
  useQuery({
    queryKey: deliveryKeys.forecastBacktest(productKey, windowDays),
    queryFn: () => deliveryApi.forecastBacktest(productKey, windowDays),
    enabled,
    placeholderData: keepPreviousData,
    // The replay changes only as work finishes; live events refresh it like the rest.
    staleTime: 60_000,
  });

export const useReport = <K extends ReportKind>(productKey: string, kind: K, filters: ReportFilters) =>
  useQuery({
    queryKey: deliveryKeys.report(productKey, kind, filters),
    queryFn: ({ signal }) => deliveryApi.report(productKey, kind, filters, signal),
    placeholderData: keepPreviousData,
  });

export const usePlanCandidates = (productKey: string, target: PlanTarget, q: string) =>
  useInfiniteQuery({
    queryKey: deliveryKeys.candidates(productKey, target, q),
    queryFn: ({ pageParam, signal }) => deliveryApi.candidates(productKey, target, q, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/** Events that change what sprints, releases, forecasts and charts show. */
const DELIVERY_ENTITIES = new Set(['item', 'sprint', 'release', 'state']);
/** A burst of moves on the board refreshes the charts once, not once per card. */
const SETTLE_MS = 700;

/** Keeps the open delivery page current: product events refresh its sprints, releases and reports. */
export function useDeliveryLive(productKey: string) {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useActivity((a) => {
    if (a.productKey !== productKey || !DELIVERY_ENTITIES.has(a.entityType)) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void queryClient.invalidateQueries({ queryKey: deliveryKeys.all(productKey) }), SETTLE_MS);
  });
  useEffect(() => () => clearTimeout(timer.current), []);
}
