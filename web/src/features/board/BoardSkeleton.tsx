import { Skeleton } from '../../ui/Skeleton';
import './board.css';

/** The board's shape while it loads: column headers and a few cards in each. */
export function BoardSkeleton({ columns }: { columns: number }) {
  return (
    <div className="board-page" aria-busy="true" aria-label="Loading the board">
      <div className="board-toolbar">
        <Skeleton width={140} height={22} />
        <Skeleton width={200} height={22} />
      </div>
      <div className="board is-single">
        <div className="board-head">
          {Array.from({ length: columns }, (_, i) => (
            <div key={i} className="column-head">
              <Skeleton width={90} />
            </div>
          ))}
        </div>
        <div className="lane-row">
          {Array.from({ length: columns }, (_, i) => (
            <div key={i} className="board-column">
              <div className="board-cell">
                {Array.from({ length: 4 - (i % 3) }, (_, j) => (
                  <div key={j} className="card is-skeleton">
                    <Skeleton width={56} />
                    <Skeleton width={`${60 + ((i * 7 + j * 13) % 35)}%`} />
                    <Skeleton width={40} />
                  </div>
                ))}
              </div>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
