import { expect, test } from '@playwright/test';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { TEST_CITY } from '../../electron/hub/testSupport';
import { previewHub } from './previewHub';

/**
 * A platform that is not ours and sends garbage among good events: the wall must refuse each
 * bad one with its reason, show the count, and keep showing the good ones.
 */
const preview = previewHub();
let platform: Server;
let http: HttpServer;

test.beforeEach(async () => {
  http = createServer();
  platform = new Server(http, { cors: { origin: true } });
  const at = Date.now();
  const good = (seq: number, caseId: string, lon = 112.5) => ({
    v: 1,
    seq,
    ts: at,
    type: 'case.reported',
    payload: {
      caseId,
      at,
      category: 'event/appearance/dirty-road',
      urgent: false,
      position: { lon, lat: 23.5 },
      source: 'hotline',
    },
  });
  platform.of('/wall').on('connection', (socket) => {
    socket.on('hello', (_req: unknown, reply: (a: unknown) => void) => {
      reply({ city: TEST_CITY, headSeq: 8, hubId: 'foreign' });
      socket.emit('events', [
        good(1, 'GOOD-1'),
        '{"v":1,"seq":2,"ts":',
        {
          ...good(3, 'HUGE'),
          payload: { ...good(3, 'HUGE').payload, description: 'x'.repeat(70 * 1024) },
        },
        { v: 1, seq: 4, ts: at, type: 'case.teleported', payload: {} },
        good(5, 'FAR-AWAY', 120.1),
        { v: 1, seq: 6, ts: at, type: 'case.closed', payload: { caseId: 'NEVER-REPORTED', at } },
        { v: 2, seq: 7, ts: at, type: 'case.registered', payload: { caseId: 'GOOD-1', at } },
        good(8, 'GOOD-2'),
      ]);
    });
    socket.on('fetch', (_req: unknown, reply: (a: unknown) => void) =>
      reply({ events: [], headSeq: 8 }),
    );
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
});

test.afterEach(async () => {
  await new Promise<void>((r) => platform.close(() => r()));
});

test('bad events are refused, counted by reason and shown; good ones still land', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const port = (http.address() as AddressInfo).port;
  await page.goto(
    `${preview.hub.url}/?view=cases&diagnostics&hub=${encodeURIComponent(`http://127.0.0.1:${port}`)}`,
  );
  await expect(page.getByTestId('diag-last-seq')).toHaveText('8', { timeout: 10_000 });
  await expect(page.getByTestId('diag-reason-malformed-json')).toHaveText('malformed-json: 1');
  await expect(page.getByTestId('diag-reason-too-large')).toHaveText('too-large: 1');
  await expect(page.getByTestId('diag-reason-unknown-type')).toHaveText('unknown-type: 1');
  await expect(page.getByTestId('diag-reason-illegal-transition')).toHaveText(
    'illegal-transition: 1',
  );
  await expect(page.getByTestId('diag-reason-unsupported-version')).toHaveText(
    'unsupported-version: 1',
  );
  // A valid position, but outside the city the platform announced.
  await expect(page.getByTestId('diag-reason-outside-city')).toHaveText('outside-city: 1');
  await expect(page.getByTestId('diag-rejected')).toHaveText('6');
  await expect(page.locator('[data-testid="ticker-row"][data-case-id="GOOD-1"]')).toBeVisible();
  await expect(page.locator('[data-testid="ticker-row"][data-case-id="GOOD-2"]')).toBeVisible();
  await expect(page.getByTestId('state-reported').locator('.state-count')).toHaveText('2');
  expect(errors).toEqual([]);
});
