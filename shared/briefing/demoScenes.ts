import type { Scene } from './scene';

/**
 * The three scenes every wall starts with, until the user saves their own: a briefing opens on
 * the whole city and the week, goes to the street that did worst this week (按期处置率, found
 * from the history when shown, so it is right in any week), and ends on the cases overdue now.
 */
export const DEMO_SCENES: readonly Scene[] = [
  {
    id: 'demo-overview',
    name: '城市总览',
    nameEn: 'City overview',
    dwellSeconds: 30,
    profile: 'briefing',
    map: { heat: 'week' },
    analysis: { period: 'week' },
  },
  {
    id: 'demo-worst-street',
    name: '本周末位街道',
    nameEn: 'Worst street this week',
    dwellSeconds: 30,
    profile: 'briefing',
    map: { heat: 'week', area: { worst: 'week' } },
    analysis: { period: 'week' },
  },
  {
    id: 'demo-overdue',
    name: '超期案件',
    nameEn: 'Overdue cases',
    dwellSeconds: 30,
    profile: 'duty',
    map: { heat: 'day', overdue: true, layers: ['buildings', 'cases', 'cameras', 'warnings'] },
  },
];
