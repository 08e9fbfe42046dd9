import { describe, expect, it } from 'vitest';
import { CaseStore } from '../../../shared/domain/caseStore';
import { findCategoryClass } from '../../../shared/domain/categories';
import type { WallEvent } from '../../../shared/protocol/events';
import { validateEvent } from '../../../shared/protocol/envelope';
import { DEMO_CITY, insideOutline } from './demoCity';
import { distanceMetres } from '../../../shared/geo/distance';
import { demoCatalogue } from './demoCameras';
import { demoCityPackFiles } from './demoCityPack';
import { DemoSimulator } from './simulator';

/** A sink with the hub's own validation and lifecycle, counting what it would refuse. */
function sink() {
  const store = new CaseStore({ bounds: DEMO_CITY.bounds });
  const refused: string[] = [];
  const published: WallEvent[] = [];
  return {
    store,
    refused,
    published,
    publish(items: readonly WallEvent[]) {
      for (const item of items) {
        const checked = validateEvent(item);
        const applied = checked.ok ? store.apply(checked.event) : checked;
        if (!applied.ok) refused.push(`${item.type}: ${'detail' in applied ? applied.detail : ''}`);
        else published.push(item);
      }
    },
  };
}

describe('demo simulator', () => {
  const start = Date.UTC(2026, 10, 23, 8);

  it('produces a working day of legal events in the demo city', () => {
    const s = sink();
    let now = start;
    const sim = new DemoSimulator(s, {
      seed: 7,
      casesPerMinute: 2,
      historyHours: 6,
      now: () => now,
    });
    sim.start(60_000);
    sim.stop();
    for (let i = 0; i < 120; i += 1) {
      now += 60_000;
      sim.step(now);
    }
    s.store.tick(now);
    expect(s.refused).toEqual([]);
    const k = s.store.kpis();
    expect(k.reported).toBeGreaterThan(600);
    expect(k.voided).toBeGreaterThan(0);
    expect(k.reworked).toBeGreaterThan(0);
    expect(k.extended).toBeGreaterThan(0);
    expect(k.closed).toBeGreaterThan(100);
    expect(k.overdue).toBeGreaterThan(0);
    expect(k.onTimeHandlingRate).toBeGreaterThan(0.5);
    expect(k.onTimeHandlingRate).toBeLessThan(1);
    const classes = new Set([...s.store.allCases()].map((c) => findCategoryClass(c.category)?.id));
    expect(classes.size).toBeGreaterThanOrEqual(8);
    for (const c of s.store.allCases()) expect(insideOutline(c.position)).toBe(true);
    expect(s.published.some((e) => e.type === 'alarm.raised')).toBe(true);
  });

  it('is repeatable for a seed and resumes open cases after a restart', () => {
    const runOnce = () => {
      const s = sink();
      const sim = new DemoSimulator(s, { seed: 3, historyHours: 1, now: () => start });
      sim.start(60_000);
      sim.stop();
      return s;
    };
    const a = runOnce();
    expect(runOnce().published).toEqual(a.published);

    const open = [...a.store.allCases()].filter(
      (c) => c.state !== 'closed' && c.state !== 'voided',
    ).length;
    expect(open).toBeGreaterThan(0);
    let now = start;
    const resumed = new DemoSimulator(a, { seed: 4, casesPerMinute: 0.0001, now: () => now });
    resumed.start(60_000);
    resumed.stop();
    now += 3 * 24 * 3_600_000;
    resumed.step(now);
    expect(a.refused).toEqual([]);
    const stillOpen = [...a.store.allCases()].filter(
      (c) => c.state !== 'closed' && c.state !== 'voided',
    );
    expect(stillOpen).toEqual([]);
  });

  it('names the camera that sees an AI video alarm, and takes cameras offline for a while', () => {
    const cameras = demoCatalogue(String(demoCityPackFiles().get('cameras.geojson')));
    const s = sink();
    let now = start;
    const sim = new DemoSimulator(s, {
      seed: 3,
      casesPerMinute: 4,
      historyHours: 0,
      now: () => now,
      cameras,
    });
    sim.start(60_000);
    sim.stop();
    for (let i = 0; i < 6 * 60; i += 1) {
      now += 60_000;
      sim.step(now);
    }
    expect(s.refused).toEqual([]);
    const alarms = s.published.flatMap((e) =>
      e.type === 'alarm.raised' && e.payload.cameraId ? [e.payload] : [],
    );
    expect(alarms.length).toBeGreaterThan(5);
    for (const a of alarms) {
      const camera = cameras.find((c) => c.id === a.cameraId);
      expect(camera).toBeDefined();
      const p = a.position ?? { lon: 0, lat: 0 };
      expect(distanceMetres(camera?.position ?? [0, 0], [p.lon, p.lat])).toBeLessThanOrEqual(400);
    }
    const statuses = s.published.flatMap((e) => (e.type === 'camera.status' ? [e.payload] : []));
    // About one outage every 20 minutes over six hours, each coming back.
    expect(statuses.filter((x) => !x.online).length).toBeGreaterThan(8);
    expect(statuses.filter((x) => x.online).length).toBeGreaterThan(8);
  });
});
