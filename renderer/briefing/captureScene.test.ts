import { describe, expect, it } from 'vitest';
import { sceneOf } from './captureScene';

const base = { id: 's1', name: '场景 1', dwellSeconds: 30, profile: 'briefing' };
const camera = { longitude: 112.47, latitude: 23.05, zoom: 15, pitch: 45, bearing: 10 };

describe('a scene from the windows’ answers', () => {
  it('takes the map region’s camera, the pins and the analysis period', () => {
    const scene = sceneOf(
      [
        {
          kind: 'scene.part',
          origin: 'op',
          requestId: 'r',
          map: { region: 'op-map', camera: { ...camera, zoom: 3 }, layers: [], heat: 'hour' },
        },
        {
          kind: 'scene.part',
          origin: 'w1',
          requestId: 'r',
          map: { region: 'map', camera, layers: ['buildings', 'heat'], heat: 'week' },
        },
        { kind: 'scene.part', origin: 'v', requestId: 'r', pins: ['cam-1', 'cam-2'] },
        { kind: 'scene.part', origin: 'a', requestId: 'r', analysis: { period: 'month' } },
      ],
      base,
      { type: 'case', id: 'c9' },
    );
    expect(scene).toEqual({
      ...base,
      map: { camera, layers: ['buildings', 'heat'], heat: 'week' },
      pins: ['cam-1', 'cam-2'],
      analysis: { period: 'month' },
      selection: { type: 'case', id: 'c9' },
    });
  });

  it('a wall with no map or video answers makes a scene of its profile alone', () => {
    expect(sceneOf([], base, undefined)).toEqual(base);
  });
});

describe('a scene when the maps were too busy to answer', () => {
  it('takes the camera the map region was last moved to, and the panel’s layers', () => {
    const scene = sceneOf([], base, undefined, {
      cameras: new Map([['map', camera]]),
      layers: ['buildings'],
      heat: 'week',
    });
    expect(scene.map).toEqual({ camera, layers: ['buildings'], heat: 'week' });
  });
});
