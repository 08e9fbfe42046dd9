import { MAX_WARNING_POINTS, type WallEvent } from '../../../shared/protocol/events';
import { severityRank, type WarningSeverity } from '../../../shared/domain/warningKinds';
import type { CapAlert, CapArea, CapInfo } from './parseCap';

/** How long a warning without `expires` stays in force: CAP leaves it open, a wall cannot. */
const DEFAULT_WARNING_HOURS = 24;

/** The city a warning must touch to be drawn on its wall. */
export interface CityBounds {
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
}

export type CapConversion =
  | { readonly ok: true; readonly event: WallEvent }
  | { readonly ok: false; readonly reason: string };

/**
 * What a CAP alert means for the wall: an Alert or Update is a `warning.issued` (the gravest of
 * its `info` blocks, their texts by language, their areas together), a Cancel a
 * `warning.cancelled`. Refused with a reason: tests, drafts and system messages, acks and errors,
 * a warning that has expired by `now`, one with no area a map can draw (geocodes only), and one
 * whose areas all lie outside the city.
 */
export function capToEvent(
  alert: CapAlert,
  now: number,
  city?: CityBounds,
  hours = DEFAULT_WARNING_HOURS,
): CapConversion {
  if (alert.status !== 'Actual' && alert.status !== 'Exercise')
    return refuse(`status ${alert.status}: not for the wall`);
  if (alert.msgType === 'Ack' || alert.msgType === 'Error')
    return refuse(`msgType ${alert.msgType} carries no warning`);
  const references = alert.references.map((r) => limit(r.identifier, 200));
  if (alert.msgType === 'Cancel') {
    if (references.length === 0) return refuse('a Cancel without <references>');
    return {
      ok: true,
      event: {
        type: 'warning.cancelled',
        payload: {
          warningId: limit(alert.identifier, 200),
          at: alert.sent,
          cancels: references.slice(0, 50),
          ...(alert.note ? { note: limit(alert.note, 500) } : {}),
        },
      },
    };
  }
  if (alert.infos.length === 0) return refuse('an Alert without <info>');
  const gravest = [...alert.infos].sort(
    (a, b) => severityRank(severity(a)) - severityRank(severity(b)),
  )[0] as CapInfo;
  const expires = Math.max(...alert.infos.map((i) => i.expires ?? alert.sent + hours * 3_600_000));
  if (expires <= now) return refuse(`expired at ${new Date(expires).toISOString()}`);
  const areas = drawable(alert.infos.flatMap((i) => i.areas));
  if (areas.length === 0)
    return refuse(
      'no <polygon> or <circle> to draw (areas given by <geocode> only are not mapped yet)',
    );
  if (city && !areas.some((a) => touches(a, city)))
    return refuse('every area lies outside the city');
  const onset = Math.min(...alert.infos.map((i) => i.onset ?? i.effective ?? alert.sent));
  return {
    ok: true,
    event: {
      type: 'warning.issued',
      payload: {
        warningId: limit(alert.identifier, 200),
        at: alert.sent,
        sender: limit(alert.sender, 200),
        status: alert.status === 'Actual' ? 'actual' : 'exercise',
        replaces: alert.msgType === 'Update' ? references.slice(0, 50) : [],
        severity: severity(gravest),
        urgency: gravest.urgency.toLowerCase() as Lowercase<CapInfo['urgency']>,
        certainty: gravest.certainty.toLowerCase() as Lowercase<CapInfo['certainty']>,
        ...(onset > alert.sent ? { onset } : {}),
        expires,
        texts: texts(alert.infos),
        areas: thinned(areas).slice(0, 20),
      },
    },
  };
}

function severity(info: CapInfo): WarningSeverity {
  return info.severity.toLowerCase() as WarningSeverity;
}

/** One text per language, the first info of each language speaking for it. */
function texts(infos: readonly CapInfo[]) {
  const byLanguage = new Map<string, CapInfo>();
  for (const info of infos) if (!byLanguage.has(info.language)) byLanguage.set(info.language, info);
  return [...byLanguage.values()].slice(0, 4).map((i) => ({
    language: limit(i.language, 35),
    event: limit(i.event, 200),
    ...(i.headline ? { headline: limit(i.headline, 300) } : {}),
    ...(i.description ? { description: limit(i.description, 2000) } : {}),
    ...(i.instruction ? { instruction: limit(i.instruction, 2000) } : {}),
    ...(i.senderName ? { senderName: limit(i.senderName, 200) } : {}),
  }));
}

interface DrawnArea {
  description: string;
  polygons: number[][];
  circles: { centre: { lon: number; lat: number }; radiusMetres: number }[];
}

/** Areas with something to draw, the same area in several languages' infos once. */
function drawable(areas: readonly CapArea[]): DrawnArea[] {
  const seen = new Set<string>();
  const out: DrawnArea[] = [];
  for (const area of areas) {
    if (area.polygons.length === 0 && area.circles.length === 0) continue;
    const key = JSON.stringify([area.polygons, area.circles]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      description: limit(area.areaDesc, 500),
      polygons: area.polygons.slice(0, 50).map((p) => [...p]),
      circles: area.circles.slice(0, 50).map((c) => ({
        centre: { lon: c.lon, lat: c.lat },
        radiusMetres: Math.min(2e6, c.km * 1000),
      })),
    });
  }
  return out;
}

/**
 * Polygons thinned to `MAX_WARNING_POINTS` points in all, every ring keeping its share and its
 * closing point: a county's outline in full would not fit one event, and a wall needs no more.
 */
function thinned(areas: DrawnArea[]): DrawnArea[] {
  const total = areas.reduce((n, a) => n + a.polygons.reduce((m, p) => m + p.length / 2, 0), 0);
  if (total <= MAX_WARNING_POINTS) return areas;
  const keep = MAX_WARNING_POINTS / total;
  return areas.map((a) => ({
    ...a,
    polygons: a.polygons.map((ring) => {
      const points = ring.length / 2;
      const wanted = Math.max(4, Math.floor(points * keep));
      const step = (points - 1) / (wanted - 1);
      const out: number[] = [];
      for (let k = 0; k < wanted - 1; k += 1) {
        const i = Math.round(k * step);
        out.push(ring[i * 2] as number, ring[i * 2 + 1] as number);
      }
      out.push(ring[0] as number, ring[1] as number);
      return out;
    }),
  }));
}

/** The area's box overlaps the city's. */
function touches(area: DrawnArea, city: CityBounds): boolean {
  const boxes = [
    ...area.polygons.map((ring) => {
      const lons = ring.filter((_, k) => k % 2 === 0);
      const lats = ring.filter((_, k) => k % 2 === 1);
      return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
    }),
    ...area.circles.map((c) => {
      const dLat = c.radiusMetres / 111_320;
      const dLon = dLat / Math.max(0.01, Math.cos((c.centre.lat * Math.PI) / 180));
      return [c.centre.lon - dLon, c.centre.lat - dLat, c.centre.lon + dLon, c.centre.lat + dLat];
    }),
  ];
  return boxes.some(
    ([w, s, e, n]) =>
      (w as number) <= city.east &&
      (e as number) >= city.west &&
      (s as number) <= city.north &&
      (n as number) >= city.south,
  );
}

/** Bounded to what the protocol takes, with an ellipsis where cut. */
function limit(value: string, max: number): string {
  if (value.length <= max) return value;
  // Never half of a surrogate pair: the protocol refuses lone surrogates.
  const cut = /[\uD800-\uDBFF]$/.test(value.slice(0, max - 1)) ? max - 2 : max - 1;
  return `${value.slice(0, cut)}…`;
}

function refuse(reason: string): CapConversion {
  return { ok: false, reason };
}
