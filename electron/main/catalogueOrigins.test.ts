import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { catalogueMediaOrigins } from './catalogueOrigins';

/** A real HTTP server answering `/api/cameras` with `body` (and checking the token). */
async function hubServing(body: unknown, status = 200) {
  const server = createServer((req, res) => {
    if (req.headers.authorization !== 'Bearer t') return void res.writeHead(401).end();
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const camera = (id: string, stream: string) => ({ id, name: id, position: [113.3, 23.1], stream });

describe("the wall's media origins follow the hub's camera catalogue", () => {
  it('lists each media server once; hub paths, bad entries and accounts add nothing', async () => {
    const hub = await hubServing({
      cameras: [
        camera('a', 'http://10.1.2.3:8080/hls/a.m3u8'),
        camera('b', 'http://10.1.2.3:8080/hls/b.m3u8'),
        camera('c', 'https://user:pw@VIDEO.example.cn/live/c.m3u8'),
        camera('d', '/hls/d/index.m3u8'),
        camera('e', 'ftp://nope/e'),
      ],
    });
    try {
      expect(await catalogueMediaOrigins(hub.url, 't')).toEqual({
        origins: ['http://10.1.2.3:8080', 'https://video.example.cn'],
      });
      const refused = await catalogueMediaOrigins(hub.url, 'wrong');
      expect(refused.origins).toEqual([]);
      expect(refused.problem).toMatch(/answered 401/);
    } finally {
      await hub.close();
    }
  });

  it('gives none, saying why, when the hub is not there', async () => {
    const result = await catalogueMediaOrigins('http://127.0.0.1:9', undefined);
    expect(result.origins).toEqual([]);
    expect(result.problem).toMatch(/could not be read/);
  });
});
