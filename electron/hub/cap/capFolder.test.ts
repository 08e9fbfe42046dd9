import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Gateway } from '../../../shared/gateway/gateway';
import { WallStore } from '../../../shared/gateway/wallStore';
import { startHub, type RunningHub } from '../startHub';
import { tempDir, until } from '../testSupport';
import type { CapFolderReport } from './capFolder';

const SAMPLES = join(import.meta.dirname, 'samples');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await (cleanups.pop() as () => Promise<void>)();
});

/** The demo hub with no simulators, reading CAP from `capDir`. */
async function hubReading(dataDir: string, capDir: string): Promise<RunningHub> {
  const running = await startHub({
    dataDir,
    port: 0,
    capDir,
    history: false,
    source: { kind: 'demo', historyHours: 0, casesPerMinute: 0, incidents: false },
  });
  return running;
}

/** Asks the hub until its CAP report says what `check` wants. */
async function reportWhen(
  running: RunningHub,
  check: (r: CapFolderReport) => boolean,
): Promise<CapFolderReport> {
  const end = Date.now() + 10_000;
  for (;;) {
    const r = await report(running);
    if (check(r)) return r;
    if (Date.now() > end) throw new Error(`the CAP report stayed ${JSON.stringify(r)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function report(running: RunningHub): Promise<CapFolderReport> {
  const response = await fetch(`${running.hub.url}/api/cap`);
  return (await response.json()) as CapFolderReport;
}

/** The district's rainstorm sample, re-dated so that it is in force now. */
async function rainstorm(id: string): Promise<string> {
  const xml = await readFile(join(SAMPLES, 'duanzhou-rainstorm.xml'), 'utf8');
  const at = (ms: number) => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
  return xml
    .replace(/<cap:identifier>[^<]*/, `<cap:identifier>${id}`)
    .replace(/<cap:sent>[^<]*/, `<cap:sent>${at(Date.now() - 60_000)}`)
    .replace(/<cap:expires>[^<]*/, `<cap:expires>${at(Date.now() + 3_600_000)}`);
}

describe('CAP alerts from a folder', () => {
  it('puts a warning on the wall, refuses the rest with reasons, and reads nothing twice across a restart', async () => {
    const data = await tempDir();
    const cap = await tempDir();
    cleanups.push(data.cleanup, cap.cleanup);
    await writeFile(join(cap.dir, 'a-rain.xml'), await rainstorm('RAIN-1'));
    await copyFile(join(SAMPLES, 'thunderstorm.xml'), join(cap.dir, 'b-thunder.xml'));
    await writeFile(
      join(cap.dir, 'c-broken.xml'),
      '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">',
    );
    await writeFile(join(cap.dir, 'notes.txt'), 'not an alert');
    let running = await hubReading(data.dir, cap.dir);
    cleanups.push(() => running.stop());

    const wall = new WallStore({ scheduler: () => undefined });
    const gateway = new Gateway(wall, { url: running.hub.url, backoffMin: 10, backoffMax: 100 });
    cleanups.push(async () => gateway.stop());
    gateway.start();
    await until(() => wall.cases.warnings.inForce(Date.now()).length === 1, 10_000, 'the warning');
    expect(wall.cases.warnings.inForce(Date.now())[0]).toMatchObject({
      id: 'RAIN-1',
      severity: 'extreme',
      texts: [{ event: '暴雨红色预警信号' }],
    });

    const first = await reportWhen(running, (r) => r.files === 3);
    expect(first).toMatchObject({ files: 3, accepted: 1, refused: 2 });
    expect(first.lastRefused.map((r) => [r.file, r.reason])).toEqual([
      ['c-broken.xml', expect.stringMatching(/not well-formed XML/)],
      ['b-thunder.xml', expect.stringMatching(/^expired at 2003-06-17/)],
    ]);
    // Refusals are counted where the hub's other refusals are.
    const status = (await (await fetch(`${running.hub.url}/api/status`)).json()) as {
      diagnostics: { rejectedByReason: Record<string, number> };
    };
    expect(status.diagnostics.rejectedByReason['bad-payload']).toBe(2);
    // The folder's files are only read.
    expect(await readFile(join(cap.dir, 'notes.txt'), 'utf8')).toBe('not an alert');

    // A restart reads the folder again: the warning it holds is not issued twice.
    const port = running.hub.port;
    await running.stop();
    running = await startHub({
      dataDir: data.dir,
      port,
      capDir: cap.dir,
      history: false,
      source: { kind: 'demo', historyHours: 0, casesPerMinute: 0, incidents: false },
    });
    expect(await reportWhen(running, (r) => r.files === 3)).toMatchObject({
      accepted: 0,
      known: 1,
      refused: 2,
    });
    expect(running.hub.store.warnings.inForce(Date.now()).map((w) => w.id)).toEqual(['RAIN-1']);

    // A Cancel dropped in later ends it on the wall.
    const cancel = (await rainstorm('RAIN-1-CANCEL'))
      .replace('<cap:msgType>Alert', '<cap:msgType>Cancel')
      .replace(
        '<cap:scope>Public</cap:scope>',
        '<cap:scope>Public</cap:scope><cap:references>zqqxt@example.invalid,RAIN-1,2026-07-04T09:30:00+08:00</cap:references>',
      );
    await writeFile(join(cap.dir, 'd-cancel.xml'), cancel);
    await until(() => wall.cases.warnings.inForce(Date.now()).length === 0, 15_000, 'cancelled');
    expect(wall.cases.warnings.get('RAIN-1')).toMatchObject({ endedBy: 'RAIN-1-CANCEL' });
  });
});
