import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { encodeBuildingColumns } from '../../shared/geo/buildingsBinary';
import { checkCityPack } from '../../shared/geo/cityPack';
import { loadCityPack, type FileSource } from '../../shared/geo/loadCityPack';
import { describeProblem } from '../../shared/geo/problems';

/** A pack folder on disk as the loader reads it. */
export function folderSource(dir: string): FileSource {
  return async (name) => {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    return info
      ? {
          size: info.size,
          text: () => readFile(path, 'utf8'),
          bytes: async () => new Uint8Array(await readFile(path)),
        }
      : undefined;
  };
}

/**
 * Writes a copy of the pack in `outDir` whose buildings are a `columns` file (WGS-84, checked,
 * wound, ready to draw), so every wall window skips parsing them. The source pack is only read:
 * the output must be another folder.
 */
export async function compilePack(
  packDir: string,
  outDir: string,
): Promise<{ buildings: number; problems: string[] }> {
  if (resolve(packDir) === resolve(outDir))
    throw new Error(
      'the output folder must not be the pack itself (its files are kept as they are)',
    );
  const checked = checkCityPack(JSON.parse(await readFile(join(packDir, 'citypack.json'), 'utf8')));
  if (!checked.ok) throw new Error(`citypack.json: ${checked.error}`);
  const manifest = checked.manifest;
  if (!manifest.buildings) throw new Error('citypack.json names no buildings to compile');
  const pack = await loadCityPack(
    { ...manifest, roads: undefined, water: undefined, boundaries: [], cameras: undefined },
    folderSource(packDir),
  );
  if (!pack.buildings) throw new Error(pack.problems.map(describeProblem).join('\n'));
  await mkdir(outDir, { recursive: true });
  const others = [manifest.roads, manifest.water, manifest.cameras, ...(manifest.boundaries ?? [])];
  for (const part of others)
    if (part) await copyFile(join(packDir, part.file), join(outDir, part.file));
  await writeFile(join(outDir, 'buildings.bin'), encodeBuildingColumns(pack.buildings));
  await writeFile(
    join(outDir, 'citypack.json'),
    JSON.stringify(
      { ...manifest, buildings: { file: 'buildings.bin', format: 'columns', crs: 'wgs84' } },
      null,
      2,
    ),
  );
  return { buildings: pack.buildings.count, problems: pack.problems.map(describeProblem) };
}
