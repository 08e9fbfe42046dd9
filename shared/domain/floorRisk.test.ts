import { describe, expect, it } from 'vitest';
import { floorRisk, floorStack } from './floorRisk';

describe('floors of the incident building', () => {
  it('stacks basements down to an incident below ground, and never a storey 0', () => {
    expect(floorStack(3)).toEqual([1, 2, 3]);
    expect(floorStack(3, -2)).toEqual([-2, -1, 1, 2, 3]);
    expect(floorStack(2, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(floorStack(60, 12)).toHaveLength(60);
  });

  it('tints the floors above a fire first, and those around a gas leak', () => {
    const fire = [10, 11, 12, 13, 14, 15, 16, 17, 18].map((f) => floorRisk('fire', 12, f));
    expect(fire).toEqual([
      'none',
      'medium',
      'incident',
      'high',
      'high',
      'high',
      'medium',
      'medium',
      'medium',
    ]);
    expect(floorRisk('fire', 12, 19)).toBe('none');
    // Across ground level: B1 and 1F are neighbours.
    expect(floorRisk('gas-leak', -1, 1)).toBe('high');
    expect(floorRisk('gas-leak', -1, 2)).toBe('medium');
    expect(floorRisk('crowd', 3, 4)).toBe('medium');
  });
});
