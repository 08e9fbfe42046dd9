import type { PickingInfo } from '@deck.gl/core';
import type { CaseRecord } from '../../shared/domain/caseStore';
import { CLOCK_RUNNING_STATES } from '../../shared/domain/lifecycle';
import { pickedBuilding } from './layers/cityLayers';

/** The map's hover text for a case, a building or a camera. */
export function tooltip(info: PickingInfo): string | null {
  if (!info.picked || !info.layer) return null;
  if (info.layer.id === 'cases' || info.layer.id === 'cases-overdue') {
    const c = info.object as CaseRecord;
    return `${c.id}\n${c.category}\n${c.state}${CLOCK_RUNNING_STATES.has(c.state) ? ' ⏱' : ''}`;
  }
  const building = pickedBuilding(info.layer.id, info.index);
  if (building !== undefined) return `建筑 building #${building}`;
  if (info.layer.id === 'cameras') return `📷 ${(info.object as { name: string }).name}`;
  return null;
}
