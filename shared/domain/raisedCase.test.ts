import { describe, expect, it } from 'vitest';
import { CaseStore } from './caseStore';
import { caseAsIncident, emergencyFocus, raisedCaseOf, raisedFocusId } from './raisedCase';
import { declared, min, reported, step } from './testEvents';

describe('a case raised to the emergency focus', () => {
  it('reads as an incident: level IV, its category’s plan, a 100 m cordon, the case linked', () => {
    const store = new CaseStore();
    store.apply(reported('C1', min(0), { category: 'event/emergency/waterlogging' }));
    const record = store.get('C1');
    if (!record) throw new Error('no case');
    const incident = caseAsIncident(record);
    expect(incident).toMatchObject({
      id: 'case:C1',
      type: 'waterlogging',
      level: 4,
      radiusMetres: 100,
      caseIds: ['C1'],
      declaredAt: min(0),
      title: '路面积水',
    });
    // The same object while the case has not changed: views compare by identity.
    expect(caseAsIncident(record)).toBe(incident);
    expect(raisedCaseOf(raisedFocusId('C1'))).toBe('C1');
    expect(raisedCaseOf('F-1')).toBeUndefined();
  });

  it('leads the focus while open, then the gravest incident does', () => {
    const store = new CaseStore();
    store.apply(reported('C1', min(0)));
    store.apply(declared('F1', min(1), { level: 2 }));
    expect(emergencyFocus(store, 'case:C1')?.id).toBe('case:C1');
    expect(emergencyFocus(store, 'case:C1')?.type).toBe('other');
    expect(emergencyFocus(store, 'case:NOPE')?.id).toBe('F1');
    expect(emergencyFocus(store, undefined)?.id).toBe('F1');
    store.apply(step('case.voided', 'C1', min(2)));
    expect(emergencyFocus(store, 'case:C1')?.id).toBe('F1');
    expect(emergencyFocus(store, 'case:C1', true)).toMatchObject({
      id: 'case:C1',
      closedAt: min(2),
    });
  });
});
