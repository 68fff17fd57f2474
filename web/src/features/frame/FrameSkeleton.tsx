import { Skeleton, SkeletonRows } from '../../ui/Skeleton';
import './frame.css';

/** The frame's shape while the signed-in user loads. */
export function FrameSkeleton() {
  return (
    <div className="frame" aria-busy="true">
      <aside className="sidebar">
        <Skeleton width={80} height={16} style={{ margin: '6px 8px 24px' }} />
        <Skeleton width={120} height={12} style={{ margin: '8px' }} />
        <Skeleton width={140} height={12} style={{ margin: '8px' }} />
      </aside>
      <div className="main">
        <div className="topbar">
          <Skeleton width={200} height={14} />
        </div>
        <SkeletonRows count={10} />
      </div>
    </div>
  );
}
