import type { ReactNode } from 'react';
import type { RegionPart } from '../../shared/layout/regionPart';

/**
 * A page view (KPIs, the case board) laid out once over the whole region and shown through
 * this window's part of it: the panels of a region show one page cut along the seams, with
 * the bezels' width hidden, not a copy each.
 */
export function RegionFrame({
  part,
  children,
}: Readonly<{ part: RegionPart | undefined; children: ReactNode }>) {
  if (!part) return <>{children}</>;
  return (
    <div className="region-window" data-testid="region-frame">
      <div
        className="region-surface"
        style={{
          width: part.width,
          height: part.height,
          transform: `translate(${-part.x}px, ${-part.y}px)`,
        }}
      >
        {children}
      </div>
    </div>
  );
}
