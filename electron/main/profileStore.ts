import { mkdir, open, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUILTIN_PROFILES } from '../../shared/layout/builtinProfiles';
import { checkProfile, type Profile } from '../../shared/layout/profile';

/** Larger than any real profile by far: such a file is not read, it is set aside. */
const MAX_BYTES = 1024 * 1024;
const BACKUPS = 3;

export interface LoadedProfiles {
  readonly profiles: readonly Profile[];
  /** Said on the wall: files set aside, backups used. */
  readonly warnings: readonly string[];
}

/**
 * User profiles in `<userData>/profiles/<id>.json`. Writes go to a temporary file that is then
 * renamed over the old one, after the old one is rotated into `.bak1`…`.bak3`, so a crash or a
 * power cut mid-write leaves a whole file. A file that does not validate is renamed aside
 * (never deleted) and its newest good backup takes its place.
 */
export class ProfileStore {
  constructor(
    private readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async load(): Promise<LoadedProfiles> {
    await mkdir(this.dir, { recursive: true });
    const warnings: string[] = [];
    const user = new Map<string, Profile>();
    const names = (await readdir(this.dir)).filter((n) => n.endsWith('.json')).sort();
    for (const name of names) {
      const file = join(this.dir, name);
      const read = await this.readChecked(file);
      if (read.ok) {
        user.set(read.profile.id, read.profile);
        continue;
      }
      const aside = `${file}.corrupt-${this.now().toISOString().replace(/[:.]/g, '-')}`;
      await rename(file, aside);
      let restored: Profile | undefined;
      for (let k = 1; k <= BACKUPS && !restored; k += 1) {
        const backup = await this.readChecked(`${file}.bak${k}`);
        if (backup.ok) restored = backup.profile;
      }
      if (restored) {
        await this.writeAtomically(file, restored);
        user.set(restored.id, restored);
        warnings.push(
          `profile ${name} was damaged (${read.error}); kept as ${aside}; using its last good backup`,
        );
      } else {
        warnings.push(
          `profile ${name} was damaged (${read.error}); kept as ${aside}; no good backup`,
        );
      }
    }
    // A user profile with a built-in's id is the user's own version of it.
    const builtins = BUILTIN_PROFILES.filter((p) => !user.has(p.id));
    return { profiles: [...builtins, ...user.values()], warnings };
  }

  /** Validates and writes one profile, keeping the previous versions as backups. */
  async save(profile: unknown): Promise<Profile> {
    const checked = checkProfile(profile);
    if (!checked.ok) throw new Error(`profile not saved: ${checked.error}`);
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, `${checked.profile.id}.json`);
    for (let k = BACKUPS; k >= 1; k -= 1) {
      const from = k === 1 ? file : `${file}.bak${k - 1}`;
      if (await exists(from)) await rename(from, `${file}.bak${k}`);
    }
    await this.writeAtomically(file, checked.profile);
    return checked.profile;
  }

  private async writeAtomically(file: string, profile: Profile): Promise<void> {
    const tmp = `${file}.tmp`;
    await writeFile(tmp, JSON.stringify(profile, null, 2));
    const handle = await open(tmp, 'r+');
    await handle.sync();
    await handle.close();
    await rename(tmp, file);
  }

  private async readChecked(
    file: string,
  ): Promise<{ ok: true; profile: Profile } | { ok: false; error: string }> {
    try {
      const info = await stat(file);
      if (info.size > MAX_BYTES) return { ok: false, error: `${info.size} bytes is too large` };
      const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
      return checkProfile(parsed);
    } catch (error) {
      return { ok: false, error: (error as Error).message.slice(0, 200) };
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
