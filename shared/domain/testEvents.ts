import type { WallEvent } from '../protocol/events';

/** Builders for case events in tests and benchmarks: times in minutes from a fixed origin. */
const T0 = Date.UTC(2026, 10, 23, 0, 0, 0);
export const min = (m: number): number => T0 + m * 60_000;

export function reported(
  caseId: string,
  at: number,
  extra: Partial<{ category: string; urgent: boolean; lon: number; lat: number }> = {},
): WallEvent {
  return {
    type: 'case.reported',
    payload: {
      caseId,
      at,
      category: extra.category ?? 'event/street-order/illegal-parking',
      urgent: extra.urgent ?? false,
      position: { lon: extra.lon ?? 112.47, lat: extra.lat ?? 23.06 },
      source: 'inspector',
    },
  };
}

export function step(
  type: Exclude<
    WallEvent['type'],
    | 'case.reported'
    | `alarm.${string}`
    | `incident.${string}`
    | `warning.${string}`
    | 'unit.position'
    | 'camera.status'
  >,
  caseId: string,
  at: number,
  extra: Record<string, unknown> = {},
): WallEvent {
  const defaults: Record<string, unknown> =
    type === 'case.dispatched'
      ? { department: '城管局' }
      : type === 'case.extended'
        ? { hours: 1 }
        : {};
  return { type, payload: { caseId, at, ...defaults, ...extra } } as WallEvent;
}

/** A fire declared at level III in building B-1 floor 12, 150 m around; `extra` overrides. */
export function declared(
  incidentId: string,
  at: number,
  extra: Partial<Extract<WallEvent, { type: 'incident.declared' }>['payload']> = {},
): WallEvent {
  return {
    type: 'incident.declared',
    payload: {
      incidentId,
      at,
      type: 'fire',
      level: 3,
      title: '高层住宅火灾',
      position: { lon: 112.47, lat: 23.06 },
      buildingId: 'B-1',
      floor: 12,
      radiusMetres: 150,
      ...extra,
    },
  };
}
