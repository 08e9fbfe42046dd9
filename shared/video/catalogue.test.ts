import { describe, expect, it } from 'vitest';
import { checkCatalogue, groupCameras, searchCameras } from './catalogue';

const good = (id: string, extra: object = {}) => ({
  id,
  name: `路口${id}`,
  position: [112.47, 23.05],
  stream: `/hls/${id}/index.m3u8`,
  ...extra,
});

describe('camera catalogue', () => {
  it('keeps the good cameras and names each bad one', () => {
    const { cameras, problems } = checkCatalogue({
      cameras: [
        good('a', { district: '端州区', tags: ['交通'] }),
        good('b', { stream: 'javascript:alert(1)' }),
        good('c', { position: [500, 23] }),
        good('a'),
        'not an object',
        good('d', { stream: 'http://media.example/live/d.m3u8', heading: 90, fov: 60 }),
      ],
    });
    expect(cameras.map((c) => c.id)).toEqual(['a', 'd']);
    expect(problems.map((p) => [p.index, p.id, p.reason.split(':')[0]])).toEqual([
      [1, 'b', 'stream'],
      [2, 'c', 'position.0'],
      [3, 'a', 'duplicate id'],
      [4, undefined, '(entry)'],
    ]);
  });

  it('reports a body that is not a catalogue at all', () => {
    expect(checkCatalogue('<html>').problems[0]?.reason).toBe('no "cameras" array');
    expect(checkCatalogue(null).cameras).toEqual([]);
  });

  it('groups by district, grid or tag and searches every word', () => {
    const cams = checkCatalogue({
      cameras: [
        good('1', { district: '端州区', grid: 'g1', tags: ['交通', '学校周边'] }),
        good('2', { district: '鼎湖区', grid: 'g2', tags: ['河道'] }),
        good('3', { district: '端州区' }),
      ],
    }).cameras;
    expect(groupCameras(cams, 'district', '其他').map(([k, v]) => [k, v.length])).toEqual([
      ['鼎湖区', 1],
      ['端州区', 2],
    ]);
    expect(groupCameras(cams, 'tag', '其他').map(([k]) => k)).toEqual([
      '河道',
      '交通',
      '学校周边',
      '其他',
    ]);
    expect(searchCameras(cams, '端州 交通').map((c) => c.id)).toEqual(['1']);
    expect(searchCameras(cams, '  ').length).toBe(3);
  });
});
