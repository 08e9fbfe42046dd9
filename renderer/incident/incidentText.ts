import type { IncidentEntry, IncidentRecord } from '../../shared/domain/incidentBook';
import type { IncidentLevel, IncidentType } from '../../shared/domain/incidentKinds';
import { planStep } from '../../shared/domain/responsePlans';
import type { ResourceKind } from '../../shared/geo/resources';
import type { Language } from '../../shared/ipc/contract';
import type { I18n } from '../i18n/I18nContext';
import type { StringKey } from '../i18n/strings';

const LEVEL_KEYS: Readonly<Record<IncidentLevel, StringKey>> = {
  1: 'incidentLevel1',
  2: 'incidentLevel2',
  3: 'incidentLevel3',
  4: 'incidentLevel4',
};

const TYPE_KEYS: Readonly<Record<IncidentType, StringKey>> = {
  fire: 'incidentTypeFire',
  'gas-leak': 'incidentTypeGasLeak',
  waterlogging: 'incidentTypeWaterlogging',
  'road-collapse': 'incidentTypeRoadCollapse',
  'building-collapse': 'incidentTypeBuildingCollapse',
  'hazardous-chemicals': 'incidentTypeHazardousChemicals',
  crowd: 'incidentTypeCrowd',
  other: 'incidentTypeOther',
};

const RESOURCE_KEYS: Readonly<Record<ResourceKind, StringKey>> = {
  team: 'resourceTeam',
  vehicle: 'resourceVehicle',
  warehouse: 'resourceWarehouse',
  shelter: 'resourceShelter',
  hospital: 'resourceHospital',
};

export const levelName = (t: I18n['t'], level: IncidentLevel) => t(LEVEL_KEYS[level]);
export const typeName = (t: I18n['t'], type: IncidentType) => t(TYPE_KEYS[type]);
export const resourceName = (t: I18n['t'], kind: ResourceKind) => t(RESOURCE_KEYS[kind]);

/** A floor as a person reads it: 12F, B1. */
export function floorLabel(floor: number): string {
  return floor < 0 ? `B${-floor}` : `${floor}F`;
}

/** 820 m, 2.4 km. */
export function distanceText(metres: number): string {
  return metres < 1000 ? `${Math.round(metres)} m` : `${(metres / 1000).toFixed(1)} km`;
}

/** One timeline line's words (the plan step's name in the wall's language, never its id). */
export function entryText(
  t: I18n['t'],
  language: Language,
  incident: IncidentRecord,
  entry: IncidentEntry,
): string {
  switch (entry.kind) {
    case 'declared':
      return `${t('incidentDeclared')} · ${entry.level ? levelName(t, entry.level) : ''}`;
    case 'escalated':
      return `${t('incidentEscalated')} → ${entry.level ? levelName(t, entry.level) : ''}${entry.note ? ` · ${entry.note}` : ''}`;
    case 'step': {
      const step = entry.stepId ? planStep(incident.type, entry.stepId) : undefined;
      const name = step ? (language === 'zh-CN' ? step.zh : step.en) : '';
      return `${name} ${t('incidentStepDone')}${entry.by ? ` · ${entry.by}` : ''}`;
    }
    case 'updated':
      return `${t('incidentUpdated')}${entry.level ? ` · ${levelName(t, entry.level)}` : ''}`;
    default:
      return `${t('incidentEnded')}${entry.note ? ` · ${entry.note}` : ''}`;
  }
}
