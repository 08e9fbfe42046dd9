import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { decodeEnvelope, type Envelope } from '../../shared/protocol/envelope';

/** Something about the log the wall must be told, beyond damaged lines. */
export interface LogProblem {
  readonly kind: 'unopenable' | 'lost-end';
  readonly detail: string;
}

/** The log's identity and how far it was known to reach, kept beside it. */
export interface LogState {
  readonly logId: string;
  readonly headSeq: number;
}

export interface ScannedLog {
  /** Where the first good line starts: 0, or the checkpoint's offset when only the tail was read. */
  readonly startOffset: number;
  readonly good: { envelope: Envelope; line: string }[];
  readonly badLines: number;
  readonly missing: number;
  readonly holes: { from: number; to: number }[];
}

/** A log file made ready to append to: its valid content, and where it really is. */
export interface LogOpening {
  readonly file: string;
  readonly scanned: ScannedLog;
  readonly setAside?: string;
  readonly problems: readonly LogProblem[];
  readonly state?: LogState;
  /** Why a tail start that was asked for was not used (the whole file was read instead). */
  readonly tailRefused?: string;
  saveState(state: LogState): Promise<void>;
}

/** Read the log from this line on: the first line the checkpoint has not taken in. */
export interface TailStart {
  readonly seq: number;
  readonly offset: number;
}

const stateSchema = z.object({
  logId: z.string().min(8).max(64),
  headSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

const KEEP_HOLES = 10;

/**
 * Opens the log at `file`, or, when that is impossible (no permission, a folder in its place),
 * a fresh log beside it, else in the temporary folder. The file that failed is never touched.
 * The fallback names are fixed, so a hub restarted in the same trouble continues the same log.
 */
export async function openLogFiles(
  file: string,
  fallbackDir?: string,
  tail?: TailStart,
): Promise<LogOpening> {
  const problems: LogProblem[] = [];
  const candidates = [
    file,
    `${file}.fallback.jsonl`,
    join(
      fallbackDir ?? tmpdir(),
      'citywall-hub-fallback',
      createHash('sha256').update(file).digest('hex').slice(0, 16),
      basename(file),
    ),
  ];
  let lastError: unknown;
  for (const candidate of candidates) {
    try {
      const prepared = await prepare(candidate, candidate === file ? tail : undefined);
      if (candidate !== file)
        problems.push({
          kind: 'unopenable',
          detail: `the event log ${file} could not be opened (${describe(lastError)}); it was left as it is and a new log was started at ${candidate}`,
        });
      return { ...prepared, problems };
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`no event log could be opened (last: ${describe(lastError)})`);
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : String(error).slice(0, 120);
}

async function prepare(file: string, tail?: TailStart): Promise<Omit<LogOpening, 'problems'>> {
  await mkdir(dirname(file), { recursive: true });
  let tailRefused: string | undefined;
  let scanned: (ScannedLog & { endsWithNewline: boolean }) | undefined;
  if (tail) {
    // Only the tail is read; anything amiss in it (a torn or damaged line, a line that is not the
    // one the checkpoint named) and the whole file is read and repaired as without a checkpoint.
    const read = await scan(file, tail).catch((error: unknown) => ({ refused: describe(error) }));
    if ('refused' in read) tailRefused = read.refused;
    else if (read.badLines > 0 || !read.endsWithNewline)
      tailRefused = 'the tail of the log is damaged';
    else scanned = read;
  }
  if (!scanned) {
    const whole = await scan(file);
    if ('refused' in whole) throw new Error(whole.refused); // only a tail can be refused
    scanned = whole;
  }
  let setAside: string | undefined;
  if (scanned.badLines > 0) {
    setAside = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await copyFile(file, setAside);
  }
  if (scanned.badLines > 0 || !scanned.endsWithNewline) {
    // Write the good lines to a new file and swap it in: a crash here leaves the old file whole.
    const tmp = `${file}.tmp`;
    await writeFile(tmp, scanned.good.map((g) => g.line + '\n').join(''));
    await rename(tmp, file);
  }
  // Proves the file can be appended to before the hub relies on it.
  await (await open(file, 'a')).close();
  const stateFile = `${file}.state.json`;
  const state = await readState(stateFile);
  return {
    file,
    scanned,
    ...(setAside ? { setAside } : {}),
    ...(state ? { state } : {}),
    ...(tailRefused ? { tailRefused } : {}),
    saveState: async (next) => {
      const tmp = `${stateFile}.tmp`;
      await writeFile(tmp, JSON.stringify(next));
      await rename(tmp, stateFile);
    },
  };
}

async function readState(file: string): Promise<LogState | undefined> {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads every line (or those from `tail` on); keeps those that decode and continue the sequence,
 * counts the rest and the holes. A tail whose first line is not the one named is refused.
 */
async function scan(
  file: string,
  tail?: TailStart,
): Promise<(ScannedLog & { endsWithNewline: boolean }) | { refused: string }> {
  const good: { envelope: Envelope; line: string }[] = [];
  const holes: { from: number; to: number }[] = [];
  let badLines = 0;
  let missing = 0;
  let last = tail ? tail.seq - 1 : 0;
  const startOffset = tail?.offset ?? 0;
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory())
      throw Object.assign(new Error('a folder is in its place'), { code: 'EISDIR' });
    size = info.size;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT' && !tail)
      return { startOffset, good, badLines, missing, holes, endsWithNewline: true };
    throw error;
  }
  if (tail && tail.offset >= size)
    return { refused: `the log is shorter than ${tail.offset} bytes` };
  let endsWithNewline = true;
  if (size > 0) {
    const handle = await open(file, 'r');
    const tail = Buffer.alloc(1);
    await handle.read(tail, 0, 1, size - 1);
    await handle.close();
    endsWithNewline = tail[0] === 0x0a;
  }
  const lines = createInterface({
    input: createReadStream(file, { encoding: 'utf8', start: startOffset }),
    crlfDelay: Infinity,
  });
  let first = true;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const decoded = decodeEnvelope(line);
    if (first && tail && (!decoded.ok || decoded.envelope.seq !== tail.seq)) {
      lines.close();
      return { refused: `the line at byte ${tail.offset} is not seq ${tail.seq}` };
    }
    first = false;
    if (!decoded.ok || decoded.envelope.seq <= last) {
      badLines += 1;
      continue;
    }
    const seq = decoded.envelope.seq;
    if (seq > last + 1) {
      missing += seq - last - 1;
      if (holes.length < KEEP_HOLES) holes.push({ from: last + 1, to: seq - 1 });
    }
    last = seq;
    good.push({ envelope: decoded.envelope, line: line.replace(/\r$/, '') });
  }
  return { startOffset, good, badLines, missing, holes, endsWithNewline };
}
