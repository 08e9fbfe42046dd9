import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { copyFile, mkdir, open, rename, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { decodeEnvelope, makeEnvelope, type Envelope } from '../../shared/protocol/envelope';
import type { WallEvent } from '../../shared/protocol/events';

export interface EventLogOptions {
  /** How many of the newest events stay in memory; older ones are read back from the file. */
  readonly windowSize?: number;
  readonly now?: () => number;
}

/** What opening the log found: how much was good, and what was set aside. */
export interface EventLogReport {
  readonly loaded: number;
  readonly badLines: number;
  /** Where the damaged original was kept (never deleted), when there was damage. */
  readonly setAside?: string;
}

/**
 * The hub's ordered event log: an append-only JSON-lines file, plus the newest events in memory
 * and the byte offset of every line so that an old gap is read back without scanning the file.
 * A damaged file (a torn last line after a power cut, a corrupt line) is copied aside, and the
 * valid part is kept and rewritten, so a restart never loses what was good.
 */
export class EventLog {
  private readonly window: Envelope[] = [];
  private windowStart = 1;
  private readonly offsets: number[] = [];
  private firstSeq = 1;
  private bytes = 0;
  private head = 0;
  private readonly windowSize: number;
  private readonly now: () => number;

  private constructor(
    private readonly file: string,
    private readonly out: WriteStream,
    options: EventLogOptions,
  ) {
    this.windowSize = options.windowSize ?? 50_000;
    this.now = options.now ?? Date.now;
  }

  static async open(
    file: string,
    options: EventLogOptions = {},
  ): Promise<{ log: EventLog; report: EventLogReport; entries: Envelope[] }> {
    await mkdir(dirname(file), { recursive: true });
    const scanned = await scan(file);
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
    const out = createWriteStream(file, { flags: 'a' });
    await new Promise<void>((resolve, reject) => {
      out.once('open', () => resolve());
      out.once('error', reject);
    });
    const log = new EventLog(file, out, options);
    for (const g of scanned.good) log.remember(g.envelope, Buffer.byteLength(g.line) + 1);
    const report: EventLogReport = {
      loaded: scanned.good.length,
      badLines: scanned.badLines,
      ...(setAside ? { setAside } : {}),
    };
    return { log, report, entries: scanned.good.map((g) => g.envelope) };
  }

  /** The newest seq written. */
  get headSeq(): number {
    return this.head;
  }

  /** Gives events the next seqs, writes them, and returns their envelopes. */
  append(events: readonly WallEvent[]): Envelope[] {
    const written: Envelope[] = [];
    let chunk = '';
    const ts = this.now();
    for (const event of events) {
      const envelope = makeEnvelope(this.head + 1, ts, event);
      const line = JSON.stringify(envelope) + '\n';
      chunk += line;
      this.remember(envelope, Buffer.byteLength(line));
      written.push(envelope);
    }
    if (chunk) this.out.write(chunk);
    return written;
  }

  /** Events with seq in [from, to], in order, from memory or from the file. */
  async range(from: number, to: number): Promise<Envelope[]> {
    const lo = Math.max(from, this.firstSeq);
    const hi = Math.min(to, this.head);
    if (hi < lo) return [];
    if (lo >= this.windowStart)
      return this.window.slice(lo - this.windowStart, hi - this.windowStart + 1);
    await this.flush();
    const start = this.offsets[lo - this.firstSeq] as number;
    const end =
      hi + 1 - this.firstSeq < this.offsets.length
        ? (this.offsets[hi + 1 - this.firstSeq] as number)
        : this.bytes;
    const handle = await open(this.file, 'r');
    try {
      const buffer = Buffer.alloc(end - start);
      await handle.read(buffer, 0, buffer.length, start);
      const fromFile: Envelope[] = [];
      for (const line of buffer.toString('utf8').split('\n')) {
        if (!line) continue;
        const decoded = decodeEnvelope(line);
        if (decoded.ok) fromFile.push(decoded.envelope);
      }
      return fromFile;
    } finally {
      await handle.close();
    }
  }

  /** The in-memory part, newest last (used by replay to a client that is close behind). */
  inMemoryFrom(seq: number): Envelope[] | undefined {
    if (seq < this.windowStart) return undefined;
    return this.window.slice(seq - this.windowStart);
  }

  async flush(): Promise<void> {
    if (this.out.writableLength === 0) return;
    await new Promise<void>((resolve) => this.out.write('', () => resolve()));
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.out.end(() => resolve()));
  }

  async sizeOnDisk(): Promise<number> {
    await this.flush();
    return (await stat(this.file)).size;
  }

  private remember(envelope: Envelope, lineBytes: number): void {
    if (this.offsets.length === 0) this.firstSeq = envelope.seq;
    this.offsets.push(this.bytes);
    this.bytes += lineBytes;
    this.head = envelope.seq;
    if (this.window.length === 0) this.windowStart = envelope.seq;
    this.window.push(envelope);
    if (this.window.length > this.windowSize * 1.5) {
      const drop = this.window.length - this.windowSize;
      this.window.splice(0, drop);
      this.windowStart += drop;
    }
  }
}

/** Reads every line; keeps those that decode and continue the sequence, counts the rest. */
async function scan(file: string): Promise<{
  good: { envelope: Envelope; line: string }[];
  badLines: number;
  endsWithNewline: boolean;
}> {
  const good: { envelope: Envelope; line: string }[] = [];
  let badLines = 0;
  let last = 0;
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    return { good, badLines, endsWithNewline: true };
  }
  let endsWithNewline = true;
  if (size > 0) {
    const handle = await open(file, 'r');
    const tail = Buffer.alloc(1);
    await handle.read(tail, 0, 1, size - 1);
    await handle.close();
    endsWithNewline = tail[0] === 0x0a;
  }
  const lines = createInterface({
    input: createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const decoded = decodeEnvelope(line);
    if (!decoded.ok || decoded.envelope.seq <= last) {
      badLines += 1;
      continue;
    }
    last = decoded.envelope.seq;
    good.push({ envelope: decoded.envelope, line: line.replace(/\r$/, '') });
  }
  return { good, badLines, endsWithNewline };
}
