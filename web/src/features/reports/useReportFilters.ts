import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ReportFilters } from '../../api/delivery';
import { addDays, todayIso } from '@ordo/domain/dates';

/** The periods offered; the server's own default is the last 90 days. */
export const RANGES = [
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
  { days: 182, label: 'Last 6 months' },
  { days: 365, label: 'Last year' },
] as const;
const DEFAULT_RANGE = 90;

const isDay = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

/** The reports' filters live in the URL (type, epic, range or from–to), so a link shows the same charts. */
export function useReportFilters() {
  const [params, setParams] = useSearchParams();

  const state = useMemo(() => {
    const type = (params.get('type') ?? '').split(',').filter(Boolean).sort();
    const epic = params.get('epic') || undefined;
    const from = params.get('from');
    const to = params.get('to');
    const custom = isDay(from) || isDay(to);
    const range = Number(params.get('range')) || DEFAULT_RANGE;
    const filters: ReportFilters = {};
    if (type.length) filters.type = type;
    if (epic) filters.epic = epic;
    if (custom) {
      if (isDay(from)) filters.from = from;
      if (isDay(to)) filters.to = to;
    } else if (range !== DEFAULT_RANGE) filters.from = addDays(todayIso(Date.now()), -(range - 1));
    return { type, epic, custom, range, from: isDay(from) ? from : null, to: isDay(to) ? to : null, filters };
  }, [params]);

  const update = useCallback(
    (change: (p: URLSearchParams) => void) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        change(next);
        return next;
      }),
    [setParams],
  );

  const toggleType = useCallback(
    (type: string) =>
      update((p) => {
        const values = new Set((p.get('type') ?? '').split(',').filter(Boolean));
        if (values.has(type)) values.delete(type);
        else values.add(type);
        if (values.size) p.set('type', [...values].join(','));
        else p.delete('type');
      }),
    [update],
  );

  const setEpic = useCallback((epic: string | null) => update((p) => (epic ? p.set('epic', epic) : p.delete('epic'))), [update]);

  const setRange = useCallback(
    (days: number | 'custom') =>
      update((p) => {
        p.delete('range');
        p.delete('from');
        p.delete('to');
        if (days === 'custom') p.set('from', addDays(todayIso(Date.now()), -(DEFAULT_RANGE - 1)));
        else if (days !== DEFAULT_RANGE) p.set('range', String(days));
      }),
    [update],
  );

  const setDay = useCallback(
    (name: 'from' | 'to', day: string) => update((p) => (isDay(day) ? p.set(name, day) : p.delete(name))),
    [update],
  );

  const clear = useCallback(
    () =>
      update((p) => {
        for (const name of ['type', 'epic', 'range', 'from', 'to']) p.delete(name);
      }),
    [update],
  );

  const active = state.type.length > 0 || !!state.epic || state.custom || state.range !== DEFAULT_RANGE;
  return { ...state, toggleType, setEpic, setRange, setDay, clear, active };
}
