import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The real main-process bundle, started under Node with only the `electron` module faked
 * (scripts/electron-shell/fakeElectron.cjs): proves the glue wires config, embedded hub,
 * gateway, windows, IPC and the app:// protocol together.
 */
interface ShellReport {
  windows: {
    bounds: { x: number; width: number };
    frame: boolean;
    webPreferences: Record<string, unknown>;
  }[];
  sends: Record<string, number>;
  refused: number;
  snapshot: { cases: number; lastSeq: number; connection: string; city: string };
  windowInfo: { windowId: string; hub: string; view: string };
  page: { status: number; csp: string; hasRoot: boolean };
  missing: number;
  cityPack: { status: number; id: string };
  afterUnplug: { x: number; y: number; width: number; height: number }[];
  permissionCheck: boolean;
  shortcuts: string[];
  blockers: string[];
  profiles: { active: string; profiles: { id: string }[] };
  afterHotkey: string;
  afterBus: string;
  live: { bounds: { x: number; y: number; width: number; height: number }; url: string }[];
}

let report: ShellReport;

beforeAll(() => {
  const build = spawnSync(process.execPath, ['scripts/build-electron.mjs'], { encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  if (!existsSync('dist/renderer/index.html')) {
    const vite = spawnSync(
      process.execPath,
      [
        'node_modules/vite/bin/vite.js',
        'build',
        '--config',
        'renderer/vite.config.ts',
        '--logLevel',
        'warn',
      ],
      { encoding: 'utf8' },
    );
    expect(vite.status, vite.stderr).toBe(0);
  }
  const run = spawnSync(
    process.execPath,
    ['-r', './scripts/electron-shell/fakeElectron.cjs', 'dist/electron/main.cjs'],
    {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, CITYWALL_HUB_URL: '' },
    },
  );
  const line = run.stdout.split('\n').find((l) => l.startsWith('SHELL-REPORT '));
  expect(line, `${run.stdout}\n${run.stderr}`).toBeDefined();
  report = JSON.parse((line as string).slice('SHELL-REPORT '.length)) as ShellReport;
}, 90_000);

describe('Electron shell (real bundle, faked Electron API)', () => {
  it('opens the duty profile as frameless, isolated, sandboxed windows', () => {
    const duty = report.windows.slice(0, 5);
    expect(new Set(duty.map((w) => w.bounds.x < 0))).toEqual(new Set([true, false]));
    for (const w of report.windows) {
      expect(w.frame).toBe(false);
      expect(w.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        // The fake app says it is packaged: no DevTools on a production wall.
        devTools: false,
      });
    }
    expect(report.permissionCheck).toBe(false);
  });

  it('starts the embedded demo hub and serves its cases to windows over IPC', () => {
    expect(report.snapshot.connection).toBe('connected');
    expect(report.snapshot.city).toBe('441202');
    expect(report.snapshot.cases).toBeGreaterThan(100);
    expect(report.windowInfo).toMatchObject({ hub: 'embedded' });
    expect(report.sends['wall:batch']).toBeGreaterThan(0);
    expect(report.sends['wall:language']).toBe(5);
  });

  it('refuses untrusted senders and bad arguments', () => {
    expect(report.refused).toBe(2);
  });

  it('serves the renderer over app:// with the strict CSP', () => {
    expect(report.page).toMatchObject({ status: 200, hasRoot: true });
    expect(report.page.csp).toContain("connect-src 'self'");
    expect(report.missing).toBe(404);
    // The map's city pack comes from the embedded hub through main.
    expect(report.cityPack).toEqual({ status: 200, id: 'zhaoqing-duanzhou-demo' });
  });

  it('switches profiles by hotkey and by the wall bus, and keeps panels awake', () => {
    expect(report.profiles.profiles.map((p) => p.id)).toEqual(['duty', 'briefing', 'emergency']);
    expect(report.afterHotkey).toBe('emergency');
    expect(report.afterBus).toBe('duty');
    expect(report.shortcuts).toHaveLength(9);
    expect(report.blockers).toEqual(['prevent-display-sleep']);
    expect(report.sends['wall:profiles']).toBeGreaterThan(0);
    for (const w of report.live) expect(w.url).toMatch(/^app:\/\/wall\/index\.html\?.*view=/);
  });

  it('after an unplug, every window lies on the display that is left', () => {
    expect(report.afterUnplug.length).toBeGreaterThanOrEqual(5);
    for (const b of report.afterUnplug) {
      expect(b.x).toBeGreaterThanOrEqual(-1920);
      expect(b.x + b.width).toBeLessThanOrEqual(0);
    }
  });
});
