import { Skeleton } from '../../ui/Skeleton';
import './item.css';

/** The item page's shape while it loads: title and text on the left, facts on the right. */
export function ItemSkeleton() {
  return (
    <div className="item-view" aria-busy="true" aria-label="Loading the item">
      <div className="item-body">
        <div className="item-main">
          <header className="item-bar">
            <Skeleton width={90} />
            <Skeleton width={70} />
          </header>
          <Skeleton width="60%" height={26} />
          <div className="stack">
            {[92, 85, 97, 40].map((w) => (
              <Skeleton key={w} width={`${w}%`} />
            ))}
          </div>
          <Skeleton width={180} height={16} />
          <div className="stack">
            {[70, 55, 64].map((w) => (
              <Skeleton key={w} width={`${w}%`} />
            ))}
          </div>
        </div>
        <aside className="item-props">
          <div className="stack">
            {Array.from({ length: 8 }, (_, i) => (
              <div key={i} className="row">
                <Skeleton width={70} />
                <Skeleton width={110} />
              </div>
            ))}
          </div>
        </aside>
      </div>
    </div>
  );
}
