interface Progress {
  items: { done: number; total: number };
  points: { done: number; total: number };
  unestimated: number;
}

const percent = (done: number, total: number) => (total > 0 ? Math.round((done / total) * 100) : 0);

function Bar({ label, done, total, unit }: { label: string; done: number; total: number; unit: string }) {
  const p = percent(done, total);
  return (
    <div className="progress-meter" data-testid={`progress-${unit}`}>
      <div className="progress-figures">
        <span className="progress-label">{label}</span>
        <span>
          <strong>{done}</strong>{' '}
          <span className="muted">
            of {total} {unit}
          </span>
        </span>
        <span className="progress-percent">{p} %</span>
      </div>
      <div className="progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
        <div className="progress-fill" style={{ width: `${p}%` }} />
      </div>
    </div>
  );
}

/** Done against total, in points and in items, with the unestimated items named. */
export function ProgressMeter({ progress }: { progress: Progress }) {
  return (
    <div className="progress">
      {progress.points.total > 0 && <Bar label="Points done" done={progress.points.done} total={progress.points.total} unit="points" />}
      <Bar label="Items done" done={progress.items.done} total={progress.items.total} unit="items" />
      {progress.unestimated > 0 && (
        <p className="progress-note faint">
          {progress.unestimated} {progress.unestimated === 1 ? 'item has' : 'items have'} no estimate: counted in items, not in points.
        </p>
      )}
    </div>
  );
}
