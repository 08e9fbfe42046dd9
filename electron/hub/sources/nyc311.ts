import type { WallEvent } from '../../../shared/protocol/events';
import type { CityInfo } from '../../../shared/protocol/wire';
import { MAIN_PATH, type CaseState } from '../../../shared/domain/lifecycle';
import { csvRecords } from './csv';

/**
 * Import of NYC 311 service requests (NYC Open Data column names) onto our categories and
 * lifecycle: the proof that a data set nobody here made flows through the real import path.
 */
export const NYC_CITY: CityInfo = {
  id: 'nyc',
  name: '纽约市（311 数据回放）',
  nameEn: 'New York City (311 replay)',
  bounds: { west: -74.26, south: 40.49, east: -73.69, north: 40.92 },
};

/** Complaint type → our category id; first match wins, the rest are "other events". */
const CATEGORY_RULES: readonly (readonly [RegExp, string])[] = [
  [/noise/i, 'event/appearance/noise'],
  [
    /illegal parking|blocked driveway|derelict vehicle|derelict bicycle|abandoned/i,
    'event/street-order/illegal-parking',
  ],
  [/vending/i, 'event/street-order/street-vending'],
  [
    /bulky item|missed collection|electronics waste|sanitation|dirty condition|litter|industrial waste|rodent|pigeon|vacant lot/i,
    'event/appearance/exposed-garbage',
  ],
  [/tree|root\/sewer/i, 'component/greenery/street-tree'],
  [/street light/i, 'component/utilities/street-lamp'],
  [/^sewer|indoor sewage/i, 'component/utilities/manhole-cover'],
  [/water system|water quality|water conservation/i, 'component/utilities/fire-hydrant'],
  [/traffic signal/i, 'component/traffic/traffic-light'],
  [/street sign/i, 'component/traffic/street-sign'],
  [
    /street condition|sidewalk condition|curb condition|highway condition|bridge condition|tunnel condition/i,
    'component/traffic/road-surface',
  ],
  [/bus stop shelter/i, 'component/traffic/bus-shelter'],
  [/graffiti/i, 'event/advertising/illegal-ads'],
  [/hazardous materials|asbestos/i, 'event/emergency/gas-leak'],
  [/air quality/i, 'event/construction/dust'],
  [/general construction|building\/use/i, 'event/construction/road-works'],
  [
    /heat\/hot water|plumbing|paint\/plaster|door\/window|electric|flooring|appliance|water leak|unsanitary condition|^general$|^safety$|elevator|outside building|boilers|lead|non-residential heat/i,
    'component/buildings/derelict-building',
  ],
];

export function nycCategory(complaintType: string): string {
  for (const [pattern, category] of CATEGORY_RULES)
    if (pattern.test(complaintType)) return category;
  return 'event/other/other';
}

/** NYC status → how far along our lifecycle the request got. */
function nycTargetState(status: string): CaseState {
  switch (status.trim().toLowerCase()) {
    case 'closed':
      return 'closed';
    case 'started':
    case 'in progress':
      return 'handling';
    case 'assigned':
      return 'dispatched';
    case 'pending':
      return 'reported';
    default:
      return 'registered'; // Open, Unassigned, Email Sent: taken in, not yet sent out
  }
}

/** `10/21/18 0:00` (the 2018 export) or ISO-like `2019-12-31T23:59:00` (the Socrata export). */
export function parseNycDate(text: string): number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?$/i.exec(
    t,
  );
  if (m) {
    const year = Number(m[3]) < 100 ? 2000 + Number(m[3]) : Number(m[3]);
    let hour = Number(m[4]);
    if (m[7]) hour = (hour % 12) + (m[7].toUpperCase() === 'PM' ? 12 : 0);
    // New York local time; EDT (UTC−4) covers the replayed days in October.
    return Date.UTC(
      year,
      Number(m[1]) - 1,
      Number(m[2]),
      hour + 4,
      Number(m[5]),
      Number(m[6] ?? 0),
    );
  }
  const iso = Date.parse(t.endsWith('Z') || /[+-]\d\d:?\d\d$/.test(t) ? t : `${t}-05:00`);
  return Number.isFinite(iso) ? iso : undefined;
}

export interface NycImport {
  /** Events in time order, ready to publish. */
  readonly events: WallEvent[];
  readonly rows: number;
  /** Rows that could not become a case, by why. */
  readonly skipped: Readonly<Record<string, number>>;
}

const pick = (row: Record<string, string>, ...names: string[]): string => {
  for (const name of names) if (row[name] !== undefined) return row[name] as string;
  return '';
};

/** Turns a 311 CSV into our events: each request walks the lifecycle up to its NYC status. */
export function importNyc311(csv: string): NycImport {
  const events: { at: number; order: number; event: WallEvent }[] = [];
  const skipped: Record<string, number> = {};
  let rows = 0;
  let order = 0;
  const skip = (why: string) => {
    skipped[why] = (skipped[why] ?? 0) + 1;
  };
  for (const row of csvRecords(csv)) {
    rows += 1;
    const caseId = pick(row, 'Unique Key', 'unique_key').trim();
    const created = parseNycDate(pick(row, 'Created Date', 'created_date'));
    const lat = Number.parseFloat(pick(row, 'Latitude', 'latitude'));
    const lon = Number.parseFloat(pick(row, 'Longitude', 'longitude'));
    if (!caseId) {
      skip('no id');
      continue;
    }
    if (created === undefined) {
      skip('no created date');
      continue;
    }
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) {
      skip('no position');
      continue;
    }
    const closedAt = parseNycDate(pick(row, 'Closed Date', 'closed_date'));
    const target = nycTargetState(pick(row, 'Status', 'status'));
    const complaint = pick(row, 'Complaint Type', 'complaint_type');
    const descriptor = pick(row, 'Descriptor', 'descriptor');
    const agency = pick(row, 'Agency', 'agency') || 'NYC';
    const done = Math.max(created, closedAt ?? created);
    const steps: [number, WallEvent][] = [
      [
        created,
        {
          type: 'case.reported',
          payload: {
            caseId,
            at: created,
            category: nycCategory(complaint),
            urgent: /emergency|hazardous|gas/i.test(`${complaint} ${descriptor}`),
            position: { lon, lat },
            source: 'hotline',
            description: `${complaint}${descriptor ? ` / ${descriptor}` : ''}`.slice(0, 1000),
            address: pick(row, 'Incident Address', 'incident_address').slice(0, 200),
            district: pick(row, 'Borough', 'borough').slice(0, 64),
          },
        },
      ],
    ];
    const lifecycleSteps: [CaseState, WallEvent['type'], number][] = [
      ['registered', 'case.registered', created],
      ['dispatched', 'case.dispatched', created],
      ['handling', 'case.accepted', created],
      ['handled', 'case.handled', done],
      ['verified', 'case.verified', done],
      ['closed', 'case.closed', done],
    ];
    const reach = MAIN_PATH.indexOf(target);
    lifecycleSteps.slice(0, reach).forEach(([, type, at]) => {
      const payload =
        type === 'case.dispatched'
          ? { caseId, at, department: agency.slice(0, 100) }
          : { caseId, at };
      steps.push([at, { type, payload } as WallEvent]);
    });
    for (const [at, event] of steps) events.push({ at, order: order++, event });
  }
  events.sort((a, b) => a.at - b.at || a.order - b.order);
  return { events: events.map((e) => e.event), rows, skipped };
}
