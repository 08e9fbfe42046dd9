import { describe, expect, it } from 'vitest';
import { placeTooltip } from './tooltip';

describe('placing the map tooltip', () => {
  it('opens towards the room the window has, so it is never cut at a panel edge', () => {
    expect(placeTooltip('a', 100, 100, 1920, 1080).style.transform).toBe(
      'translate(100px, 100px) translate(14px, 14px)',
    );
    expect(placeTooltip('a', 1900, 1070, 1920, 1080).style.transform).toBe(
      'translate(1900px, 1070px) translate(calc(-100% - 14px), calc(-100% - 14px))',
    );
  });
});
