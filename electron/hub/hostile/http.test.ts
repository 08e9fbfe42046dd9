import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HubAccess, TICKET_TTL_MS } from '../access';
import { Hub, type HubOptions } from '../hub';
import { lifecycleEvents, rawRequest, tempDir, TEST_CITY } from '../testSupport';

/*
 * The hub's HTTP side under hostile requests: any web page on the wall PC can send these, so
 * none may end the process, leak data without the token, or read a file outside the served folder.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await (cleanups.pop() as () => Promise<void>)();
});

async function startHub(options: Partial<HubOptions> = {}): Promise<Hub> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const hub = await Hub.start({
    city: TEST_CITY,
    dataDir: join(dir, 'data'),
    cityPack: async (name) =>
      name === 'citypack.json' || name === 'n1/citypack.json' ? '{"ok":true}' : undefined,
    ...options,
  });
  cleanups.push(() => hub.close());
  return hub;
}

const alive = async (hub: Hub, headers: Record<string, string> = {}) =>
  (await rawRequest(hub.url, '/api/status', { headers })).status;

describe('hostile HTTP requests', () => {
  it.each([
    ['/citypack/%'],
    ['/citypack/%E0%A4%A'],
    ['/%'],
    ['/api/status%zz'],
    ['/hls/%C0%AF/index.m3u8'],
    ['/citypack/a%00b'],
  ])('a malformed URL %s is a 400, and the hub answers the next request', async (path) => {
    for (const token of [undefined, 'tok']) {
      const hub = await startHub(token ? { token } : {});
      const answer = await rawRequest(hub.url, path, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      expect(answer.status).toBe(400);
      expect(await alive(hub, token ? { authorization: `Bearer ${token}` } : {})).toBe(200);
      expect(hub.health.httpRefused).toBeGreaterThan(0);
    }
  });

  it('a route that throws or rejects is answered 500 and counted; the hub carries on', async () => {
    const hub = await startHub({
      routes: [
        (path) => {
          if (path === '/boom') throw new Error('synchronous failure');
          return false;
        },
        async (path) => {
          if (path === '/reject') throw new Error('asynchronous failure');
          return false;
        },
      ],
    });
    expect((await rawRequest(hub.url, '/boom')).status).toBe(500);
    expect((await rawRequest(hub.url, '/reject')).status).toBe(500);
    expect(hub.health.httpErrors).toBe(2);
    expect(hub.health.lastError?.detail).toBe('asynchronous failure');
    expect(await alive(hub)).toBe(200);
  });

  it('with a token, every data route needs it: as a bearer header or a signed ticket', async () => {
    const hub = await startHub({
      token: 's3cret',
      routes: [
        (path, _req, res) => {
          if (!path.startsWith('/hls/') && path !== '/api/cameras') return false;
          res.writeHead(200).end('media');
          return true;
        },
      ],
    });
    const paths = [
      '/api/status',
      '/citypack/citypack.json',
      '/api/cameras',
      '/hls/cam-1/index.m3u8',
      '/api/ticket',
    ];
    for (const path of paths) {
      expect((await rawRequest(hub.url, path)).status, path).toBe(401);
      expect(
        (await rawRequest(hub.url, path, { headers: { authorization: 'Bearer guess' } })).status,
        path,
      ).toBe(401);
      expect(
        (await rawRequest(hub.url, path, { headers: { authorization: 'Bearer s3cret' } })).status,
        path,
      ).toBe(200);
    }
    const issued = JSON.parse(
      (await rawRequest(hub.url, '/api/ticket', { headers: { authorization: 'Bearer s3cret' } }))
        .body,
    ) as { ticket: string; expires: number };
    expect(issued.expires).toBeGreaterThan(Date.now());
    expect(
      (await rawRequest(hub.url, `/hls/cam-1/index.m3u8?ticket=${issued.ticket}`)).status,
    ).toBe(200);
    const [expires, signature = ''] = issued.ticket.split('.');
    const tampered = `${Number(expires) + 1}.${signature}`;
    expect((await rawRequest(hub.url, `/hls/cam-1/index.m3u8?ticket=${tampered}`)).status).toBe(
      401,
    );
    const forged = `${expires}.${'0'.repeat(64)}`;
    expect((await rawRequest(hub.url, `/api/status?ticket=${forged}`)).status).toBe(401);
  });

  it('an expired ticket is refused', async () => {
    let now = Date.now();
    const access = new HubAccess('tok', [], () => now);
    const issued = access.issueTicket();
    expect(issued && access.ticketValid(issued.ticket)).toBe(true);
    now += TICKET_TTL_MS + 1;
    expect(issued && access.ticketValid(issued.ticket)).toBe(false);
    expect(new HubAccess('other').ticketValid(issued?.ticket ?? '')).toBe(false);
  });

  it('the preview page stays public with a token (it is the installer’s code, no data)', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    await writeFile(join(dir, 'index.html'), '<title>wall</title>');
    const hub = await startHub({ token: 'tok', serveDir: dir });
    expect((await rawRequest(hub.url, '/')).body).toContain('wall');
    expect((await rawRequest(hub.url, '/api/status')).status).toBe(401);
    expect((await rawRequest(hub.url, '/citypack/citypack.json')).status).toBe(401);
  });

  it('no path climbs out of the served folder or the city pack', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const root = join(dir, 'public');
    await mkdir(root);
    await writeFile(join(root, 'index.html'), 'index');
    await writeFile(join(dir, 'secret.txt'), 'SECRET');
    const hub = await startHub({ serveDir: root });
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/..%5csecret.txt',
      '/....//secret.txt',
      '/citypack/..%2fsecret.txt',
      '/citypack/%2e%2e%2f%2e%2e%2fsecret.txt',
      '//etc/passwd',
    ]) {
      const answer = await rawRequest(hub.url, path);
      expect(answer.body, path).not.toContain('SECRET');
      expect(answer.body, path).not.toContain('root:');
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
    }
    // A pack in a sub-folder (several packs on one hub) is still served.
    expect((await rawRequest(hub.url, '/citypack/n1/citypack.json')).status).toBe(200);
    expect(await alive(hub)).toBe(200);
  });

  it('wrong methods, bodies and oversized headers are refused without harm', async () => {
    const hub = await startHub();
    expect(
      (await rawRequest(hub.url, '/api/status', { method: 'POST', body: 'x'.repeat(1_000_000) }))
        .status,
    ).toBe(405);
    expect((await rawRequest(hub.url, '/api/status', { method: 'DELETE' })).status).toBe(405);
    const huge = await rawRequest(hub.url, '/api/status', {
      headers: { 'x-filler': 'y'.repeat(40_000) },
    }).catch(() => ({ status: 431 }));
    expect(huge.status).toBe(431);
    expect(await alive(hub)).toBe(200);
  });

  it('answers CORS only to trusted origins', async () => {
    const hub = await startHub({ corsOrigins: ['https://wall.example.gov.cn'] });
    const evil = await rawRequest(hub.url, '/citypack/citypack.json', {
      headers: { origin: 'https://evil.example' },
    });
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const trusted = await rawRequest(hub.url, '/citypack/citypack.json', {
      headers: { origin: 'https://wall.example.gov.cn' },
    });
    expect(trusted.headers['access-control-allow-origin']).toBe('https://wall.example.gov.cn');
    const preflight = await rawRequest(hub.url, '/api/status', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    expect(preflight.status).toBe(403);
  });

  it('status reads do not move the case clock', async () => {
    const hub = await startHub();
    hub.publish([...lifecycleEvents(3)]);
    const before = JSON.stringify(hub.store.snapshot());
    await rawRequest(hub.url, '/api/status');
    hub.stats();
    expect(JSON.stringify(hub.store.snapshot())).toBe(before);
  });
});
