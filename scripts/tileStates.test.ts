import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { TILE_STATES } from '../shared/video/tileHealth';

describe('the tile states are one list', () => {
  it('every state has its label in both languages, and the README names each by that label', async () => {
    const readme = (await readFile('README.md', 'utf8')).replace(/\s+/g, ' ');
    const health = readme.slice(readme.indexOf('**Health, on every tile**')).slice(0, 900);
    // The labels as the wall shows them (renderer/i18n/strings.ts: zh first, then en).
    const strings = await readFile('renderer/i18n/strings.ts', 'utf8');
    for (const state of TILE_STATES) {
      const key = `video${state[0]?.toUpperCase()}${state.slice(1)}`;
      const labels = [...strings.matchAll(new RegExp(`\\b${key}: '([^']+)'`, 'g'))].map(
        (m) => m[1],
      );
      expect(labels, `${key} in zh and en`).toHaveLength(2);
      expect(health, `README names ${labels[0]} ${state}`).toContain(`${labels[0]} ${state}`);
    }
  });
});
