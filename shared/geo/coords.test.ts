import { describe, expect, it } from 'vitest';
import {
  bd09ToGcj02,
  fromWgs84,
  gcj02ToBd09,
  gcj02ToWgs84,
  outOfChina,
  toWgs84,
  wgs84ToGcj02,
} from './coords';

/** Reference outputs published with wandergis/coordtransform (README), for the point (116.404, 39.915). */
const P: [number, number] = [116.404, 39.915];

const metres = (a: readonly [number, number], b: readonly [number, number]) => {
  const dy = (a[1] - b[1]) * 111_320;
  const dx = (a[0] - b[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180);
  return Math.hypot(dx, dy);
};

describe('WGS-84 / GCJ-02 / BD-09', () => {
  it('match the published reference outputs', () => {
    expect(wgs84ToGcj02(...P)).toEqual([116.41024449916938, 39.91640428150164]);
    expect(gcj02ToBd09(...P)[0]).toBeCloseTo(116.41036949371029, 12);
    expect(gcj02ToBd09(...P)[1]).toBeCloseTo(39.92133699351021, 12);
    // Ours refines the usual closed-form BD-09 inverse; the published value is within centimetres.
    expect(metres(bd09ToGcj02(...P), [116.39762729119315, 39.90865673957631])).toBeLessThan(0.2);
  });

  it('inverts GCJ-02 to within a millimetre, closer than the one-step inverse', () => {
    const wgs = gcj02ToWgs84(...P);
    expect(metres(wgs84ToGcj02(...wgs), P)).toBeLessThan(0.001);
    // The published one-step inverse (116.39775550083061, 39.91359571849836) is within a few metres.
    expect(metres(wgs, [116.39775550083061, 39.91359571849836])).toBeLessThan(5);
  });

  it('round-trips every system across Guangdong', () => {
    for (let lon = 109.7; lon <= 117.3; lon += 0.37) {
      for (let lat = 20.2; lat <= 25.5; lat += 0.41) {
        for (const system of ['wgs84', 'gcj02', 'bd09'] as const) {
          expect(metres(toWgs84(system, ...fromWgs84(system, lon, lat)), [lon, lat])).toBeLessThan(
            0.01,
          );
        }
      }
    }
  });

  it('shifts Zhaoqing by the hundreds of metres users see between maps', () => {
    const zhaoqing: [number, number] = [112.465, 23.047];
    const gcjShift = metres(wgs84ToGcj02(...zhaoqing), zhaoqing);
    const bdShift = metres(fromWgs84('bd09', ...zhaoqing), zhaoqing);
    expect(gcjShift).toBeGreaterThan(200);
    expect(gcjShift).toBeLessThan(800);
    expect(bdShift).toBeGreaterThan(gcjShift);
  });

  it('leaves places outside China alone', () => {
    expect(outOfChina(-74.0, 40.7)).toBe(true);
    expect(wgs84ToGcj02(-74.0, 40.7)).toEqual([-74.0, 40.7]);
    expect(gcj02ToWgs84(-74.0, 40.7)).toEqual([-74.0, 40.7]);
  });
});
