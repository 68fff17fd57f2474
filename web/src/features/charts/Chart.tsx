import { useEffect, useRef, useState, type ReactNode } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useChartTheme, type ChartTheme } from './useChartTheme';
import './charts.css';

export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

interface Hover {
  index: number;
  left: number;
  top: number;
}

export interface ChartProps {
  /** what the chart shows, in words, for screen readers */
  label: string;
  data: uPlot.AlignedData;
  /** the uPlot options for a theme; keep it stable (useCallback), a new function rebuilds the chart */
  options: (theme: ChartTheme) => ChartOptions;
  height?: number;
  /** the data point under the cursor (scatter charts); by default, the x value nearest the cursor */
  pick?: (u: uPlot, left: number, top: number) => number | null;
  tooltip?: (index: number) => ReactNode;
  /** the hovered index, or null when the cursor leaves: for legends that show the hovered values */
  onHover?: (index: number | null) => void;
  /** a click on a picked point */
  onPick?: (index: number) => void;
  testId?: string;
}

/**
 * uPlot in React: sized to its container and resized with it, redrawn in the theme's colours when
 * the system switches between light and dark, with a tooltip for the day or item under the cursor.
 */
export function Chart({ label, data, options, height = 240, pick, tooltip, onHover, onPick, testId }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const theme = useChartTheme();
  const [hover, setHover] = useState<Hover | null>(null);
  const latest = useRef({ data, pick, onHover, onPick });
  latest.current = { data, pick, onHover, onPick };

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const base = options(theme);
    let last: number | null = null;
    const onCursor = (u: uPlot) => {
      const { left = -1, top = -1, idx } = u.cursor;
      const { pick: picker, onHover: hovered } = latest.current;
      const index = left < 0 ? null : picker ? picker(u, left, top) : (idx ?? null);
      u.over.style.cursor = index !== null && latest.current.onPick ? 'pointer' : '';
      setHover(index === null ? null : { index, left: u.over.offsetLeft + left, top: u.over.offsetTop + top });
      if (index !== last) hovered?.(index);
      last = index;
    };
    const u = new uPlot(
      {
        ...base,
        width: Math.max(120, el.clientWidth),
        height,
        legend: { show: false },
        cursor: { drag: { x: false, y: false, setScale: false }, ...base.cursor },
        hooks: { ...base.hooks, setCursor: [...(base.hooks?.setCursor ?? []), onCursor] },
      },
      latest.current.data,
      el,
    );
    plot.current = u;
    const click = () => {
      if (last !== null) latest.current.onPick?.(last);
    };
    u.over.addEventListener('click', click);
    let width = el.clientWidth;
    const resize = new ResizeObserver(() => {
      if (el.clientWidth === width || el.clientWidth === 0) return;
      width = el.clientWidth;
      u.setSize({ width, height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.over.removeEventListener('click', click);
      u.destroy();
      plot.current = null;
      setHover(null);
    };
  }, [options, theme, height]);

  useEffect(() => {
    if (plot.current && plot.current.data !== data) plot.current.setData(data);
  }, [data]);

  const content = hover && tooltip ? tooltip(hover.index) : null;
  const flip = hover && box.current ? hover.left > box.current.clientWidth / 2 : false;
  return (
    <div className="chart" data-testid={testId}>
      <div ref={box} className="chart-canvas" role="img" aria-label={label} style={{ height }} />
      {content && hover && (
        <div
          className={`chart-tooltip ${flip ? 'is-flipped' : ''}`}
          style={{ left: hover.left, top: Math.max(0, Math.min(hover.top, height - 40)) }}
          aria-hidden="true"
        >
          {content}
        </div>
      )}
    </div>
  );
}
