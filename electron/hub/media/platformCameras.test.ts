import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { fromWgs84 } from '../../../shared/geo/coords';
import type { CatalogueCamera } from '../../../shared/video/catalogue';
import {
  loadCameraMapping,
  readCameraCatalogue,
  readCameraMapping,
  type LoadedCameraMapping,
} from '../import/cameraMapping';
import { cameraMappingJsonSchema } from '../import/mappingJsonSchema';
import { startHub } from '../startHub';
import { tempDir } from '../testSupport';
import { startNginxRtmp } from './nginxRtmp';

const MAPPINGS = resolve(__dirname, '../../../assets/mappings');
const DOT = resolve(__dirname, '../../../../shared/data/nyc/nyc-dot-cameras.geojson');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await (cleanups.pop() as () => Promise<void>)();
});

/** The shipped channel-list mapping with its media server moved to `origin`. */
async function channelsOn(origin: string): Promise<LoadedCameraMapping> {
  const text = await readFile(join(MAPPINGS, 'cameras-channels.json'), 'utf8');
  return readCameraMapping(text.replace('http://127.0.0.1:8080', origin), 'cameras-channels.json');
}

const HEADER = '通道编号,通道名称,经度,纬度,所属区县,所属街道,所属网格,标签,朝向,视场角';
/** A GBK channel list: positions in GCJ-02, as Chinese platforms keep them. */
function channelCsv(rows: string[]): Buffer {
  return iconv.encode(`${HEADER}\r\n${rows.join('\r\n')}\r\n`, 'gbk');
}
const WGS = [112.4655, 23.0501] as const;
const [GCJ_LON, GCJ_LAT] = fromWgs84('gcj02', WGS[0], WGS[1]);
const CHANNEL = '44120200001320000001';
const channelRow = (id = CHANNEL, lon = GCJ_LON.toFixed(6)) =>
  `${id},天宁北路与端州路口,${lon},${GCJ_LAT.toFixed(6)},端州区,城东街道,441202002001,交通；人流,135,60`;

describe("a platform's camera list through a camera mapping", () => {
  it('reads the real NYC DOT cameras (GeoJSON) and ships a schema that is the one the hub checks with', async () => {
    const features = (JSON.parse(await readFile(DOT, 'utf8')) as { features: unknown[] }).features;
    const reading = await readCameraCatalogue(
      await loadCameraMapping(join(MAPPINGS, 'cameras-nyc-dot.json')),
      DOT,
    );
    expect(reading.records).toBe(features.length);
    expect(reading.cameras).toHaveLength(723);
    const first = reading.cameras.find((c) => c.id === '368') as CatalogueCamera;
    expect(first.name).toBe('1 Ave @ 110 St');
    expect(first.position[0]).toBeCloseTo(-73.93807411, 7);
    expect(first.stream).toBe('http://127.0.0.1:8080/hls/nycdot-368.m3u8');
    expect(await readFile(join(MAPPINGS, 'camera-mapping.schema.json'), 'utf8')).toBe(
      cameraMappingJsonSchema(),
    );
  });

  it('converts GCJ-02, splits tags, and refuses bad rows with their lines', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    await writeFile(
      join(dir, 'channels.csv'),
      channelCsv([channelRow(), channelRow('44120200001320000002', ''), channelRow()]),
    );
    const reading = await readCameraCatalogue(
      await channelsOn('http://10.1.2.3:8080'),
      join(dir, 'channels.csv'),
    );
    expect(reading.cameras).toHaveLength(1);
    const camera = reading.cameras[0] as CatalogueCamera;
    // GCJ-02 is some 300 m off here; converted back it lands within a metre of the truth.
    expect(Math.abs(camera.position[0] - WGS[0])).toBeLessThan(1e-5);
    expect(Math.abs(camera.position[1] - WGS[1])).toBeLessThan(1e-5);
    expect(camera).toMatchObject({
      stream: `http://10.1.2.3:8080/hls/${CHANNEL}.m3u8`,
      street: '城东街道',
      grid: '441202002001',
      tags: ['交通', '人流'],
      heading: 135,
      fov: 60,
    });
    expect(reading.refused).toEqual([
      { line: 3, reason: 'no position' },
      { line: 4, reason: 'duplicate id' },
    ]);
  });

  it('serves a real nginx-rtmp stream as the walls’ catalogue, with any source, and lets the preview reach it', async () => {
    const nginx = await startNginxRtmp();
    cleanups.push(() => nginx.stop());
    await nginx.publish(CHANNEL);
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    await writeFile(join(dir, 'channels.csv'), channelCsv([channelRow()]));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>wall</title>');
    const running = await startHub({
      dataDir: join(dir, 'hub'),
      history: false,
      serveDir: dir,
      source: { kind: 'demo', historyHours: 0, incidents: false },
      cameras: { mapping: await channelsOn(nginx.httpOrigin), from: join(dir, 'channels.csv') },
    });
    cleanups.push(() => running.stop());
    const { cameras } = (await (await fetch(`${running.hub.url}/api/cameras`)).json()) as {
      cameras: CatalogueCamera[];
    };
    expect(cameras.map((c) => c.id)).toEqual([CHANNEL]);
    const playlist = await (await fetch((cameras[0] as CatalogueCamera).stream)).text();
    expect(playlist).toContain('#EXTM3U');
    const segment = playlist.split('\n').find((l) => l.endsWith('.ts')) as string;
    const bytes = new Uint8Array(
      await (await fetch(`${nginx.httpOrigin}/hls/${segment}`)).arrayBuffer(),
    );
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(bytes[0]).toBe(0x47); // an MPEG-TS packet: the stream is really there
    const page = await fetch(`${running.hub.url}/`);
    expect(page.headers.get('content-security-policy')).toMatch(
      new RegExp(`connect-src 'self' [^;]*${nginx.httpOrigin.replace(/[.:/]/g, '\\$&')}`),
    );
    const report = (await (await fetch(`${running.hub.url}/api/camera-source`)).json()) as {
      cameras: number;
      refused: number;
    };
    expect(report).toMatchObject({ cameras: 1, refused: 0 });
  }, 60_000);

  it('reads a camera list from a URL again, and keeps the last good one while the URL fails', async () => {
    let body: Buffer = channelCsv([channelRow()]);
    let status = 200;
    const server = createServer((_req, res) =>
      res.writeHead(status).end(status === 200 ? body : ''),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/channels.csv`;
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const running = await startHub({
      dataDir: dir,
      history: false,
      source: { kind: 'demo', historyHours: 0, incidents: false },
      cameras: { mapping: await channelsOn('http://10.1.2.3:8080'), from: url, everyMs: 100 },
    });
    cleanups.push(() => running.stop());
    const ids = async () =>
      (
        (await (await fetch(`${running.hub.url}/api/cameras`)).json()) as {
          cameras: CatalogueCamera[];
        }
      ).cameras.map((c) => c.id);
    expect(await ids()).toEqual([CHANNEL]);
    body = channelCsv([channelRow(), channelRow('44120200001320000002')]);
    let latest: string[] = [];
    for (let i = 0; i < 50 && latest.length !== 2; i += 1) {
      latest = await ids();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(latest).toEqual([CHANNEL, '44120200001320000002']);
    status = 503;
    await new Promise((r) => setTimeout(r, 400));
    const report = (await (await fetch(`${running.hub.url}/api/camera-source`)).json()) as {
      errors: number;
      lastError: string;
    };
    expect(report.errors).toBeGreaterThan(0);
    expect(report.lastError).toMatch(/answered 503/);
    expect(await ids()).toEqual([CHANNEL, '44120200001320000002']);
  });
});
