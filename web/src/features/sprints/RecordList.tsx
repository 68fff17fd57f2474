import { Link } from 'react-router';
import type { TSprintRecordItem } from '@ordo/contract';
import { TypeIcon } from '../../ui/TypeIcon';

/** Items of a closed sprint with one outcome (done, moved on, taken out), marked when they joined after the start. */
export function RecordList({
  title,
  items,
  productKey,
  testId,
}: {
  title: string;
  items: TSprintRecordItem[];
  productKey: string;
  testId: string;
}) {
  if (items.length === 0) return null;
  return (
    <section className="delivery-section" aria-label={title} data-testid={testId}>
      <header className="section-header">
        <h2>
          {title} <span className="faint">{items.length}</span>
        </h2>
      </header>
      <ul className="scope-list">
        {items.map((i) => (
          <li key={i.key} className={`scope-row ${i.outcome === 'done' ? '' : 'is-open'}`} data-key={i.key}>
            <Link to={`/p/${productKey}/items/${i.key}`} className="scope-key">
              {i.key}
            </Link>
            <TypeIcon type={i.type} />
            <span className="scope-title" title={i.title}>
              {i.title}
            </span>
            {i.added && (
              <span className="record-tag" title="Joined the sprint after it started">
                added
              </span>
            )}
            <span className="scope-estimate">{i.points != null ? `${i.points} pt` : ''}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
