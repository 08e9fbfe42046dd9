import { describe, expect, it } from 'vitest';
import { caseStoreSnapshotSchema } from '../protocol/snapshot';
import { CaseStore } from './caseStore';
import { INCIDENT_TYPES } from './incidentKinds';
import { RESPONSE_PLANS } from './responsePlans';
import { declared, min } from './testEvents';

describe('incidents', () => {
  it('walks an incident from declaration to closing, with its plan steps and timeline', () => {
    const store = new CaseStore();
    expect(store.apply(declared('I1', min(0)))).toEqual({ ok: true });
    expect(
      store.apply({
        type: 'incident.step',
        payload: { incidentId: 'I1', at: min(2), stepId: 'verify', by: '值班员' },
      }).ok,
    ).toBe(true);
    expect(
      store.apply({
        type: 'incident.escalated',
        payload: { incidentId: 'I1', at: min(5), level: 2, reason: '火势蔓延' },
      }).ok,
    ).toBe(true);
    expect(
      store.apply({
        type: 'incident.updated',
        payload: {
          incidentId: 'I1',
          at: min(6),
          casualties: { dead: 0, injured: 2, trapped: 5 },
          radiusMetres: 300,
          caseIds: ['C1', 'C1', 'C2'],
        },
      }).ok,
    ).toBe(true);
    const open = store.incidents.get('I1');
    expect(open).toMatchObject({
      level: 2,
      declaredLevel: 3,
      radiusMetres: 300,
      floor: 12,
      casualties: { injured: 2, trapped: 5 },
      caseIds: ['C1', 'C2'],
      steps: { verify: { at: min(2), by: '值班员' } },
    });
    expect(open?.timeline.map((e) => e.kind)).toEqual(['declared', 'step', 'escalated', 'updated']);
    expect(store.incidents.open().map((i) => i.id)).toEqual(['I1']);

    expect(
      store.apply({ type: 'incident.closed', payload: { incidentId: 'I1', at: min(60) } }).ok,
    ).toBe(true);
    expect(store.incidents.get('I1')?.closedAt).toBe(min(60));
    expect(store.incidents.open()).toEqual([]);
  });

  it('refuses impossible steps with a reason', () => {
    const store = new CaseStore();
    const refusal = (r: ReturnType<CaseStore['apply']>) => (r.ok ? 'accepted' : r.detail);
    expect(
      refusal(store.apply({ type: 'incident.updated', payload: { incidentId: 'X', at: min(1) } })),
    ).toMatch(/unknown incident X/);
    store.apply(declared('I1', min(0)));
    expect(refusal(store.apply(declared('I1', min(1))))).toMatch(/declared already/);
    expect(
      refusal(
        store.apply({
          type: 'incident.escalated',
          payload: { incidentId: 'I1', at: min(1), level: 4 },
        }),
      ),
    ).toMatch(/not graver/);
    expect(
      refusal(
        store.apply({
          type: 'incident.step',
          payload: { incidentId: 'I1', at: min(1), stepId: 'pump' },
        }),
      ),
    ).toMatch(/fire plan has no step pump/);
    store.apply({
      type: 'incident.step',
      payload: { incidentId: 'I1', at: min(1), stepId: 'verify' },
    });
    expect(
      refusal(
        store.apply({
          type: 'incident.step',
          payload: { incidentId: 'I1', at: min(2), stepId: 'verify' },
        }),
      ),
    ).toMatch(/done already/);
    store.apply({ type: 'incident.closed', payload: { incidentId: 'I1', at: min(3) } });
    expect(
      refusal(store.apply({ type: 'incident.closed', payload: { incidentId: 'I1', at: min(4) } })),
    ).toMatch(/closed already/);
    expect(
      refusal(
        store.apply({
          type: 'unit.position',
          payload: {
            unitId: 'U1',
            at: min(5),
            position: { lon: 112.47, lat: 23.06 },
            incidentId: 'I1',
          },
        }),
      ),
    ).toMatch(/no open incident I1/);
  });

  it('keeps units live, frees them when their incident closes, and lets closed incidents go', () => {
    const store = new CaseStore();
    store.apply(declared('I1', min(0)));
    const move = (at: number, lon: number) =>
      store.apply({
        type: 'unit.position',
        payload: {
          unitId: 'U1',
          at,
          position: { lon, lat: 23.06 },
          kind: 'fire-engine',
          incidentId: 'I1',
        },
      });
    move(min(1), 112.46);
    move(min(2), 112.465);
    expect([...store.incidents.allUnits()]).toEqual([
      expect.objectContaining({
        id: 'U1',
        position: { lon: 112.465, lat: 23.06 },
        incidentId: 'I1',
      }),
    ]);
    store.apply({ type: 'incident.closed', payload: { incidentId: 'I1', at: min(30) } });
    expect([...store.incidents.allUnits()][0]?.incidentId).toBeUndefined();
    store.evictClosedBefore(min(20));
    expect(store.incidents.get('I1')).toBeDefined();
    store.evictClosedBefore(min(31));
    expect(store.incidents.get('I1')).toBeUndefined();
    expect([...store.incidents.allUnits()]).toEqual([]);
  });

  it('travels in the snapshot, checked by its schema', () => {
    const store = new CaseStore();
    store.apply(declared('I1', min(0), { type: 'gas-leak', level: 2, floor: -1 }));
    store.apply({
      type: 'incident.step',
      payload: { incidentId: 'I1', at: min(1), stepId: 'shut-valve' },
    });
    const wire = JSON.parse(JSON.stringify(store.snapshot())) as unknown;
    const parsed = caseStoreSnapshotSchema.safeParse(wire);
    expect(parsed.success).toBe(true);
    const copy = new CaseStore();
    copy.restore(store.snapshot(), min(2));
    expect(copy.incidents.get('I1')).toEqual(store.incidents.get('I1'));
    const broken = { ...(wire as object), incidents: [{ id: 'I2', level: 7 }] };
    expect(caseStoreSnapshotSchema.safeParse(broken).success).toBe(false);
  });

  it('has a plan for every type, with unique step ids and a department for each', () => {
    for (const type of INCIDENT_TYPES) {
      const steps = RESPONSE_PLANS[type].steps;
      expect(new Set(steps.map((s) => s.id)).size).toBe(steps.length);
      expect(steps.every((s) => s.zh && s.en && s.department.zh && s.department.en)).toBe(true);
    }
  });
});
