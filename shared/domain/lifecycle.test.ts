import { describe, expect, it } from 'vitest';
import {
  CASE_ACTIONS,
  CASE_STATES,
  transition,
  type CaseAction,
  type CaseState,
} from './lifecycle';

/** The lifecycle as domain.md states it, written out independently of the rule table. */
const LEGAL: Readonly<Record<CaseState, Partial<Record<CaseAction, CaseState>>>> = {
  reported: { register: 'registered', void: 'voided' },
  registered: { dispatch: 'dispatched' },
  voided: {},
  dispatched: { accept: 'handling' },
  handling: { extend: 'extended', suspend: 'suspended', handle: 'handled' },
  extended: { extend: 'extended', suspend: 'suspended', handle: 'handled' },
  suspended: { resume: 'handling' },
  handled: { verify: 'verified', rework: 'reworked' },
  verified: { close: 'closed' },
  reworked: { dispatch: 'dispatched' },
  closed: {},
};

describe('case lifecycle', () => {
  it('creates a case only by report', () => {
    expect(transition(undefined, 'report')).toEqual({ ok: true, to: 'reported' });
    for (const action of CASE_ACTIONS.filter((a) => a !== 'report')) {
      const result = transition(undefined, action);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/unknown case/);
    }
  });

  for (const from of CASE_STATES) {
    for (const action of CASE_ACTIONS) {
      const expected = LEGAL[from][action];
      it(`${from} --${action}--> ${expected ?? 'rejected'}`, () => {
        const result = transition(from, action);
        if (expected) expect(result).toEqual({ ok: true, to: expected });
        else {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.reason).toContain(from);
        }
      });
    }
  }

  it('walks the full closed loop including a rework', () => {
    const path: CaseAction[] = [
      'report',
      'register',
      'dispatch',
      'accept',
      'handle',
      'rework',
      'dispatch',
      'accept',
      'extend',
      'handle',
      'verify',
      'close',
    ];
    let state: CaseState | undefined;
    for (const action of path) {
      const r = transition(state, action);
      expect(r.ok, `${state} -> ${action}`).toBe(true);
      if (r.ok) state = r.to;
    }
    expect(state).toBe('closed');
  });
});
