import type { Profile } from './profile';

/**
 * The three profiles every hall gets. They target "the wall" and "the operator screen", not
 * particular displays, so they fit a laptop, a 3×3 splicing wall or one big 4K panel alike.
 */
export const DUTY: Profile = {
  version: 1,
  id: 'duty',
  name: { zh: '值班', en: 'Duty' },
  regions: [
    {
      id: 'video-left',
      view: 'video',
      params: { split: '4', group: 'left' },
      target: { kind: 'wall', rect: { x: 0, y: 0, w: 1 / 4, h: 1 } },
    },
    { id: 'map', view: 'map', target: { kind: 'wall', rect: { x: 1 / 4, y: 0, w: 1 / 2, h: 1 } } },
    {
      id: 'video-right',
      view: 'video',
      params: { split: '4', group: 'right' },
      target: { kind: 'wall', rect: { x: 3 / 4, y: 0, w: 1 / 4, h: 1 } },
    },
    {
      id: 'cases',
      view: 'cases',
      target: { kind: 'operator', rect: { x: 0, y: 0, w: 1, h: 0.7 } },
    },
    { id: 'kpi', view: 'kpi', target: { kind: 'operator', rect: { x: 0, y: 0.7, w: 1, h: 0.3 } } },
  ],
};

const BRIEFING: Profile = {
  version: 1,
  id: 'briefing',
  name: { zh: '汇报', en: 'Briefing' },
  regions: [
    {
      id: 'map',
      view: 'map',
      params: { scale: 'large' },
      target: { kind: 'wall', rect: { x: 0, y: 0, w: 1 / 3, h: 1 } },
    },
    // The week against the week before (周分析): what a briefing is held on.
    {
      id: 'analysis',
      view: 'analysis',
      params: { period: 'week' },
      target: { kind: 'wall', rect: { x: 1 / 3, y: 0, w: 2 / 3, h: 1 } },
    },
    // The presenter's map to draw on (it looks where the wall's map looks), the scenes and tour,
    // and the live board.
    {
      id: 'pen',
      view: 'map',
      params: { draw: '1', camera: 'map' },
      target: { kind: 'operator', rect: { x: 0, y: 0, w: 0.5, h: 1 } },
    },
    {
      id: 'briefing',
      view: 'briefing',
      target: { kind: 'operator', rect: { x: 0.5, y: 0, w: 0.5, h: 0.6 } },
    },
    {
      id: 'cases',
      view: 'cases',
      target: { kind: 'operator', rect: { x: 0.5, y: 0.6, w: 0.5, h: 0.4 } },
    },
  ],
};

export const EMERGENCY: Profile = {
  version: 1,
  id: 'emergency',
  name: { zh: '应急', en: 'Emergency' },
  regions: [
    {
      id: 'incident',
      view: 'incident',
      target: { kind: 'wall', rect: { x: 0, y: 0, w: 2 / 3, h: 1 } },
    },
    {
      id: 'video',
      view: 'video',
      params: { split: '4', follow: 'incident' },
      target: { kind: 'wall', rect: { x: 2 / 3, y: 0, w: 1 / 3, h: 1 } },
    },
    {
      id: 'map',
      view: 'map',
      params: { follow: 'incident' },
      target: { kind: 'operator', rect: { x: 0, y: 0, w: 1, h: 0.6 } },
    },
    {
      id: 'cases',
      view: 'cases',
      target: { kind: 'operator', rect: { x: 0, y: 0.6, w: 1, h: 0.4 } },
    },
  ],
};

export const BUILTIN_PROFILES: readonly Profile[] = [DUTY, BRIEFING, EMERGENCY];
