import { MAIN_PATH, type CaseState } from '../../../shared/domain/lifecycle';
import { toWgs84 } from '../../../shared/geo/coords';
import {
  isPhotoUrl,
  MAX_CASE_PHOTOS,
  type CaseSource,
  type WallEvent,
} from '../../../shared/protocol/events';
import { parseTime } from './localTime';
import { bindColumns } from './boundColumns';
import { type LoadedMapping, type TextField, type TranslatedField } from './mapping';
import { columnsRead, type PhotoField } from './mappingFields';

/** A record as a case: its events in time order, or why it could not be one. */
export type MappedRecord =
  | {
      readonly ok: true;
      readonly caseId: string;
      readonly category: string;
      readonly state: CaseState;
      readonly events: readonly WallEvent[];
    }
  | { readonly ok: false; readonly reason: string };

type Values = Readonly<Record<string, string>>;

/** Lifecycle steps up to each main-path state, and whether each comes at the report or the close. */
const STEPS: readonly [CaseState, WallEvent['type'], 'report' | 'close'][] = [
  ['registered', 'case.registered', 'report'],
  ['dispatched', 'case.dispatched', 'report'],
  ['handling', 'case.accepted', 'report'],
  ['handled', 'case.handled', 'close'],
  ['verified', 'case.verified', 'close'],
  ['closed', 'case.closed', 'close'],
];

/**
 * Binds a mapping to a file's columns: every column the mapping names must be there (one of its
 * spellings), or the mapping is refused naming the key and the column. Then each record maps on
 * its own: a case reported, and the steps up to the state it reached made in order, as the
 * platform's own record says it got there.
 */
export function bindMapping(
  loaded: LoadedMapping,
  columns: readonly string[],
): (values: Values) => MappedRecord {
  const { mapping } = loaded;
  const { column, text } = bindColumns(
    columnsRead(mapping.fields),
    columns,
    loaded,
    mapping.file.encoding ?? 'utf-8',
  );
  const translator = (field: TranslatedField | undefined) => {
    const table = new Map(
      Object.entries(field?.table ?? {}).map(([k, v]) => [k.trim().toLowerCase(), v]),
    );
    const patterns = (field?.patterns ?? []).map(([p, to]) => [new RegExp(p, 'i'), to] as const);
    return (values: Values): { raw: string; value: string | undefined } => {
      const raw = text(field, values);
      let value: string | undefined = raw || undefined;
      if (field?.table) value = table.get(raw.toLowerCase());
      if (field?.patterns && (!field.table || value === undefined))
        value = patterns.find(([p]) => p.test(raw))?.[1];
      return { raw, value: value ?? field?.default };
    };
  };
  const f = mapping.fields;
  const category = translator(f.category);
  const state = translator(f.state);
  const source = translator(f.source);
  const urgentPattern = f.urgent?.pattern ? new RegExp(f.urgent.pattern, 'i') : undefined;
  const bounds = mapping.city?.bounds;
  const zone = (field: { timeZone?: string | undefined }) => field.timeZone ?? mapping.timeZone;
  // Made once here, not for every record.
  const photoReader = (field: PhotoField | undefined) => {
    if (!field) return () => undefined;
    const split = new RegExp(field.split ?? '[\\s,;|，；]+');
    const source = { ...field, join: ' ' };
    return (values: Values): string[] | undefined => {
      const urls = text(source, values).split(split).filter(isPhotoUrl).slice(0, MAX_CASE_PHOTOS);
      return urls.length > 0 ? urls : undefined;
    };
  };
  const reportPhotosOf = photoReader(f.photos?.reported);
  const handledPhotosOf = photoReader(f.photos?.handled);
  const bounded = (field: TextField | undefined, max: number, values: Values) => {
    const value = text(field, values) || field?.default || '';
    return value ? value.slice(0, max) : undefined;
  };

  return (values) => {
    const caseId = (text(f.id, values) || f.id.default || '').slice(0, 64);
    if (!caseId) return { ok: false, reason: 'no case number (id)' };
    const reportedRaw = column(values, f.reportedAt.column);
    const reported = parseTime(reportedRaw, f.reportedAt.formats, zone(f.reportedAt));
    if (reported === undefined)
      return {
        ok: false,
        reason: reportedRaw
          ? `report time "${reportedRaw.slice(0, 40)}" fits none of ${f.reportedAt.formats.join(', ')}`
          : 'no report time',
      };
    const closedAt = f.closedAt
      ? parseTime(column(values, f.closedAt.column), f.closedAt.formats, zone(f.closedAt))
      : undefined;
    const lonText = column(values, f.position.lon.column);
    const latText = column(values, f.position.lat.column);
    const lon = Number.parseFloat(lonText);
    const lat = Number.parseFloat(latText);
    if (!lonText || !latText || !Number.isFinite(lon) || !Number.isFinite(lat))
      return { ok: false, reason: 'no position' };
    const [x, y] = toWgs84(f.position.crs, lon, lat);
    if (bounds && (x < bounds.west || x > bounds.east || y < bounds.south || y > bounds.north))
      return { ok: false, reason: "position outside the city's bounds" };
    const cat = category(values);
    if (!cat.value)
      return { ok: false, reason: `category "${cat.raw.slice(0, 60)}" is not in the mapping` };
    const st = state(values);
    if (!st.value)
      return { ok: false, reason: `status "${st.raw.slice(0, 60)}" is not in the mapping` };
    const src = source(values);
    const urgent =
      f.urgent?.value ??
      (urgentPattern && f.urgent
        ? urgentPattern.test(text({ ...f.urgent, value: undefined }, values))
        : false);
    const target = st.value as CaseState;
    const done = Math.max(reported, closedAt ?? reported);
    const reportPhotos = reportPhotosOf(values);
    const handledPhotos = handledPhotosOf(values);
    const events: WallEvent[] = [
      {
        type: 'case.reported',
        payload: {
          caseId,
          at: reported,
          category: cat.value,
          urgent,
          position: { lon: x, lat: y },
          source: (src.value ?? 'hotline') as CaseSource,
          ...optional('description', bounded(f.description, 1000, values)),
          ...optional('address', bounded(f.address, 200, values)),
          ...optional('district', bounded(f.district, 64, values)),
          ...optional('street', bounded(f.street, 64, values)),
          ...optional('grid', bounded(f.grid, 64, values)),
          ...(reportPhotos ? { photos: reportPhotos } : {}),
        },
      },
    ];
    if (target === 'voided') events.push({ type: 'case.voided', payload: { caseId, at: done } });
    const reach = MAIN_PATH.indexOf(target);
    for (const [, type, when] of STEPS.slice(0, Math.max(0, reach))) {
      const at = when === 'report' ? reported : done;
      events.push(
        type === 'case.dispatched'
          ? {
              type,
              payload: { caseId, at, department: bounded(f.department, 100, values) ?? '' },
            }
          : type === 'case.handled' && handledPhotos
            ? { type, payload: { caseId, at, photos: handledPhotos } }
            : ({ type, payload: { caseId, at } } as WallEvent),
      );
    }
    return { ok: true, caseId, category: cat.value, state: target, events };
  };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
