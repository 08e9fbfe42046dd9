import type { PickingInfo } from '@deck.gl/core';
import { findCategory } from '../../shared/domain/categories';
import type { CaseRecord } from '../../shared/domain/caseStore';
import { CLOCK_RUNNING_STATES, STATE_LABELS } from '../../shared/domain/lifecycle';
import type { WarningRecord } from '../../shared/domain/warningBook';
import type { Language } from '../../shared/ipc/contract';
import { formatMoment } from '../cases/format';
import { pickedBuilding } from './layers/cityLayers';
import { warningWords } from './warningText';

const WORDS = {
  'zh-CN': { building: '建筑', camera: '摄像头', running: '计时中', other: '其他', until: '至' },
  en: {
    building: 'Building',
    camera: 'Camera',
    running: 'clock running',
    other: 'Other',
    until: 'until',
  },
} as const;

/**
 * The map's hover text for a case, a building or a camera, in the wall's language: names, never
 * codes, and no symbols the wall's fonts may lack.
 */
export function tooltip(info: PickingInfo, language: Language): string | null {
  if (!info.picked || !info.layer) return null;
  const words = WORDS[language];
  const zh = language === 'zh-CN';
  if (info.layer.id === 'cases' || info.layer.id === 'cases-overdue') {
    const c = info.object as CaseRecord;
    const category = findCategory(c.category);
    const state = STATE_LABELS[c.state];
    const where = [c.street, c.address].filter(Boolean).join(' · ');
    return [
      (zh ? category?.zh : category?.en) ?? words.other,
      `${zh ? state.zh : state.en}${CLOCK_RUNNING_STATES.has(c.state) ? ` · ${words.running}` : ''}`,
      ...(where ? [where] : []),
      c.id,
    ].join('\n');
  }
  if (info.layer.id === 'warnings') {
    const { warning } = info.object as { warning: WarningRecord };
    const text = warningWords(warning, language);
    return [
      text.headline ?? text.event,
      ...warning.areas.slice(0, 1).map((a) => a.description),
      `${words.until} ${formatMoment(warning.expires, Date.now())}`,
    ].join('\n');
  }
  const building = pickedBuilding(info.layer.id, info.index);
  if (building !== undefined) return `${words.building} #${building}`;
  if (info.layer.id === 'cameras')
    return `${words.camera} · ${(info.object as { name: string }).name}`;
  return null;
}

/**
 * The hover text placed beside the pointer on the side where the window has room, so a tooltip
 * near a panel's edge (a seam of the region) opens inwards instead of being cut.
 */
export function placeTooltip(
  text: string,
  x: number,
  y: number,
  width: number,
  height: number,
): { text: string; style: { transform: string } } {
  const dx = x > width * 0.6 ? 'calc(-100% - 14px)' : '14px';
  const dy = y > height * 0.6 ? 'calc(-100% - 14px)' : '14px';
  return { text, style: { transform: `translate(${x}px, ${y}px) translate(${dx}, ${dy})` } };
}
