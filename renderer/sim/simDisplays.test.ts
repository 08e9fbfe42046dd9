import { describe, expect, it } from 'vitest';
import { parseSimDisplays } from './simDisplays';

describe('simulated displays', () => {
  it('reads a 3×3 wall plus a 1440p operator screen at 125 %', () => {
    const displays = parseSimDisplays('3x3@1920x1080,2560x1440*1.25') ?? [];
    expect(displays).toHaveLength(10);
    expect(displays[8]?.bounds).toEqual({ x: 3840, y: 2160, width: 1920, height: 1080 });
    expect(displays[9]).toMatchObject({
      id: 'screen-10',
      primary: true,
      scaleFactor: 1.25,
      bounds: { x: 0, y: 3240, width: 2048, height: 1152 },
    });
  });

  it.each(['', 'banana', '3x3@19x10', '9x9@1920x1080', '1920x1080*9'])('refuses %j', (spec) => {
    expect(parseSimDisplays(spec)).toBeUndefined();
  });
});
