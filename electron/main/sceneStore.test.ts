import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_SCENES } from '../../shared/briefing/demoScenes';
import type { SceneBook } from '../../shared/briefing/scene';
import { tempDir } from '../hub/testSupport';
import { SceneStore } from './sceneStore';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('citywall-scenes-'));
});
afterEach(() => cleanup());

const book = (name: string): SceneBook => ({
  version: 1,
  scenes: [{ id: 's1', name, dwellSeconds: 20, profile: 'briefing' }],
});

describe('SceneStore', () => {
  it('starts with the demo scenes, and keeps the user’s book once saved', async () => {
    const store = new SceneStore(join(dir, 'scenes.json'));
    expect((await store.load()).book.scenes.map((s) => s.id)).toEqual(DEMO_SCENES.map((s) => s.id));
    await store.save(book('一'));
    await store.save(book('二'));
    expect((await store.load()).book.scenes[0]?.name).toBe('二');
    expect((await readdir(dir)).sort()).toEqual(['scenes.json', 'scenes.json.bak1']);
  });

  it('refuses a book that does not validate, and leaves the file as it was', async () => {
    const store = new SceneStore(join(dir, 'scenes.json'));
    await store.save(book('好'));
    await expect(store.save({ version: 1, scenes: [{ id: 'x' }] })).rejects.toThrow(/not saved/);
    expect((await store.load()).book.scenes[0]?.name).toBe('好');
  });

  it('a damaged book is set aside and reported, and its last good backup used', async () => {
    const file = join(dir, 'scenes.json');
    const store = new SceneStore(file, () => new Date('2026-12-04T12:00:00Z'));
    await store.save(book('好的'));
    await store.save(book('最新'));
    await writeFile(file, '{"version":1,"scenes":[{"id":');
    const { book: loaded, warnings } = await store.load();
    expect(loaded.scenes[0]?.name).toBe('好的');
    expect(warnings[0]).toMatch(/^scenes: scenes\.json was damaged.*last good backup/);
    const aside = (await readdir(dir)).find((f) => f.includes('.corrupt-')) as string;
    expect(await readFile(join(dir, aside), 'utf8')).toBe('{"version":1,"scenes":[{"id":');
  });
});
