import { open, readFile, rename, stat, writeFile } from 'node:fs/promises';

/** Larger than any real profile or scene book by far: such a file is not read, it is set aside. */
const MAX_BYTES = 1024 * 1024;
const BACKUPS = 3;

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

export interface GuardedRead<T> {
  /** The file's content, or its newest good backup's; none when neither is there. */
  readonly value?: T;
  /** Said on the wall: the file was damaged, where it was kept, whether a backup was used. */
  readonly warning?: string;
}

/**
 * One JSON file a user's work lives in (a profile, the scene book). Writes go to a temporary
 * file that is then renamed over the old one, after the old one is rotated into `.bak1`…`.bak3`,
 * so a crash or a power cut mid-write leaves a whole file. A file that does not validate is
 * renamed aside (never deleted) and its newest good backup takes its place.
 */
export class GuardedFile<T> {
  constructor(
    readonly file: string,
    private readonly check: (raw: unknown) => Checked<T>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async read(): Promise<GuardedRead<T>> {
    if (!(await exists(this.file))) return {};
    const read = await this.readChecked(this.file);
    if (read.ok) return { value: read.value };
    const aside = `${this.file}.corrupt-${this.now().toISOString().replace(/[:.]/g, '-')}`;
    await rename(this.file, aside);
    for (let k = 1; k <= BACKUPS; k += 1) {
      const backup = await this.readChecked(`${this.file}.bak${k}`);
      if (!backup.ok) continue;
      await this.writeAtomically(backup.value);
      return {
        value: backup.value,
        warning: `${name(this.file)} was damaged (${read.error}); kept as ${aside}; using its last good backup`,
      };
    }
    return {
      warning: `${name(this.file)} was damaged (${read.error}); kept as ${aside}; no good backup`,
    };
  }

  /** Validates and writes, keeping the previous versions as backups. */
  async write(raw: unknown): Promise<T> {
    const checked = this.check(raw);
    if (!checked.ok) throw new Error(`${name(this.file)} not saved: ${checked.error}`);
    for (let k = BACKUPS; k >= 1; k -= 1) {
      const from = k === 1 ? this.file : `${this.file}.bak${k - 1}`;
      if (await exists(from)) await rename(from, `${this.file}.bak${k}`);
    }
    await this.writeAtomically(checked.value);
    return checked.value;
  }

  private async writeAtomically(value: T): Promise<void> {
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, JSON.stringify(value, null, 2));
    const handle = await open(tmp, 'r+');
    await handle.sync();
    await handle.close();
    await rename(tmp, this.file);
  }

  private async readChecked(file: string): Promise<Checked<T>> {
    try {
      const info = await stat(file);
      if (info.size > MAX_BYTES) return { ok: false, error: `${info.size} bytes is too large` };
      return this.check(JSON.parse(await readFile(file, 'utf8')));
    } catch (error) {
      return { ok: false, error: (error as Error).message.slice(0, 200) };
    }
  }
}

function name(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
