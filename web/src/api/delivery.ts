import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type {
  TAging,
  TCloseSprintRequest,
  TCreateReleaseRequest,
  TCreateSprintRequest,
  TCumulativeFlow,
  TCycleTime,
  TRelease,
  TReleaseDetail,
  TReleaseForecast,
  TSprint,
  TSprintDetail,
  TThroughput,
  TUpdateReleaseRequest,
  TUpdateSprintRequest,
  TVelocity,
} from '../../../src/contract/delivery';
import type { TItemPage } from '../../../src/contract/items';
import { useActivity } from '../realtime/ProductStreamContext';
import { api } from './client';

/** The filters every flow chart takes. */
export interface ReportFilters {
  type?: string[];
  epic?: string;
  from?: string;
  to?: string;
}

export type ReportKind = 'cfd' | 'cycle-time' | 'throughput' | 'aging';
interface ReportData {
  cfd: TCumulativeFlow;
  'cycle-time': TCycleTime;
  throughput: TThroughput;
  aging: TAging;
}

/** Where planned work can come from: the not-done items of the backlog outside a sprint or release. */
export type PlanTarget = { kind: 'sprint'; id: number } | { kind: 'release'; id: number };

const p = (key: string) => `/api/products/${encodeURIComponent(key)}`;

export const deliveryApi = {
  sprints: (productKey: string) => api.get<{ items: TSprint[] }>(`${p(productKey)}/sprints`),
  sprint: (id: number) => api.get<TSprintDetail>(`/api/sprints/${id}`),
  velocity: (productKey: string) => api.get<TVelocity>(`${p(productKey)}/velocity`),
  createSprint: (productKey: string, input: TCreateSprintRequest) => api.post<TSprint>(`${p(productKey)}/sprints`, input),
  updateSprint: (id: number, input: TUpdateSprintRequest) => api.patch<TSprint>(`/api/sprints/${id}`, input),
  deleteSprint: (id: number) => api.delete(`/api/sprints/${id}`),
  planSprint: (id: number, keys: string[]) => api.post<TSprintDetail>(`/api/sprints/${id}/items`, { keys }),
  unplanSprint: (id: number, itemKey: string) => api.delete(`/api/sprints/${id}/items/${itemKey}`),
  startSprint: (id: number, dates: { startDate?: string; endDate?: string } = {}) => api.post<TSprint>(`/api/sprints/${id}/start`, dates),
  closeSprint: (id: number, input: TCloseSprintRequest) => api.post<TSprint>(`/api/sprints/${id}/close`, input),

  releases: (productKey: string) => api.get<{ items: TRelease[] }>(`${p(productKey)}/releases`),
  release: (id: number) => api.get<TReleaseDetail>(`/api/releases/${id}`),
  forecast: (id: number, windowDays?: number) => api.get<TReleaseForecast>(`/api/releases/${id}/forecast`, { windowDays }),
  createRelease: (productKey: string, input: TCreateReleaseRequest) => api.post<TRelease>(`${p(productKey)}/releases`, input),
  updateRelease: (id: number, input: TUpdateReleaseRequest) => api.patch<TRelease>(`/api/releases/${id}`, input),
  deleteRelease: (id: number) => api.delete(`/api/releases/${id}`),
  planRelease: (id: number, keys: string[]) => api.post<TReleaseDetail>(`/api/releases/${id}/items`, { keys }),
  unplanRelease: (id: number, itemKey: string) => api.delete(`/api/releases/${id}/items/${itemKey}`),

  report: <K extends ReportKind>(productKey: string, kind: K, filters: ReportFilters, signal?: AbortSignal) =>
    api.get<ReportData[K]>(`${p(productKey)}/reports/${kind}`, { ...filters }, signal),

  /** Not-done items with no sprint (or no release), in backlog order; epics only for releases, where they bring their children. */
  candidates: (productKey: string, target: PlanTarget, q: string, cursor: string | undefined, signal?: AbortSignal) =>
    api.get<TItemPage>(
      `${p(productKey)}/items`,
      {
        [target.kind]: 'none',
        stateCategory: ['backlog', 'todo', 'in_progress'],
        type: target.kind === 'sprint' ? ['story', 'bug', 'task', 'spike'] : undefined,
        q: q.trim() || undefined,
        cursor,
        limit: 100,
      },
      signal,
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
  report: (productKey: string, kind: ReportKind, filters: ReportFilters) => ['delivery', productKey, 'report', kind, filters] as const,
  candidates: (productKey: string, target: PlanTarget, q?: string) =>
    q === undefined ? (['delivery', productKey, 'candidates', target] as const) : (['delivery', productKey, 'candidates', target, q] as const),
};

export const useSprints = (productKey: string) =>
  useQuery({ queryKey: deliveryKeys.sprints(productKey), queryFn: () => deliveryApi.sprints(productKey).then((r) => r.items) });

export const useSprint = (productKey: string, id: number | undefined) =>
  useQuery({ queryKey: deliveryKeys.sprint(productKey, id ?? 0), queryFn: () => deliveryApi.sprint(id!), enabled: id !== undefined });

export const useVelocity = (productKey: string) => useQuery({ queryKey: deliveryKeys.velocity(productKey), queryFn: () => deliveryApi.velocity(productKey) });

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
