import type { TSprintRecord } from '@ordo/contract';

const points = (n: number) => `${Number.isInteger(n) ? n : n.toFixed(1)} pt`;
const items = (n: number) => `${n} ${n === 1 ? 'item' : 'items'}`;

function Figure({ sign, label, items: n, pts, testId }: { sign?: string; label: string; items: number; pts: string; testId: string }) {
  return (
    <div className="record-figure" data-testid={testId}>
      {sign && (
        <span className="record-sign" aria-hidden="true">
          {sign}
        </span>
      )}
      <dt>{label}</dt>
      <dd>
        <strong>{items(n)}</strong> <span className="muted">{pts}</span>
      </dd>
    </div>
  );
}

/**
 * What a closed sprint did, as a sum that adds up: committed + added − removed (± re-estimates) =
 * done + moved on, in items and points, and where the unfinished work went.
 */
export function SprintRecordSummary({ record }: { record: TSprintRecord }) {
  const to = record.movedOn.to;
  const movedTo = to === null ? '' : to === 'backlog' ? 'to the backlog' : `to ${to.name}`;
  return (
    <section className="sprint-record" aria-label="What the sprint did" data-testid="sprint-record">
      <dl className="record-sum">
        <Figure label="Committed" items={record.committed.items} pts={points(record.committed.points)} testId="record-committed" />
        <Figure sign="+" label="Added" items={record.added.items} pts={points(record.added.points)} testId="record-added" />
        <Figure sign="−" label="Removed" items={record.removed.items} pts={points(record.removed.points)} testId="record-removed" />
        {record.reestimated !== 0 && (
          <div className="record-figure" data-testid="record-reestimated">
            <span className="record-sign" aria-hidden="true">
              {record.reestimated > 0 ? '+' : '−'}
            </span>
            <dt>Re-estimated</dt>
            <dd>
              <strong>{points(Math.abs(record.reestimated))}</strong>{' '}
              <span className="muted">{record.reestimated > 0 ? 'grew' : 'shrank'}</span>
            </dd>
          </div>
        )}
        <Figure sign="=" label="Done" items={record.done.items} pts={points(record.done.points)} testId="record-done" />
        <Figure
          sign="+"
          label={movedTo ? `Moved on ${movedTo}` : 'Moved on'}
          items={record.movedOn.items}
          pts={points(record.movedOn.points)}
          testId="record-moved-on"
        />
      </dl>
      {record.source === 'replayed' && (
        <p className="faint record-note">Read back from the activity log: this sprint closed before Ordo kept sprint records.</p>
      )}
    </section>
  );
}
