import { z } from 'zod';
import { findCategory } from '../../../shared/domain/categories';
import { MAIN_PATH } from '../../../shared/domain/lifecycle';
import { CASE_SOURCES } from '../../../shared/protocol/events';
import { cityInfoSchema } from '../../../shared/protocol/wire';
import { readCheckedJson, MappingError, type KeyPath } from './jsonWithLines';
import { zoneOffsetMinutes } from './localTime';
import {
  columnRef,
  fileSchema,
  numberField,
  photoField,
  regexProblem,
  textField,
  timeField,
  translatedField,
} from './mappingFields';

export { MappingError } from './jsonWithLines';
export type { ColumnRef, TextField, TranslatedField } from './mappingFields';

/**
 * A mapping file says how a platform's export (CSV, Excel, JSON) becomes our cases, so that an
 * integrator connects a platform with a file instead of code. Its JSON Schema ships beside the
 * shipped mappings (`assets/mappings/mapping.schema.json`, written from this one).
 */

export const mappingSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().min(1).max(200).describe('what this mapping reads, for people'),
    city: cityInfoSchema
      .optional()
      .describe('the city the walls show when the hub runs on this mapping alone'),
    file: fileSchema,
    timeZone: z
      .string()
      .max(60)
      .default('Asia/Shanghai')
      .describe('local time of the times without an offset: an IANA zone or ±HH:MM'),
    fields: z
      .object({
        id: textField.describe("the platform's case number"),
        reportedAt: timeField,
        closedAt: timeField
          .optional()
          .describe('when a closed case was closed (else its report time)'),
        category: translatedField.describe('→ our category id (shared/domain/categories.ts)'),
        state: translatedField.describe(
          '→ the lifecycle state the case reached: reported, registered, dispatched, handling, handled, verified, closed or voided; the steps before it are made in order',
        ),
        position: z
          .object({
            lon: numberField,
            lat: numberField,
            crs: z.enum(['wgs84', 'gcj02', 'bd09']).describe("the coordinates' datum"),
          })
          .strict(),
        urgent: z
          .object({
            value: z.boolean().optional(),
            column: columnRef.optional(),
            columns: z.array(columnRef).min(1).max(10).optional(),
            pattern: z.string().min(1).max(500).optional().describe('urgent when it matches'),
          })
          .strict()
          .optional(),
        source: translatedField
          .optional()
          .describe(`→ one of ${CASE_SOURCES.join(', ')} (default hotline)`),
        description: textField.optional(),
        address: textField.optional(),
        district: textField.optional(),
        street: textField.optional(),
        grid: textField.optional(),
        department: textField.optional().describe('who the case is sent to (派遣)'),
        photos: z
          .object({
            reported: photoField.optional().describe("上报照片: the report's photo URLs"),
            handled: photoField.optional().describe("处置照片: the handling's photo URLs"),
          })
          .strict()
          .optional(),
      })
      .strict(),
  })
  .strict();

export type Mapping = z.infer<typeof mappingSchema>;

/** States a mapped record may have reached: along the main path, or voided. */
const MAPPED_STATES: readonly string[] = [...MAIN_PATH, 'voided'];

/** A checked mapping, with where each of its keys is written (for errors found later, against a file). */
export interface LoadedMapping {
  readonly mapping: Mapping;
  readonly file: string;
  /** `line N, fields.category.column` for a key path. */
  readonly where: (path: KeyPath) => string;
}

/**
 * Reads and checks a mapping: JSON, the schema, and what the schema cannot say (each pattern
 * compiles, each category and state it names exists, each time zone is known). Every problem
 * names its line and key; several are reported at once.
 */
export function readMapping(text: string, file = 'mapping.json'): LoadedMapping {
  const { value: mapping, where: at } = readCheckedJson(text, file, mappingSchema);
  const problems = [...meaningProblems(mapping)].map(
    ({ path, message }) => `${at(path)}: ${message}`,
  );
  if (problems.length > 0) throw new MappingError(problems, file);
  return { mapping, file, where: at };
}

function* meaningProblems(m: Mapping): Generator<{ path: (string | number)[]; message: string }> {
  const f = m.fields;
  const known = (
    key: 'category' | 'state' | 'source',
    ok: (v: string) => boolean,
    what: string,
  ): { path: (string | number)[]; message: string }[] => {
    const field = f[key];
    if (!field) return [];
    const out: { path: (string | number)[]; message: string }[] = [];
    for (const [from, to] of Object.entries(field.table ?? {}))
      if (!ok(to))
        out.push({ path: ['fields', key, 'table', from], message: `"${to}" is no ${what}` });
    (field.patterns ?? []).forEach(([pattern, to], k) => {
      const bad = regexProblem(pattern);
      if (bad)
        out.push({
          path: ['fields', key, 'patterns', k, 0],
          message: `bad regular expression: ${bad}`,
        });
      if (!ok(to))
        out.push({ path: ['fields', key, 'patterns', k, 1], message: `"${to}" is no ${what}` });
    });
    if (field.default !== undefined && !ok(field.default))
      out.push({ path: ['fields', key, 'default'], message: `"${field.default}" is no ${what}` });
    if (field.value !== undefined && !field.table && !field.patterns && !ok(field.value))
      out.push({ path: ['fields', key, 'value'], message: `"${field.value}" is no ${what}` });
    if (field.value === undefined && !field.column && !field.columns)
      out.push({ path: ['fields', key], message: 'needs a "value", a "column" or "columns"' });
    return out;
  };
  yield* known('category', (v) => findCategory(v) !== undefined, 'category id of ours');
  yield* known('state', (v) => MAPPED_STATES.includes(v), `state (${MAPPED_STATES.join(', ')})`);
  yield* known(
    'source',
    (v) => (CASE_SOURCES as readonly string[]).includes(v),
    `source (${CASE_SOURCES.join(', ')})`,
  );
  for (const [path, pattern] of [
    [['fields', 'urgent', 'pattern'], f.urgent?.pattern],
    [['fields', 'photos', 'reported', 'split'], f.photos?.reported?.split],
    [['fields', 'photos', 'handled', 'split'], f.photos?.handled?.split],
  ] as const) {
    const bad = pattern === undefined ? undefined : regexProblem(pattern);
    if (bad) yield { path: [...path], message: `bad regular expression: ${bad}` };
  }
  if (zoneOffsetMinutes(m.timeZone, Date.now()) === undefined)
    yield {
      path: ['timeZone'],
      message: `unknown time zone "${m.timeZone}" (an IANA zone such as Asia/Shanghai, or +08:00)`,
    };
  for (const key of ['reportedAt', 'closedAt'] as const) {
    const zone = f[key]?.timeZone;
    if (zone !== undefined && zoneOffsetMinutes(zone, Date.now()) === undefined)
      yield { path: ['fields', key, 'timeZone'], message: `unknown time zone "${zone}"` };
  }
  for (const key of [
    'id',
    'description',
    'address',
    'district',
    'street',
    'grid',
    'department',
  ] as const) {
    const field = f[key];
    if (
      field &&
      field.value === undefined &&
      !field.column &&
      !field.columns &&
      field.default === undefined
    )
      yield {
        path: ['fields', key],
        message: 'needs a "value", a "column", "columns" or a "default"',
      };
  }
}
