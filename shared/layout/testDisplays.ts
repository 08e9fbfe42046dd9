import type { Profile } from './profile';
import type { DisplayInfo, WindowPlan } from './displays';

/** A display for tests: id, origin and size in DIP, with optional scale, label and primary flag. */
export function display(
  id: string,
  x: number,
  y: number,
  width = 1920,
  height = 1080,
  extra: Partial<DisplayInfo> = {},
): DisplayInfo {
  return {
    id,
    label: `D${id}`,
    bounds: { x, y, width, height },
    workArea: { x, y, width, height },
    scaleFactor: 1,
    rotation: 0,
    ...extra,
  };
}

/** A rows × cols splicing wall of equal panels starting at (x, y); ids are `w<row><col>`. */
export function wallOf(
  rows: number,
  cols: number,
  width = 1920,
  height = 1080,
  x = 0,
  y = 0,
): DisplayInfo[] {
  const out: DisplayInfo[] = [];
  for (let r = 0; r < rows; r += 1)
    for (let c = 0; c < cols; c += 1)
      out.push(display(`w${r}${c}`, x + c * width, y + r * height, width, height));
  return out;
}

/** One full-screen window per display showing `view`: the simplest plan, for diff tests. */
export function fullScreenPlans(displays: readonly DisplayInfo[], view = 'cases'): WindowPlan[] {
  return displays.map((d) => ({
    key: `display-${d.id}`,
    displayId: d.id,
    bounds: d.bounds,
    view,
    label: d.label,
    regionId: view,
    params: {},
  }));
}

/**
 * A map over two thirds of the wall beside a KPI column, the case board on the operator screen:
 * the planner tests' fixed example of regions across panels (the built-in briefing profile was
 * this shape before it took the analysis view, and may change again).
 */
export const MAP_AND_KPI: Profile = {
  version: 1,
  id: 'map-and-kpi',
  name: { zh: '地图与指标', en: 'Map and KPIs' },
  regions: [
    {
      id: 'map',
      view: 'map',
      params: { scale: 'large' },
      target: { kind: 'wall', rect: { x: 0, y: 0, w: 2 / 3, h: 1 } },
    },
    {
      id: 'kpi',
      view: 'kpi',
      params: { scale: 'large' },
      target: { kind: 'wall', rect: { x: 2 / 3, y: 0, w: 1 / 3, h: 1 } },
    },
    { id: 'cases', view: 'cases', target: { kind: 'operator', rect: { x: 0, y: 0, w: 1, h: 1 } } },
  ],
};
