import type { BuildingColumns } from '../../../shared/geo/buildings';
import { Random } from '../../../shared/random';
import { gridOf, randomPosition } from './demoCity';

/**
 * The demo city's emergency resources, generated (positions drawn inside the district, names in
 * the style of a district register; not Duanzhou's real register): fire and rescue stations
 * with their engines, the emergency warehouse, shelters and hospitals.
 */
export function demoResourcesJson(seed: number): string {
  const random = new Random(seed);
  const features: unknown[] = [];
  const add = (id: string, kind: string, name: string, props: Record<string, unknown> = {}) => {
    const { lon, lat } = randomPosition(random);
    features.push({
      type: 'Feature',
      id,
      properties: { id, kind, name, ...props },
      geometry: { type: 'Point', coordinates: [lon, lat] },
    });
  };
  const stations = ['端州消防救援站', '城东消防救援站', '黄岗消防救援站', '睦岗消防救援站'];
  stations.forEach((name, i) => {
    add(`fire-${i + 1}`, 'team', name, { capacity: random.int(25, 45), phone: '119' });
    add(`engine-${i + 1}`, 'vehicle', `${name.slice(0, 2)}水罐消防车`, { capacity: 6 });
  });
  add('rescue-1', 'team', '端州区应急救援队', { capacity: 60 });
  add('gas-1', 'team', '港华燃气抢险队', { capacity: 20 });
  add('water-1', 'team', '区水务排涝抢险队', { capacity: 30 });
  add('warehouse-1', 'warehouse', '端州区应急物资储备仓库');
  add('warehouse-2', 'warehouse', '城东防汛物资仓库');
  const shelters = [
    '星湖体育馆应急避难场所',
    '端州区人民广场避难场所',
    '黄岗中学避难场所',
    '睦岗公园避难场所',
  ];
  shelters.forEach((name, i) =>
    add(`shelter-${i + 1}`, 'shelter', name, {
      capacity: random.int(8, 40) * 100,
      open: random.chance(0.5),
    }),
  );
  const hospitals = ['肇庆市第一人民医院', '端州区人民医院', '肇庆市中医院'];
  hospitals.forEach((name, i) =>
    add(`hospital-${i + 1}`, 'hospital', name, { beds: random.int(12, 80), phone: '120' }),
  );
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/** A building an incident can break out in: where it stands and how many storeys it has. */
export interface IncidentSite {
  readonly buildingId: string;
  readonly position: { readonly lon: number; readonly lat: number };
  readonly floors: number;
  readonly street: string;
}

/** Storey height the demo's building heights are divided by (the pack says the same). */
const DEMO_STOREY_METRES = 3;

/** The pack's buildings of at least `minFloors` storeys, each at its footprint's centre. */
export function incidentSites(buildings: BuildingColumns, minFloors: number): IncidentSite[] {
  const sites: IncidentSite[] = [];
  for (let i = 0; i < buildings.count; i += 1) {
    const floors = Math.max(1, Math.round((buildings.heights[i] as number) / DEMO_STOREY_METRES));
    if (floors < minFloors) continue;
    const from = buildings.startIndices[i] as number;
    // The ring is closed: its last vertex repeats the first.
    const to = (buildings.startIndices[i + 1] as number) - 1;
    let lon = 0;
    let lat = 0;
    for (let k = from; k < to; k += 1) {
      lon += buildings.positions[k * 2] as number;
      lat += buildings.positions[k * 2 + 1] as number;
    }
    const n = Math.max(1, to - from);
    const position = { lon: round6(lon / n), lat: round6(lat / n) };
    sites.push({
      buildingId: buildings.ids[i] as string,
      position,
      floors,
      street: gridOf(position).street,
    });
  }
  return sites;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
