import { readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DUTY } from '../../shared/layout/builtinProfiles';
import type { Profile } from '../../shared/layout/profile';
import { tempDir } from '../hub/testSupport';
import { ProfileStore } from './profileStore';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('citywall-profiles-'));
});
afterEach(() => cleanup());

const mine = (zh: string): Profile => ({ ...DUTY, id: 'night', name: { zh, en: 'Night' } });

describe('ProfileStore', () => {
  it('starts with the three built-in profiles', async () => {
    const { profiles, warnings } = await new ProfileStore(dir).load();
    expect(profiles.map((p) => p.id)).toEqual(['duty', 'briefing', 'emergency']);
    expect(warnings).toEqual([]);
  });

  it('saves atomically and keeps rotating backups', async () => {
    const store = new ProfileStore(dir);
    for (const name of ['一', '二', '三', '四', '五']) await store.save(mine(name));
    const files = (await readdir(dir)).sort();
    expect(files).toEqual(['night.json', 'night.json.bak1', 'night.json.bak2', 'night.json.bak3']);
    expect(JSON.parse(await readFile(join(dir, 'night.json.bak1'), 'utf8')).name.zh).toBe('四');
    expect((await store.load()).profiles.find((p) => p.id === 'night')?.name.zh).toBe('五');
  });

  it('refuses to save an invalid profile', async () => {
    await expect(new ProfileStore(dir).save({ ...mine('x'), regions: [] })).rejects.toThrow(
      /not saved/,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    ['truncated', async (file: string) => truncate(file, 40)],
    [
      'wrong types',
      async (file: string) =>
        writeFile(file, JSON.stringify({ ...mine('x'), regions: 'all of them' })),
    ],
    [
      'of an unknown version',
      async (file: string) => writeFile(file, JSON.stringify({ ...mine('x'), version: 7 })),
    ],
    ['huge', async (file: string) => writeFile(file, `{"pad":"${'x'.repeat(2 * 1024 * 1024)}"}`)],
  ])(
    'a %s file is set aside, its last good backup used, and the wall told',
    async (_name, damage) => {
      const store = new ProfileStore(dir, () => new Date('2026-11-23T12:00:00Z'));
      await store.save(mine('好的'));
      await store.save(mine('最新'));
      const file = join(dir, 'night.json');
      await damage(file);
      const damaged = await readFile(file);
      const { profiles, warnings } = await store.load();
      expect(profiles.find((p) => p.id === 'night')?.name.zh).toBe('好的');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/damaged.*using its last good backup/);
      const aside = (await readdir(dir)).find((f) => f.includes('.corrupt-')) as string;
      expect(await readFile(join(dir, aside))).toEqual(damaged);
      expect(profiles.map((p) => p.id)).toContain('duty');
    },
  );

  it('a damaged file with no backup is still kept, and the built-ins still come up', async () => {
    await writeFile(join(dir, 'broken.json'), '{');
    const { profiles, warnings } = await new ProfileStore(dir).load();
    expect(profiles.map((p) => p.id)).toEqual(['duty', 'briefing', 'emergency']);
    expect(warnings[0]).toMatch(/no good backup/);
    expect((await readdir(dir)).some((f) => f.startsWith('broken.json.corrupt-'))).toBe(true);
  });

  it('a user profile named like a built-in replaces it', async () => {
    const store = new ProfileStore(dir);
    await store.save({ ...DUTY, name: { zh: '我的值班', en: 'My duty' } });
    const { profiles } = await store.load();
    expect(profiles.filter((p) => p.id === 'duty').map((p) => p.name.zh)).toEqual(['我的值班']);
  });
});
