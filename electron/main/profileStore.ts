import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BUILTIN_PROFILES } from '../../shared/layout/builtinProfiles';
import { checkProfile, type Profile } from '../../shared/layout/profile';
import { GuardedFile, type Checked } from './guardedFile';

export interface LoadedProfiles {
  readonly profiles: readonly Profile[];
  /** Said on the wall: files set aside, backups used. */
  readonly warnings: readonly string[];
}

const checked = (raw: unknown): Checked<Profile> => {
  const result = checkProfile(raw);
  return result.ok ? { ok: true, value: result.profile } : result;
};

/**
 * User profiles in `<userData>/profiles/<id>.json`, each a guarded file: atomic writes,
 * rotating backups, a damaged file set aside and its newest good backup used.
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
      const read = await this.fileOf(name).read();
      if (read.value) user.set(read.value.id, read.value);
      if (read.warning) warnings.push(`profile ${read.warning}`);
    }
    // A user profile with a built-in's id is the user's own version of it.
    const builtins = BUILTIN_PROFILES.filter((p) => !user.has(p.id));
    return { profiles: [...builtins, ...user.values()], warnings };
  }

  /** Validates and writes one profile, keeping the previous versions as backups. */
  async save(profile: unknown): Promise<Profile> {
    const result = checkProfile(profile);
    if (!result.ok) throw new Error(`profile not saved: ${result.error}`);
    await mkdir(this.dir, { recursive: true });
    return this.fileOf(`${result.profile.id}.json`).write(result.profile);
  }

  private fileOf(name: string): GuardedFile<Profile> {
    return new GuardedFile(join(this.dir, name), checked, this.now);
  }
}
