import { describe, expect, it } from 'vitest';
import { tileBounds, tilesFor, tileTemplateProblem, tileUrl } from './tiles';

describe('raster tiles', () => {
  it('fills XYZ and TMS templates', () => {
    expect(tileUrl('http://tiles.lan/{z}/{x}/{y}.png', { z: 3, x: 6, y: 2 })).toBe(
      'http://tiles.lan/3/6/2.png',
    );
    expect(tileUrl('http://tiles.lan/{z}/{x}/{-y}.png', { z: 3, x: 6, y: 2 })).toBe(
      'http://tiles.lan/3/6/5.png',
    );
    const wmts =
      'http://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=vec&TILEMATRIXSET=w&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY';
    expect(tileTemplateProblem(wmts)).toBeUndefined();
    expect(tileUrl(wmts, { z: 14, x: 13310, y: 7113 })).toContain(
      'TILEMATRIX=14&TILEROW=7113&TILECOL=13310',
    );
  });

  it('refuses templates that are not URLs or lack a coordinate', () => {
    expect(tileTemplateProblem('file:///etc/{z}/{x}/{y}')).toMatch(/http/);
    expect(tileTemplateProblem('http://tiles.lan/{z}/{x}.png')).toMatch(/\{y\}/);
  });

  it("finds the published tile of Zhaoqing's Duanzhou district at zoom 14", () => {
    // Slippy-map arithmetic, done apart in Python: lon 112.47 → x 13310.6, lat 23.05 → y 7113.5 at z 14.
    const tiles = tilesFor([112.469, 23.049, 112.471, 23.051], 14.2, {
      url: 'http://t/{z}/{x}/{y}',
    });
    expect(tiles).toEqual([{ z: 14, x: 13310, y: 7113 }]);
    const [w, s, e, n] = tileBounds({ z: 14, x: 13310, y: 7113 });
    expect(w).toBeLessThan(112.47);
    expect(e).toBeGreaterThan(112.47);
    expect(s).toBeLessThan(23.05);
    expect(n).toBeGreaterThan(23.05);
  });

  it('keeps within the zoom range and drops a level rather than ask for too many tiles', () => {
    const city: [number, number, number, number] = [112.41, 23.03, 112.56, 23.115];
    expect(tilesFor(city, 16, { url: 'x', maxZoom: 12 }).every((t) => t.z === 12)).toBe(true);
    const many = tilesFor(city, 17, { url: 'x' }, 64);
    expect(many.length).toBeLessThanOrEqual(64);
    expect(many[0]?.z).toBeLessThan(17);
  });
});
