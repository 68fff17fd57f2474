import type uPlot from 'uplot';
import { DAY_MS, dayOf, isoDay, weekStart } from '@ordo/domain/dates';
import { shortDay } from '../../ui/time';
import type { ChartTheme } from './useChartTheme';

/**
 * A chart's x axis of days runs in seconds (uPlot's time unit) from 1970-01-01 UTC: a calendar
 * day ("2026-03-24") is its day number times DAY_S.
 */
export const DAY_S = DAY_MS / 1000;
export const daySeconds = (day: string) => dayOf(day) * DAY_S;
export const dayOfSeconds = (s: number) => isoDay(Math.floor(s / DAY_S));

const STEPS_DAYS = [1, 2, 7, 14, 28, 56, 91, 182, 364];

/**
 * Ticks on whole days, a week or more apart on Mondays, as many as fit without crowding. uPlot's
 * own time ticks follow the reader's time zone and may fall between days; these never do.
 */
export function daySplits(u: uPlot, _axis: number, min: number, max: number): number[] {
  const days = (max - min) / DAY_S;
  const fit = Math.max(2, Math.floor(u.bbox.width / devicePixelRatio / 70));
  const step = STEPS_DAYS.find((s) => days / s <= fit) ?? 364;
  let first = Math.ceil(min / DAY_S);
  // The first Monday on or after the first whole day.
  if (step >= 7) first = weekStart(first + 6);
  const out: number[] = [];
  for (let d = first; d * DAY_S <= max; d += step) out.push(d * DAY_S);
  return out;
}

const axisBase = (t: ChartTheme): uPlot.Axis => ({
  stroke: t.muted,
  font: t.font,
  labelFont: t.font,
  grid: { stroke: t.grid, width: 1 },
  ticks: { stroke: t.grid, width: 1, size: 4 },
  border: { show: true, stroke: t.border, width: 1 },
});

/** An x axis of calendar days, in seconds. */
export const dayAxis = (t: ChartTheme): uPlot.Axis => ({
  ...axisBase(t),
  size: 30,
  grid: { show: false },
  splits: daySplits,
  values: (_u, splits) => splits.map((s) => shortDay(dayOfSeconds(s))),
});

/** A y axis of counts (items, points, days), whole numbers where the range allows. */
export const countAxis = (t: ChartTheme, opts: { label?: string; scale?: string; side?: 1 | 3; unit?: string } = {}): uPlot.Axis => ({
  ...axisBase(t),
  border: { show: false },
  ticks: { show: false },
  scale: opts.scale ?? 'y',
  side: opts.side ?? 3,
  size: 44,
  gap: 6,
  label: opts.label,
  labelSize: opts.label ? 16 : 0,
  grid: { show: opts.side !== 1, stroke: t.grid, width: 1 },
  incrs: [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000],
  values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? String(s) + (opts.unit ?? '') : '')),
});

/** A y scale from zero to a little above the highest value, so a line never sits on the top edge. */
export const fromZero: uPlot.Scale = {
  range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1],
};

/**
 * The data index of the point nearest the cursor, within `radius` CSS pixels, for scatter charts:
 * xs and ys are the plotted positions in data units, on the x scale and `scale`.
 */
export function nearestPoint(
  u: uPlot,
  left: number,
  top: number,
  xs: ArrayLike<number>,
  ys: ArrayLike<number | null>,
  scale = 'y',
  radius = 10,
): number | null {
  let best: number | null = null;
  let bestDist = radius * radius;
  for (let i = 0; i < xs.length; i++) {
    const y = ys[i];
    if (y === null || y === undefined) continue;
    const dx = u.valToPos(xs[i]!, 'x') - left;
    if (dx > radius || dx < -radius) continue;
    const dy = u.valToPos(y, scale) - top;
    const d = dx * dx + dy * dy;
    if (d <= bestDist) {
      best = i;
      bestDist = d;
    }
  }
  return best;
}

/** Draws a labelled vertical line at x (data units) across the plot: targets, percentiles, today. */
export function verticalMarker(
  u: uPlot,
  x: number,
  opts: {
    color: string;
    label?: string;
    dash?: number[];
    width?: number;
    labelRow?: number;
    labelAt?: 'top' | 'bottom';
    background?: string;
    font: string;
  },
) {
  const ctx = u.ctx;
  const px = Math.round(u.valToPos(x, 'x', true));
  const { top, height, left, width } = u.bbox;
  if (px < left - 1 || px > left + width + 1) return;
  const ratio = devicePixelRatio;
  ctx.save();
  ctx.strokeStyle = opts.color;
  ctx.lineWidth = (opts.width ?? 1.5) * ratio;
  ctx.setLineDash((opts.dash ?? []).map((d) => d * ratio));
  ctx.beginPath();
  ctx.moveTo(px, top);
  ctx.lineTo(px, top + height);
  ctx.stroke();
  if (opts.label) {
    ctx.setLineDash([]);
    ctx.font = opts.font.replace(/(\d+)px/, (_, n) => `600 ${Number(n) * ratio}px`);
    ctx.fillStyle = opts.color;
    const textWidth = ctx.measureText(opts.label).width;
    const room = left + width - px;
    const alignRight = room < textWidth + 8 * ratio;
    ctx.textAlign = alignRight ? 'right' : 'left';
    const row = (opts.labelRow ?? 0) * 15 * ratio;
    const tx = px + (alignRight ? -4 : 4) * ratio;
    const ty = opts.labelAt === 'bottom' ? top + height - 14 * ratio - row : top + 2 * ratio + row;
    if (opts.background) {
      // A backing so the label stays readable over bars and lines.
      ctx.fillStyle = opts.background;
      ctx.fillRect(alignRight ? tx - textWidth - 2 * ratio : tx - 2 * ratio, ty - ratio, textWidth + 4 * ratio, 14 * ratio);
      ctx.fillStyle = opts.color;
    }
    ctx.textBaseline = 'top';
    ctx.fillText(opts.label, tx, ty);
  }
  ctx.restore();
}

/** Draws a labelled horizontal line at y (data units), such as a cycle-time percentile. */
export function horizontalMarker(
  u: uPlot,
  y: number,
  opts: { color: string; label?: string; dash?: number[]; scale?: string; background?: string; font: string },
) {
  const ctx = u.ctx;
  const py = Math.round(u.valToPos(y, opts.scale ?? 'y', true));
  const { top, height, left, width } = u.bbox;
  if (py < top || py > top + height) return;
  const ratio = devicePixelRatio;
  ctx.save();
  ctx.strokeStyle = opts.color;
  ctx.lineWidth = 1.25 * ratio;
  ctx.setLineDash((opts.dash ?? [4, 4]).map((d) => d * ratio));
  ctx.beginPath();
  ctx.moveTo(left, py);
  ctx.lineTo(left + width, py);
  ctx.stroke();
  if (opts.label) {
    ctx.setLineDash([]);
    ctx.font = opts.font.replace(/(\d+)px/, (_, n) => `600 ${Number(n) * ratio}px`);
    ctx.fillStyle = opts.color;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    if (opts.background) {
      const w = ctx.measureText(opts.label).width;
      ctx.fillStyle = opts.background;
      ctx.fillRect(left + width - w - 6 * ratio, py - 16 * ratio, w + 4 * ratio, 13 * ratio);
      ctx.fillStyle = opts.color;
    }
    ctx.fillText(opts.label, left + width - 4 * ratio, py - 3 * ratio);
  }
  ctx.restore();
}
