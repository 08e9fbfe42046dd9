import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import { COORDINATE_SYSTEM } from '@deck.gl/core';
import type { IncidentRecord } from '../../../shared/domain/incidentBook';
import { LEVEL_COLOURS } from '../../../shared/domain/incidentKinds';
import {
  PathLayer,
  PolygonLayer,
  ScatterplotLayer,
  SolidPolygonLayer,
  TextLayer,
} from '@deck.gl/layers';
import type { WarningRecord } from '../../../shared/domain/warningBook';
import { SEVERITY_COLOURS } from '../../../shared/domain/warningKinds';
import { circleRing } from '../../../shared/geo/distance';
import type { CordonBuilding } from '../../../shared/geo/cordonBuildings';
import type { CaseRecord } from '../../../shared/domain/caseStore';
import type { BuildingMeshChunk } from '../../../shared/geo/buildingMesh';
import type { Boundary, Camera, LineColumns } from '../../../shared/geo/features';
import type { CaseHeat } from '../caseHeat';

/*
 * Pure layer factories with stable ids: the map calls them with memoised data and deck.gl
 * diffs by id, so a new heatmap buffer never rebuilds the buildings.
 */

const BUILDINGS_ID = 'buildings';

/** The building a pick on a chunk layer stands for (its id names the chunk's first building). */
export function pickedBuilding(layerId: string, index: number): number | undefined {
  const match = /^buildings-(\d+)$/.exec(layerId);
  return match ? Number(match[1]) + index : undefined;
}

/**
 * Grey-model buildings (灰模), one layer per mesh chunk. Every attribute comes from the worker:
 * roof `indices` mean deck.gl skips tessellation, `rowIndexes` that it skips its per-vertex
 * picking pass, and float32 offsets from a centre (LNGLAT_OFFSETS) that it skips splitting
 * float64 positions for 64-bit emulation. What is left on the main thread is the upload.
 *
 * `visible` false while a city is still loading: the chunk is uploaded in its own frame but
 * not drawn, so frames stay cheap until every chunk is ready, then all show at once (deck.gl
 * keeps a hidden layer's buffers, so showing it uploads nothing again).
 */
export function buildingsLayer(chunk: BuildingMeshChunk, visible = true) {
  return new SolidPolygonLayer({
    id: `${BUILDINGS_ID}-${chunk.first}`,
    visible,
    coordinateSystem: COORDINATE_SYSTEM.LNGLAT_OFFSETS,
    coordinateOrigin: [chunk.origin[0], chunk.origin[1], 0],
    data: {
      length: chunk.count,
      startIndices: chunk.startIndices,
      attributes: {
        getPolygon: { value: chunk.positions, size: 2 },
        getElevation: { value: chunk.elevations, size: 1 },
        indices: { value: chunk.indices, size: 1 },
        rowIndexes: { value: chunk.rowIndexes, size: 1 },
      },
    },
    // The readers close every ring and wind it counter-clockwise, so deck.gl need not.
    _normalize: false,
    _windingOrder: 'CCW',
    extruded: true,
    getFillColor: [176, 186, 198, 255],
    material: { ambient: 0.35, diffuse: 0.6, shininess: 24, specularColor: [60, 64, 70] },
    pickable: true,
  });
}

export function roadsLayer(r: LineColumns) {
  return new PathLayer({
    id: 'roads',
    data: {
      length: r.count,
      startIndices: r.startIndices,
      attributes: { getPath: { value: r.positions, size: 2 } },
    },
    _pathType: 'open',
    getColor: [64, 96, 128, 200],
    getWidth: 6,
    widthMinPixels: 1,
  });
}

export function boundaryLayer(
  id: string,
  boundaries: readonly Boundary[],
  color: [number, number, number, number],
  width: number,
) {
  return new PathLayer<readonly number[]>({
    id: `boundary-${id}`,
    data: boundaries.flatMap((b) => b.polygons),
    getPath: (ring) => ring as unknown as number[],
    positionFormat: 'XY',
    getColor: color,
    getWidth: width,
    widthUnits: 'pixels',
  });
}

export function waterLayer(water: readonly Boundary[]) {
  return new SolidPolygonLayer<readonly number[]>({
    id: 'water',
    data: water.flatMap((b) => b.polygons),
    getPolygon: (ring) => ring as unknown as number[],
    positionFormat: 'XY',
    getFillColor: [20, 60, 110, 255],
  });
}

/** Where cases concentrate over the chosen window; the buffer grows as cases are reported. */
export function heatLayer(heat: CaseHeat, since: number) {
  return new HeatmapLayer({
    id: 'case-heat',
    data: heat.window(since),
    radiusPixels: 40,
    intensity: 1.2,
    threshold: 0.04,
    aggregation: 'SUM',
    // Drawn over the buildings: a hot spot behind a tower must still show on the wall.
    parameters: { depthCompare: 'always' },
    updateTriggers: { getPosition: heat.version },
  });
}

const STATE_COLORS: Record<string, [number, number, number]> = {
  reported: [255, 176, 32],
  registered: [255, 176, 32],
  dispatched: [55, 180, 255],
  handling: [55, 180, 255],
  extended: [255, 120, 40],
  suspended: [140, 160, 180],
  handled: [55, 214, 122],
  verified: [55, 214, 122],
  reworked: [255, 77, 79],
};

/** The map legend's case entries: a colour each, as the markers are drawn. */
export const CASE_LEGEND: readonly {
  readonly states: readonly string[];
  readonly color: readonly [number, number, number];
}[] = [
  { states: ['reported', 'registered'], color: STATE_COLORS.reported as [number, number, number] },
  { states: ['dispatched', 'handling'], color: STATE_COLORS.handling as [number, number, number] },
  { states: ['extended'], color: STATE_COLORS.extended as [number, number, number] },
  { states: ['handled', 'verified'], color: STATE_COLORS.handled as [number, number, number] },
  { states: ['reworked'], color: STATE_COLORS.reworked as [number, number, number] },
];
export const CAMERA_COLOR = [120, 230, 255] as const;

/** Open cases, coloured by state; urgent ones larger. Made again only when the cases changed. */
/** What every case marker shares: placed at its case, larger when urgent, outlined, on top. */
const MARKER = {
  getPosition: (c: CaseRecord): [number, number] => [c.position.lon, c.position.lat],
  getRadius: (c: CaseRecord) => (c.urgent ? 9 : 6),
  radiusUnits: 'pixels',
  stroked: true,
  getLineColor: [6, 18, 31, 255],
  lineWidthMinPixels: 1,
  pickable: true,
  parameters: { depthCompare: 'always' },
} as const;

export function caseMarkersLayer(cases: readonly CaseRecord[], version: number) {
  return new ScatterplotLayer<CaseRecord>({
    ...MARKER,
    id: 'cases',
    data: cases,
    getFillColor: (c) => [...(STATE_COLORS[c.state] ?? [200, 200, 200]), 230],
    updateTriggers: { getFillColor: version, getRadius: version },
  });
}

/**
 * The overdue cases, red, over the others. The pulse (`pulse` 0..1) moves only the layer's
 * uniforms (radiusScale, opacity), so a frame of pulsing runs no accessor and uploads nothing.
 */
export function overdueLayer(cases: readonly CaseRecord[], pulse: number, version: number) {
  return new ScatterplotLayer<CaseRecord>({
    ...MARKER,
    id: 'cases-overdue',
    data: cases,
    getFillColor: [255, 77, 79, 255],
    radiusScale: 1 + 0.5 * pulse,
    opacity: 0.55 + 0.45 * pulse,
    updateTriggers: { getRadius: version },
  });
}

/**
 * Open incidents: the danger / cordon circle in metres, filled faintly and ringed in the
 * level's colour, over everything else of the city.
 */
export function incidentsLayer(incidents: readonly IncidentRecord[], version: number) {
  return new ScatterplotLayer<IncidentRecord>({
    id: 'incidents',
    data: incidents,
    getPosition: (i) => [i.position.lon, i.position.lat],
    getRadius: (i) => i.radiusMetres,
    radiusUnits: 'meters',
    stroked: true,
    filled: true,
    getFillColor: (i) => [...LEVEL_COLOURS[i.level], 50],
    getLineColor: (i) => [...LEVEL_COLOURS[i.level], 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 4,
    pickable: false,
    // Over the buildings: the cordon must show wherever towers stand in it.
    parameters: { depthCompare: 'always' },
    updateTriggers: { getRadius: version, getFillColor: version, getLineColor: version },
  });
}

/**
 * The buildings inside open incidents' cordons, extruded in the level's colour around the grey
 * model: the incident's own solid, the others tinted.
 */
export function cordonBuildingsLayer(buildings: readonly CordonBuilding[]) {
  return new SolidPolygonLayer<CordonBuilding>({
    id: 'cordon-buildings',
    data: buildings,
    getPolygon: (b) => b.ring as unknown as number[],
    positionFormat: 'XY',
    extruded: true,
    getElevation: (b) => b.height,
    getFillColor: (b) => [...b.colour, b.target ? 255 : 170],
    material: { ambient: 0.45, diffuse: 0.6, shininess: 16, specularColor: [60, 64, 70] },
    pickable: false,
  });
}

/** A circle smaller than this is drawn this large: CAP allows radius 0 (a point). */
const MIN_WARNING_RADIUS_M = 150;

interface WarningShape {
  readonly ring: number[];
  readonly warning: WarningRecord;
}

/**
 * Public warnings in force (CAP): each area's polygons and circles in the severity's colour,
 * faintly filled so the city shows through, ringed so the edge reads from across the hall.
 * Drawn over the heatmap and the buildings (a faint tint on them), or the heat would hide it.
 * `version` changes with the list.
 */
export function warningsLayer(warnings: readonly WarningRecord[], version: number) {
  const shapes: WarningShape[] = [];
  for (const warning of warnings)
    for (const area of warning.areas) {
      for (const ring of area.polygons) shapes.push({ ring, warning });
      for (const c of area.circles)
        shapes.push({
          ring: circleRing(c.centre, Math.max(MIN_WARNING_RADIUS_M, c.radiusMetres)),
          warning,
        });
    }
  return new PolygonLayer<WarningShape>({
    id: 'warnings',
    data: shapes,
    getPolygon: (s) => s.ring as unknown as number[],
    positionFormat: 'XY',
    filled: true,
    stroked: true,
    getFillColor: (s) => [...SEVERITY_COLOURS[s.warning.severity], 40],
    getLineColor: (s) => [...SEVERITY_COLOURS[s.warning.severity], 230],
    lineWidthUnits: 'pixels',
    getLineWidth: 4,
    pickable: true,
    parameters: { depthCompare: 'always' },
    updateTriggers: { getFillColor: version, getLineColor: version },
  });
}

/** Cameras, grey while offline; `version` (the store's) makes their colours be looked up again. */
export function camerasLayer(
  cameras: readonly Camera[],
  online: (id: string) => boolean,
  version: number,
) {
  return new ScatterplotLayer<Camera>({
    id: 'cameras',
    data: cameras,
    getPosition: (c) => [c.position[0], c.position[1]],
    getFillColor: (c) => (online(c.id) ? [...CAMERA_COLOR, 255] : [110, 110, 110, 255]),
    getRadius: 5,
    radiusUnits: 'pixels',
    pickable: true,
    updateTriggers: { getFillColor: version },
  });
}

/** Unit grid cells with open cases, shaded by how many: where the day's work is piling up. */
export function gridLoadLayer(cells: readonly { polygon: readonly number[]; open: number }[]) {
  return new SolidPolygonLayer<{ polygon: readonly number[]; open: number }>({
    id: 'grid-load',
    data: cells,
    getPolygon: (c) => c.polygon as unknown as number[],
    positionFormat: 'XY',
    getFillColor: (c) => [255, 120, 40, Math.min(200, 50 + c.open * 40)],
    updateTriggers: { getFillColor: cells.length },
  });
}

/** District and street names in Chinese, from a font atlas of just the characters they use. */
export function labelsLayer(
  labels: readonly { text: string; position: readonly [number, number]; size: number }[],
) {
  const characterSet = [...new Set(labels.map((l) => l.text).join(''))];
  return new TextLayer<{ text: string; position: readonly [number, number]; size: number }>({
    id: 'labels',
    data: labels,
    getText: (l) => l.text,
    getPosition: (l) => [l.position[0], l.position[1]],
    getSize: (l) => l.size,
    sizeUnits: 'pixels',
    characterSet,
    fontFamily: '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif',
    getColor: [232, 241, 251, 255],
    outlineWidth: 3,
    outlineColor: [6, 18, 31, 255],
    fontSettings: { sdf: true },
    parameters: { depthCompare: 'always' },
  });
}
