import type { IncidentRecord } from '../domain/incidentBook';
import { LEVEL_COLOURS } from '../domain/incidentKinds';
import type { BuildingColumns } from './buildings';
import { buildingsWithin } from './buildingsNear';

/** One building inside an open incident's cordon, ready for the map's highlight layer. */
export interface CordonBuilding {
  /** The footprint as flat `[lon, lat, …]`, a metre wider all round than the grey model's. */
  readonly ring: number[];
  /** A metre taller than the grey model, so the highlight wraps it instead of flickering in it. */
  readonly height: number;
  readonly colour: readonly [number, number, number];
  /** The incident's own building (drawn solid; the others in the cordon are tinted). */
  readonly target: boolean;
}

/** Buildings one cordon may highlight: a 2 km radius in a dense city is thousands. */
const PER_INCIDENT = 3_000;
const M_PER_DEG_LAT = 111_320;
const GROW_METRES = 1;

/**
 * The buildings inside each open incident's cordon, in the level's colour: what the coordinator
 * must evacuate or check, seen on the map as the 3D view shows it. A building in two cordons
 * takes the graver one's colour (incidents come gravest first).
 */
export function cordonBuildings(
  columns: BuildingColumns,
  incidents: readonly IncidentRecord[],
): CordonBuilding[] {
  const taken = new Set<number>();
  const out: CordonBuilding[] = [];
  for (const incident of incidents) {
    const within = buildingsWithin(columns, incident.position, incident.radiusMetres, {
      ...(incident.buildingId ? { buildingId: incident.buildingId } : {}),
      limit: PER_INCIDENT,
    });
    const colour = LEVEL_COLOURS[incident.level];
    const add = (index: number, target: boolean) => {
      if (taken.has(index)) return;
      taken.add(index);
      out.push({
        ring: grown(columns, index),
        height: (columns.heights[index] as number) + GROW_METRES,
        colour,
        target,
      });
    };
    if (within.target !== undefined) add(within.target, true);
    for (const index of within.inside) add(index, false);
  }
  return out;
}

/** The footprint pushed out from its centre by a metre. */
function grown(columns: BuildingColumns, index: number): number[] {
  const from = columns.startIndices[index] as number;
  const to = columns.startIndices[index + 1] as number;
  let cx = 0;
  let cy = 0;
  const n = to - from - 1;
  for (let k = from; k < to - 1; k += 1) {
    cx += columns.positions[k * 2] as number;
    cy += columns.positions[k * 2 + 1] as number;
  }
  cx /= n;
  cy /= n;
  const mPerDegLon = M_PER_DEG_LAT * Math.cos((cy * Math.PI) / 180);
  const ring: number[] = [];
  for (let k = from; k < to; k += 1) {
    const dx = ((columns.positions[k * 2] as number) - cx) * mPerDegLon;
    const dy = ((columns.positions[k * 2 + 1] as number) - cy) * M_PER_DEG_LAT;
    const r = Math.hypot(dx, dy) || 1;
    const scale = (r + GROW_METRES) / r;
    ring.push(cx + (dx * scale) / mPerDegLon, cy + (dy * scale) / M_PER_DEG_LAT);
  }
  return ring;
}
