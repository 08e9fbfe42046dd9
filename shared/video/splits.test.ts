import { describe, expect, it } from 'vitest';
import { SPLITS, splitCells } from './splits';

describe('splits', () => {
  it('has the tile counts officers ask for', () => {
    expect(SPLITS.map((s) => splitCells(s).length)).toEqual([1, 4, 6, 9, 16, 6, 8]);
  });

  it.each(SPLITS)('split %s covers the region exactly once', (split) => {
    const cells = splitCells(split);
    const area = cells.reduce((sum, c) => sum + c.w * c.h, 0);
    expect(area).toBeCloseTo(1, 9);
    for (const a of cells) {
      expect(a.x + a.w).toBeLessThanOrEqual(1 + 1e-9);
      expect(a.y + a.h).toBeLessThanOrEqual(1 + 1e-9);
      for (const b of cells) {
        if (a === b) continue;
        const overlapW = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
        const overlapH = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
        expect(overlapW <= 1e-9 || overlapH <= 1e-9).toBe(true);
      }
    }
  });

  it('puts the big tile of 1+7 first, three quarters wide', () => {
    const [big, ...small] = splitCells('1+7');
    expect(big).toEqual({ x: 0, y: 0, w: 0.75, h: 0.75 });
    expect(small.every((c) => c.w === 0.25 && c.h === 0.25)).toBe(true);
  });
});
