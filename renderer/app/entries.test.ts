import { describe, expect, it } from 'vitest';
import { entryFor } from './entries';

describe('page entries', () => {
  it('sends the instruments and the simulated hall to their own pages', () => {
    expect(entryFor(new URLSearchParams('bench=map&mode=ours'), false)).toBe('bench.html');
    expect(entryFor(new URLSearchParams('videolab&n=4'), false)).toBe('videolab.html');
    expect(entryFor(new URLSearchParams('sim=3x3@1920x1080&profile=duty'), false)).toBe('sim.html');
  });

  it('keeps the wall, the editor and Electron windows on index.html', () => {
    expect(entryFor(new URLSearchParams('view=map'), false)).toBeUndefined();
    expect(entryFor(new URLSearchParams('editor'), false)).toBeUndefined();
    expect(entryFor(new URLSearchParams('editor&sim=3x3@1920x1080'), false)).toBeUndefined();
    expect(entryFor(new URLSearchParams('sim=3x3@1920x1080'), true)).toBeUndefined();
  });
});
