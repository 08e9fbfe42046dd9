import { z } from 'zod';

/**
 * The parts mapping files are made of (a case mapping, a camera mapping): where a value comes
 * from in a record, how it is translated, how a time is read, and what file the records are in.
 */

/** A column by its header, or several spellings of it (the first the file has is read). */
export const columnRef = z
  .union([z.string().min(1).max(200), z.array(z.string().min(1).max(200)).min(1).max(10)])
  .describe('a column header, or several spellings of it: the first the file has is read');

/** Where a text comes from: a constant, a column, or several columns joined. */
export const textSource = {
  value: z.string().max(1000).optional().describe('the same text for every record'),
  column: columnRef.optional(),
  columns: z
    .array(columnRef)
    .min(1)
    .max(10)
    .optional()
    .describe('several columns, their non-empty values joined by "join"'),
  join: z.string().max(10).optional().describe('between joined columns (default " / ")'),
};

export const textField = z
  .object({
    ...textSource,
    default: z.string().max(1000).optional().describe('when the record has none'),
  })
  .strict();

/** A column's value translated through a table (exact, case-insensitive) or ordered patterns. */
export const translatedField = z
  .object({
    ...textSource,
    table: z
      .record(z.string(), z.string())
      .optional()
      .describe('value → ours, matched trimmed and case-insensitively'),
    patterns: z
      .array(z.tuple([z.string().min(1).max(500), z.string()]))
      .max(200)
      .optional()
      .describe(
        '[regular expression, ours] in order: the first that matches wins (case-insensitive)',
      ),
    default: z
      .string()
      .optional()
      .describe('when nothing matches (without one, the record is refused)'),
  })
  .strict();

export const timeField = z
  .object({
    column: columnRef,
    formats: z
      .array(z.string().min(1).max(60))
      .min(1)
      .max(10)
      .describe(
        'tried in order: "iso", "epoch-ms", "epoch-s", or a pattern of yyyy yy M MM d dd H HH h hh m mm s ss SSS a (AM/PM, 上午/下午)',
      ),
    timeZone: z
      .string()
      .max(60)
      .optional()
      .describe("when the text has no offset: an IANA zone or ±HH:MM (default: the mapping's)"),
  })
  .strict();

export const numberField = z.object({ column: columnRef }).strict();

/** Photo URLs: a column (or several) holding one or more URLs, split apart. */
export const photoField = z
  .object({
    column: columnRef.optional(),
    columns: z.array(columnRef).min(1).max(10).optional(),
    split: z
      .string()
      .max(20)
      .optional()
      .describe(
        'a regular expression between URLs in one cell (default: spaces, commas, semicolons, |)',
      ),
  })
  .strict();

export const fileSchema = z
  .object({
    format: z
      .enum(['csv', 'xlsx', 'json', 'ndjson', 'geojson', 'open311'])
      .describe(
        'geojson: one record per point feature, its properties and "lon", "lat"; open311: records polled from a GeoReport v2 endpoint (--source open311)',
      ),
    encoding: z
      .enum(['utf-8', 'gbk', 'gb18030'])
      .optional()
      .describe('CSV, JSON: the text encoding (default utf-8; a BOM is skipped)'),
    delimiter: z.string().min(1).max(4).optional().describe('CSV: between fields (default ,)'),
    sheet: z.string().max(100).optional().describe('xlsx: the sheet (default the first)'),
    headerRow: z
      .number()
      .int()
      .min(1)
      .max(100)
      .optional()
      .describe('xlsx: the header row (default 1)'),
    records: z
      .string()
      .max(200)
      .optional()
      .describe('JSON: the dotted path to the array of records (default: the file is the array)'),
  })
  .strict();

export type ColumnRef = z.infer<typeof columnRef>;
export type TextField = z.infer<typeof textField>;
export type TranslatedField = z.infer<typeof translatedField>;
export type PhotoField = z.infer<typeof photoField>;

/**
 * Every column a mapping's `fields` read, with the key path that reads it (to name an unknown
 * one): each field's `column` and `columns`, and a position's `lon` and `lat`.
 */
export function columnsRead(
  fields: Readonly<Record<string, unknown>>,
): { path: (string | number)[]; ref: ColumnRef }[] {
  const out: { path: (string | number)[]; ref: ColumnRef }[] = [];
  for (const [key, field] of Object.entries(fields)) {
    if (!field || typeof field !== 'object') continue;
    if (key === 'photos') {
      for (const [which, photo] of Object.entries(field as Record<string, unknown>)) {
        const p = photo as { column?: ColumnRef; columns?: ColumnRef[] };
        if (p.column) out.push({ path: ['fields', 'photos', which, 'column'], ref: p.column });
        (p.columns ?? []).forEach((ref, k) =>
          out.push({ path: ['fields', 'photos', which, 'columns', k], ref }),
        );
      }
      continue;
    }
    if (key === 'position') {
      const p = field as { lon: { column: ColumnRef }; lat: { column: ColumnRef } };
      out.push(
        { path: ['fields', 'position', 'lon', 'column'], ref: p.lon.column },
        { path: ['fields', 'position', 'lat', 'column'], ref: p.lat.column },
      );
      continue;
    }
    const f = field as { column?: ColumnRef; columns?: ColumnRef[] };
    if (f.column) out.push({ path: ['fields', key, 'column'], ref: f.column });
    (f.columns ?? []).forEach((ref, k) => out.push({ path: ['fields', key, 'columns', k], ref }));
  }
  return out;
}

/** Why a pattern is no regular expression, or undefined when it is one. */
export function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'i');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
