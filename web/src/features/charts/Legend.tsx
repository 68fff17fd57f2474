import type { ReactNode } from 'react';

export interface LegendEntry {
  label: string;
  color: string;
  /** the value for the day or point in view */
  value?: ReactNode;
  shape?: 'line' | 'dash' | 'box' | 'dot';
}

/** The chart's key, with each series' value for the hovered day (or the latest one). */
export function Legend({ entries, caption }: { entries: LegendEntry[]; caption?: ReactNode }) {
  return (
    <div className="chart-legend">
      {caption && <span className="chart-legend-caption">{caption}</span>}
      <ul>
        {entries.map((e) => (
          <li key={e.label} data-series={e.label}>
            <span className={`legend-swatch legend-${e.shape ?? 'box'}`} style={{ color: e.color }} aria-hidden="true" />
            <span className="legend-label">{e.label}</span>
            {e.value !== undefined && <span className="legend-value">{e.value}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
