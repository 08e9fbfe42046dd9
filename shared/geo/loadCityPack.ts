import { readBuildings, type BuildingColumns } from './buildings';
import { readBuildingsBinary } from './buildingsBinary';
import type { CityPackManifest } from './cityPack';
import {
  readBoundaries,
  readCameras,
  readLines,
  type Boundary,
  type Camera,
  type LineColumns,
} from './features';
import { readResources, type Resource } from './resources';
import { checkFileSize, parseJsonFile, type Problem } from './problems';

/** How the loader reaches a pack's files: fetch in a worker, the file system in Node. */
export type FileSource = (name: string) => Promise<
  | {
      readonly size: number;
      text(): Promise<string>;
      /** The raw file, for `columns` buildings; a source without it can serve only JSON. */
      bytes?(): Promise<Uint8Array>;
    }
  | undefined
>;

export interface CityPack {
  readonly manifest: CityPackManifest;
  readonly buildings?: BuildingColumns;
  readonly roads?: LineColumns;
  readonly water?: readonly Boundary[];
  readonly boundaries: Readonly<
    Partial<Record<'city' | 'district' | 'street' | 'community' | 'grid', readonly Boundary[]>>
  >;
  readonly cameras: readonly Camera[];
  /** Emergency resources (empty when the pack has none). */
  readonly resources: readonly Resource[];
  /** Everything refused, by file and feature; the rest loaded. */
  readonly problems: readonly Problem[];
}

/**
 * Reads every file a manifest names. A missing, empty, oversized or broken file is a problem
 * that names it; the other files, and the good features of a partly bad file, still load.
 */
export async function loadCityPack(
  manifest: CityPackManifest,
  source: FileSource,
): Promise<CityPack> {
  const problems: Problem[] = [];
  const open = async (file: string) => {
    const handle = await source(file).catch(() => undefined);
    if (!handle) {
      problems.push({ file, feature: '-', reason: 'file not found' });
      return undefined;
    }
    const sizeProblem = checkFileSize(file, handle.size);
    if (sizeProblem) {
      problems.push(sizeProblem);
      return undefined;
    }
    return handle;
  };
  const json = async (file: string): Promise<unknown> => {
    const handle = await open(file);
    if (!handle) return undefined;
    const parsed = parseJsonFile(file, await handle.text());
    if (!parsed.ok) {
      problems.push(parsed.problem);
      return undefined;
    }
    return parsed.value;
  };
  const crsOf = (part: { crs?: CityPackManifest['crs'] }) => part.crs ?? manifest.crs;

  let buildings: BuildingColumns | undefined;
  const b = manifest.buildings;
  if (b?.format === 'columns') {
    const handle = await open(b.file);
    if (handle && !handle.bytes)
      problems.push({ file: b.file, feature: '-', reason: 'this source cannot read binary files' });
    else if (handle?.bytes) {
      const read = readBuildingsBinary(await handle.bytes(), b.file, crsOf(b));
      buildings = read.columns;
      problems.push(...read.problems);
    }
  } else if (b) {
    const value = await json(b.file);
    if (value !== undefined) {
      const read = readBuildings(value, {
        file: b.file,
        format: b.format,
        crs: crsOf(b),
        ...(b.storeyHeight ? { storeyHeight: b.storeyHeight } : {}),
      });
      buildings = read.columns;
      problems.push(...read.problems);
    }
  }
  let roads: LineColumns | undefined;
  if (manifest.roads) {
    const value = await json(manifest.roads.file);
    if (value !== undefined) {
      const read = readLines(
        value,
        manifest.roads.file,
        crsOf(manifest.roads),
        manifest.roads.classProperty,
      );
      roads = read.lines;
      problems.push(...read.problems);
    }
  }
  let water: Boundary[] | undefined;
  if (manifest.water) {
    const value = await json(manifest.water.file);
    if (value !== undefined) {
      const read = readBoundaries(value, manifest.water.file, crsOf(manifest.water));
      water = read.boundaries;
      problems.push(...read.problems);
    }
  }
  const boundaries: Partial<
    Record<'city' | 'district' | 'street' | 'community' | 'grid', Boundary[]>
  > = {};
  for (const level of manifest.boundaries ?? []) {
    const value = await json(level.file);
    if (value === undefined) continue;
    const read = readBoundaries(value, level.file, crsOf(level));
    boundaries[level.level] = [...(boundaries[level.level] ?? []), ...read.boundaries];
    problems.push(...read.problems);
  }
  let cameras: Camera[] = [];
  if (manifest.cameras) {
    const value = await json(manifest.cameras.file);
    if (value !== undefined) {
      const read = readCameras(
        value,
        manifest.cameras.file,
        crsOf(manifest.cameras),
        manifest.cameras.streamProperty,
      );
      cameras = read.cameras;
      problems.push(...read.problems);
    }
  }
  let resources: Resource[] = [];
  if (manifest.resources) {
    const value = await json(manifest.resources.file);
    if (value !== undefined) {
      const read = readResources(value, manifest.resources.file, crsOf(manifest.resources));
      resources = read.resources;
      problems.push(...read.problems);
    }
  }
  return {
    manifest,
    resources,
    ...(buildings ? { buildings } : {}),
    ...(roads ? { roads } : {}),
    ...(water ? { water } : {}),
    boundaries,
    cameras,
    problems,
  };
}
