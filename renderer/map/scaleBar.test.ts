import { describe, expect, it } from 'vitest';
import { metersPerPixel, scaleBar } from './scaleBar';

describe('the map scale bar', () => {
  it('takes the largest round length that fits, in m or km', () => {
    expect(scaleBar(10, 300)).toEqual({ meters: 2000, px: 200, text: '2 km' });
    expect(scaleBar(0.5, 300)).toEqual({ meters: 100, px: 200, text: '100 m' });
    expect(scaleBar(1, 120).text).toBe('100 m');
    expect(scaleBar(1, 99).text).toBe('50 m');
  });

  it('reads the view: at zoom 0 on the equator a pixel is 1/512 of the world', () => {
    expect(metersPerPixel(0, 0)).toBeCloseTo(78_271.5, 0);
    // Zhaoqing (23° N) at zoom 13: about 8.8 m a pixel.
    expect(metersPerPixel(23.05, 13)).toBeCloseTo(8.79, 1);
  });
});
