import type uPlot from 'uplot';
import type { TScopeChange } from '@ordo/contract';
import { alpha } from './colors';
import type { ChartTheme } from './useChartTheme';

/**
 * Marks the days scope changed: a faint line through the day and a triangle on top, ▲ where work
 * was added (in the warning colour: the finish line moved away) and ▼ where it was taken out.
 */
export function drawScopeMarks(u: uPlot, changes: Map<number, TScopeChange[]>, t: ChartTheme) {
  if (changes.size === 0) return;
  const ctx = u.ctx;
  const ratio = devicePixelRatio;
  const { top, height } = u.bbox;
  const size = 4.5 * ratio;
  // On a release that grows every day, lines through each day would hide the data: triangles only.
  const lines = changes.size <= 12;
  ctx.save();
  for (const [index, list] of changes) {
    const x = u.data[0][index];
    if (x === undefined) continue;
    const px = Math.round(u.valToPos(x, 'x', true));
    const added = list.some((c) => c.change === 'added');
    const color = added ? t.warning : t.muted;
    if (lines) {
      ctx.strokeStyle = alpha(color, 0.45);
      ctx.lineWidth = ratio;
      ctx.setLineDash([2 * ratio, 3 * ratio]);
      ctx.beginPath();
      ctx.moveTo(px, top + size * 2);
      ctx.lineTo(px, top + height);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    ctx.fillStyle = color;
    ctx.beginPath();
    if (added) {
      ctx.moveTo(px, top);
      ctx.lineTo(px + size, top + size * 1.6);
      ctx.lineTo(px - size, top + size * 1.6);
    } else {
      ctx.moveTo(px, top + size * 1.6);
      ctx.lineTo(px + size, top);
      ctx.lineTo(px - size, top);
    }
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}

/** The scope changes of one day, for a chart's tooltip. */
export function ScopeChangeList({ changes }: { changes: TScopeChange[] | undefined }) {
  if (!changes?.length) return null;
  const shown = changes.slice(0, 5);
  return (
    <div className="tooltip-note">
      {shown.map((c) => (
        <div key={`${c.key}-${c.at}-${c.change}`} className="tooltip-change">
          <span className={c.change === 'added' ? 'change-added' : 'change-removed'}>{c.change === 'added' ? '+' : '−'}</span> {c.key}{' '}
          <span className="tooltip-change-title">{c.title}</span>
          {c.points != null && <span className="faint"> · {c.points} pt</span>}
        </div>
      ))}
      {changes.length > shown.length && <div className="faint">and {changes.length - shown.length} more</div>}
    </div>
  );
}
