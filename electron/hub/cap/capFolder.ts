import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { WarningBook } from '../../../shared/domain/warningBook';
import { countRejection, type Diagnostics } from '../../../shared/gateway/diagnostics';
import type { PublishResult } from '../publishPipeline';
import { capToEvent, type CityBounds } from './capToEvents';
import { MAX_CAP_BYTES, parseCap } from './parseCap';

/** What the folder source has done, for `GET /api/cap` and the tests. */
export interface CapFolderReport {
  readonly dir: string;
  files: number;
  accepted: number;
  /** Already on the wall (a restart reads the folder again): neither published nor a fault. */
  known: number;
  refused: number;
  /** The latest refusals, newest first: the file and why. */
  readonly lastRefused: { file: string; reason: string; at: number }[];
  lastScanError?: string;
}

export interface CapFolderHub {
  publish(items: readonly unknown[]): PublishResult;
  readonly store: { readonly warnings: WarningBook };
  readonly diagnostics: Diagnostics;
  readonly city: { readonly bounds: CityBounds };
}

const KEEP_REFUSED = 50;

/**
 * CAP 1.2 alerts dropped into a folder as `.xml` files (as the early-warning system's
 * subscription clients deliver them) become warnings on the wall: each new or changed file is
 * read once, parsed, checked and published through the hub's own path. Files are only read, never
 * moved or deleted; a refused one is counted with its reason (`GET /api/cap`, the hub's
 * diagnostics) and read again only when it changes.
 */
export class CapFolder {
  readonly report: CapFolderReport;
  private readonly seen = new Map<string, string>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private scanning: Promise<void> | undefined;

  constructor(
    private readonly hub: CapFolderHub,
    dir: string,
    private readonly options: {
      readonly everyMs?: number;
      readonly now?: () => number;
      readonly onWarning?: (message: string) => void;
    } = {},
  ) {
    this.report = { dir, files: 0, accepted: 0, known: 0, refused: 0, lastRefused: [] };
  }

  start(): void {
    void this.scan();
    this.timer = setInterval(() => void this.scan(), this.options.everyMs ?? 5_000);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Reads what is new in the folder; one scan at a time (a second call waits for the first). */
  scan(): Promise<void> {
    this.scanning ??= this.readFolder().finally(() => (this.scanning = undefined));
    return this.scanning;
  }

  private async readFolder(): Promise<void> {
    const dir = this.report.dir;
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.xml')).sort();
      delete this.report.lastScanError;
    } catch (error) {
      this.report.lastScanError = (error as Error).message;
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      try {
        const info = await stat(path);
        const version = `${info.size}:${info.mtimeMs}`;
        if (!info.isFile() || this.seen.get(name) === version) continue;
        this.seen.set(name, version);
        this.report.files += 1;
        if (info.size > MAX_CAP_BYTES) {
          this.refuse(name, `over ${MAX_CAP_BYTES} bytes`);
          continue;
        }
        this.take(name, await readFile(path, 'utf8'));
      } catch (error) {
        this.refuse(name, `could not be read: ${(error as Error).message}`);
      }
    }
  }

  private take(name: string, xml: string): void {
    const parsed = parseCap(xml);
    if (!parsed.ok) return this.refuse(name, parsed.error);
    const now = (this.options.now ?? Date.now)();
    const converted = capToEvent(parsed.alert, now, this.hub.city.bounds);
    if (!converted.ok) return this.refuse(name, converted.reason);
    const { event } = converted;
    if (event.type === 'warning.issued' && this.hub.store.warnings.get(event.payload.warningId)) {
      this.report.known += 1;
      return;
    }
    const result = this.hub.publish([event]);
    if (result.accepted.length === 1) {
      this.report.accepted += 1;
      return;
    }
    // publish is synchronous: the newest rejection is this event's.
    const why = this.hub.diagnostics.lastRejections[0]?.detail ?? 'refused';
    this.report.refused += 1;
    this.noteRefusal(name, why);
  }

  private refuse(name: string, reason: string): void {
    this.report.refused += 1;
    countRejection(this.hub.diagnostics, 'bad-payload', `CAP ${name}: ${reason}`, Date.now());
    this.noteRefusal(name, reason);
  }

  private noteRefusal(name: string, reason: string): void {
    this.report.lastRefused.unshift({ file: name, reason, at: Date.now() });
    if (this.report.lastRefused.length > KEEP_REFUSED)
      this.report.lastRefused.length = KEEP_REFUSED;
    this.options.onWarning?.(`CAP ${name} refused: ${reason}`);
  }
}
