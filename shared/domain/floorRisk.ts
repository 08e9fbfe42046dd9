import type { IncidentType } from './incidentKinds';

export type FloorRisk = 'incident' | 'high' | 'medium' | 'none';

/**
 * The storeys to draw, bottom to top: the basements down to the incident's floor when it lies
 * below ground, then 1 … `floors` (and up to the incident's floor, should a report name a floor
 * above the pack's height).
 */
export function floorStack(floors: number, incidentFloor?: number): number[] {
  const top = Math.max(1, floors, incidentFloor ?? 1);
  const basements = incidentFloor !== undefined && incidentFloor < 0 ? -incidentFloor : 0;
  const stack: number[] = [];
  for (let f = -basements; f <= top; f += 1) if (f !== 0) stack.push(f);
  return stack;
}

/** Storeys between two floors, there being no storey 0. */
function storeysApart(a: number, b: number): number {
  const level = (f: number) => (f > 0 ? f - 1 : f);
  return level(a) - level(b);
}

/**
 * How a floor is tinted around the incident's: a fire's smoke and heat climb, so the floors
 * above it are at risk first (three high, three more medium) and the one below medium; gas
 * spreads through a storey and the ones next to it; other incidents mark the floors beside.
 */
export function floorRisk(type: IncidentType, incidentFloor: number, floor: number): FloorRisk {
  const d = storeysApart(floor, incidentFloor);
  if (d === 0) return 'incident';
  if (type === 'fire') {
    if (d > 0 && d <= 3) return 'high';
    if ((d > 3 && d <= 6) || d === -1) return 'medium';
    return 'none';
  }
  if (type === 'gas-leak' || type === 'hazardous-chemicals') {
    if (Math.abs(d) === 1) return 'high';
    if (Math.abs(d) === 2) return 'medium';
    return 'none';
  }
  return Math.abs(d) === 1 ? 'medium' : 'none';
}
