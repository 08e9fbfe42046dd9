import { streamOrigins, type CatalogueCamera } from '../../../shared/video/catalogue';
import { readCameraCatalogue, type LoadedCameraMapping } from '../import/cameraMapping';
import { REFUSALS_LISTED } from '../import/importFile';

/** What the last reading of the camera list gave, for `GET /api/camera-source`. */
export interface CameraSourceReport {
  readonly from: string;
  loadedAt?: string;
  records: number;
  cameras: number;
  refused: number;
  refusals: { readonly line: number; readonly reason: string }[];
  /** Readings that failed (the list unreachable, not parseable): the last good list stays. */
  errors: number;
  lastError?: string;
}

/**
 * A platform's camera list as the hub's catalogue (`--cameras FILE|URL --camera-mapping M`),
 * with any source of cases. A URL is read again every `everyMs`; a reading that fails keeps the
 * cameras the walls already have and is reported.
 */
export class CameraCatalogueSource {
  cameras: readonly CatalogueCamera[] = [];
  /** The media servers the cameras' streams are on (worked out once per reading, not per request). */
  origins: readonly string[] = [];
  readonly report: CameraSourceReport;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly mapping: LoadedCameraMapping,
    private readonly from: string,
    private readonly everyMs?: number,
    private readonly onWarning?: (message: string) => void,
  ) {
    this.report = { from, records: 0, cameras: 0, refused: 0, refusals: [], errors: 0 };
  }

  async start(): Promise<void> {
    await this.read();
    if (this.everyMs && /^https?:\/\//.test(this.from)) {
      this.timer = setInterval(() => void this.read(), this.everyMs);
      this.timer.unref();
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async read(): Promise<void> {
    try {
      const reading = await readCameraCatalogue(this.mapping, this.from);
      this.cameras = reading.cameras;
      this.origins = streamOrigins(reading.cameras);
      Object.assign(this.report, {
        loadedAt: new Date().toISOString(),
        records: reading.records,
        cameras: reading.cameras.length,
        refused: reading.refused.length,
        refusals: reading.refused.slice(0, REFUSALS_LISTED),
      });
      if (reading.refused.length > 0)
        this.onWarning?.(
          `${reading.refused.length} of ${reading.records} cameras refused (GET /api/camera-source says why)`,
        );
    } catch (error) {
      this.report.errors += 1;
      this.report.lastError = (error instanceof Error ? error.message : String(error)).slice(
        0,
        300,
      );
      this.onWarning?.(`camera list not read from ${this.from}: ${this.report.lastError}`);
    }
  }
}
