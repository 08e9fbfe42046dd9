import { describe, expect, it } from 'vitest';
import { CaseStore } from '../../../shared/domain/caseStore';
import { validateEvent } from '../../../shared/protocol/envelope';
import { DemoWarnings } from './demoWarnings';

describe("the demo's rainstorm warnings", () => {
  it('issue, raise and lift a warning over the district through the CAP reader, every event accepted', () => {
    const MINUTE = 60_000;
    let now = Date.UTC(2026, 6, 4, 1, 0);
    const store = new CaseStore();
    const refused: string[] = [];
    const sink = {
      store,
      publish(items: readonly unknown[]) {
        for (const item of items) {
          const checked = validateEvent({ v: 1, seq: 1, ts: now, ...(item as object) });
          if (!checked.ok) refused.push(checked.detail);
          else {
            const applied = store.apply(checked.event);
            if (!applied.ok) refused.push(applied.detail);
          }
        }
      },
    };
    const demo = new DemoWarnings(sink, { now: () => now, firstAfterMinutes: 1 });
    demo.start(60_000_000);
    demo.stop();
    const inForce = () => store.warnings.inForce(now).map((w) => [w.severity, w.texts[0]?.event]);

    demo.tick();
    expect(inForce()).toEqual([]);
    now += 2 * MINUTE;
    demo.tick();
    expect(inForce()).toEqual([['moderate', '暴雨黄色预警信号']]);
    expect(store.warnings.inForce(now)[0]?.texts.map((t) => t.language)).toEqual([
      'zh-CN',
      'en-US',
    ]);
    now += 60 * MINUTE;
    demo.tick();
    expect(inForce()).toEqual([['severe', '暴雨橙色预警信号']]);
    now += 90 * MINUTE;
    demo.tick();
    expect(inForce()).toEqual([]);
    // The next round, four hours after the first began.
    now += 90 * MINUTE;
    demo.tick();
    expect(inForce()).toEqual([['moderate', '暴雨黄色预警信号']]);
    expect(refused).toEqual([]);
  });
});
