import { describe, expect, it } from 'vitest';
import type { CaseRecord } from './caseStore';
import { rankOpenCases } from './openRanking';

const record = (id: string, street: string | undefined, state: CaseRecord['state']) =>
  ({ id, street, state }) as unknown as CaseRecord;

describe('ranking open cases', () => {
  it('counts open cases by key, most first, overdue alongside; closed and keyless ones are out', () => {
    const cases = [
      record('1', '城东街道', 'dispatched'),
      record('2', '城东街道', 'handling'),
      record('3', '城西街道', 'registered'),
      record('4', '城西街道', 'closed'),
      record('5', undefined, 'reported'),
      record('6', '睦岗街道', 'voided'),
    ];
    const lines = rankOpenCases(
      cases,
      (c) => c.street,
      (id) => id === '2',
      5,
    );
    expect(lines).toEqual([
      { key: '城东街道', open: 2, overdue: 1 },
      { key: '城西街道', open: 1, overdue: 0 },
    ]);
    expect(
      rankOpenCases(
        cases,
        (c) => c.street,
        () => false,
        1,
      ),
    ).toHaveLength(1);
  });
});
