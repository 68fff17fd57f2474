import type { CSSProperties } from 'react';

export function Skeleton({ width = '100%', height = 12, style }: { width?: number | string; height?: number; style?: CSSProperties }) {
  return <span className="skeleton" style={{ width, height, ...style }} aria-hidden="true" />;
}

/** Placeholder lines shaped like the list that is loading. */
export function SkeletonRows({ count = 8, height = 36 }: { count?: number; height?: number }) {
  return (
    <div aria-busy="true" aria-label="Loading">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="skeleton-row" style={{ height }}>
          <Skeleton width={56} />
          <Skeleton width={`${30 + ((i * 37) % 40)}%`} />
          <Skeleton width={48} style={{ marginLeft: 'auto' }} />
        </div>
      ))}
    </div>
  );
}
