import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCityPack } from '../../shared/geo/cityPack';
import { loadCityPack } from '../../shared/geo/loadCityPack';
import { compilePack, folderSource } from './compilePack';

const NYC = resolve(__dirname, '../../../shared/data/nyc');
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function load(dir: string) {
  const checked = checkCityPack(JSON.parse(await readFile(join(dir, 'citypack.json'), 'utf8')));
  if (!checked.ok) throw new Error(checked.error);
  return loadCityPack(checked.manifest, folderSource(dir));
}

describe('pack:compile', () => {
  it('turns the Manhattan buildings into a columns file that loads the same buildings', async () => {
    const pack = await mkdtemp(join(tmpdir(), 'citywall-pack-'));
    const out = await mkdtemp(join(tmpdir(), 'citywall-compiled-'));
    dirs.push(pack, out);
    await copyFile(join(NYC, 'manhattan-buildings.json'), join(pack, 'manhattan-buildings.json'));
    await copyFile(join(NYC, 'nyc-dot-cameras.geojson'), join(pack, 'nyc-dot-cameras.geojson'));
    const manifest = {
      version: 1,
      id: 'nyc',
      name: { zh: '纽约下曼哈顿', en: 'Lower Manhattan' },
      view: { center: [-73.995, 40.715], zoom: 14 },
      buildings: { file: 'manhattan-buildings.json', format: 'polygon-array' },
      cameras: { file: 'nyc-dot-cameras.geojson' },
    };
    await writeFile(join(pack, 'citypack.json'), JSON.stringify(manifest));

    const { buildings, problems } = await compilePack(pack, out);
    expect(buildings).toBe(996);
    expect(problems).toHaveLength(3);
    const fromJson = await load(pack);
    const fromColumns = await load(out);
    expect(fromColumns.manifest.buildings?.format).toBe('columns');
    expect(fromColumns.problems).toEqual([]);
    expect(fromColumns.buildings?.count).toBe(996);
    expect(fromColumns.buildings?.positions).toEqual(fromJson.buildings?.positions);
    expect(fromColumns.buildings?.heights).toEqual(fromJson.buildings?.heights);
    expect(fromColumns.buildings?.ids).toEqual(fromJson.buildings?.ids);
    expect(fromColumns.cameras).toHaveLength(723);
    // The source pack is untouched.
    expect((await readdir(pack)).sort()).toEqual([
      'citypack.json',
      'manhattan-buildings.json',
      'nyc-dot-cameras.geojson',
    ]);
    expect(JSON.parse(await readFile(join(pack, 'citypack.json'), 'utf8'))).toEqual(manifest);
    await expect(compilePack(pack, pack)).rejects.toThrow(/must not be the pack itself/);
  });
});
