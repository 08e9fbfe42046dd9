import { rankBy } from '../../shared/domain/periodChange';
import type { SceneArea } from '../../shared/briefing/scene';
import type { Boundary } from '../../shared/geo/features';
import type { CityPack } from '../../shared/geo/loadCityPack';
import type { HistoryAnswer } from '../../shared/protocol/history';
import { checkHistoryAnswer } from '../../shared/protocol/historyAnswerSchema';

export type Bounds = readonly [number, number, number, number];

/** The street with the lowest 按期处置率, as the analysis page's summary names it (ties: the first). */
export function worstStreet(answer: HistoryAnswer): string | undefined {
  const { ranked } = rankBy(answer.rows, (r) => r.figures.onTimeHandlingRate, 'lower');
  const street = ranked[0]?.row.key.street;
  return typeof street === 'string' && street ? street : undefined;
}

/**
 * The pack's boundary a scene's area names: by code at any level, or this period's worst street
 * by name, asked of the hub's history (`history` does the asking; the page passes its fetch).
 */
export async function resolveArea(
  area: SceneArea,
  pack: CityPack,
  history: (query: string) => Promise<unknown>,
): Promise<Boundary | undefined> {
  const all = Object.values(pack.boundaries).flat();
  if ('code' in area) return all.find((b) => b.code === area.code);
  const checked = checkHistoryAnswer(
    await history(`period=${area.worst}&groupBy=street&compare=none`),
  );
  if (!checked.ok) throw new Error(`worst street: ${checked.error}`);
  const name = worstStreet(checked.answer);
  return name ? (pack.boundaries.street ?? []).find((b) => b.name === name) : undefined;
}

/** [west, south, east, north] of points (lon, lat pairs) or a boundary's rings; none if empty. */
export function boundsOf(points: Iterable<readonly [number, number]>): Bounds | undefined {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of points) {
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  }
  if (!(w <= e && s <= n)) return undefined;
  // A single point, or a thin line of them, still gets a street's worth of map around it.
  const pad = 0.002;
  return [w - pad, s - pad, e + pad, n + pad];
}

export function* ringPoints(boundary: Boundary): Generator<readonly [number, number]> {
  for (const ring of boundary.polygons)
    for (let i = 0; i + 1 < ring.length; i += 2) yield [ring[i] as number, ring[i + 1] as number];
}
