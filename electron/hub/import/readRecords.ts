import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Mapping } from './mapping';

/** One record of an export: where it is (line, or row of a sheet, or index) and its values by column. */
export interface SourceRecord {
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

/** The records of a file and, once the first is read, its columns. */
export interface RecordSource {
  /** The header (CSV, xlsx), the records' keys (JSON, GeoJSON) or the first line's (NDJSON): known after the first record. */
  readonly columns: () => readonly string[] | undefined;
  readonly records: AsyncIterable<SourceRecord>;
}

/** Opens an export as its mapping's `file` says: CSV, xlsx, JSON or NDJSON, in its encoding. */
export function readRecords(path: string, file: Mapping['file']): RecordSource {
  switch (file.format) {
    case 'csv':
      return csvRecords(path, file.encoding ?? 'utf-8', file.delimiter ?? ',');
    case 'xlsx':
      return xlsxRecords(path, file.sheet, file.headerRow ?? 1);
    // An Open311 endpoint answers what a JSON file holds: an array of service requests.
    case 'json':
    case 'open311':
      return jsonRecords(path, file.encoding ?? 'utf-8', file.records);
    case 'ndjson':
      return ndjsonRecords(path, file.encoding ?? 'utf-8');
    case 'geojson':
      return geojsonRecords(path, file.encoding ?? 'utf-8');
  }
}

/** Text decoded from the file's encoding, its byte order mark dropped. */
function decoded(path: string, encoding: string) {
  return createReadStream(path).pipe(iconv.decodeStream(encoding, { stripBOM: true }));
}

function csvRecords(path: string, encoding: string, delimiter: string): RecordSource {
  let header: string[] | undefined;
  async function* records(): AsyncGenerator<SourceRecord> {
    const parser = decoded(path, encoding).pipe(
      parse({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, info: true }),
    );
    let lineAfter = 0;
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      const line = lineAfter + 1;
      lineAfter = info.lines;
      if (!header) {
        header = record.map((h) => h.trim());
        continue;
      }
      if (record.length === 1 && record[0] === '') continue;
      const values: Record<string, string> = {};
      header.forEach((name, k) => {
        values[name] = record[k] ?? '';
      });
      yield { line, values };
    }
  }
  return { columns: () => header, records: records() };
}

/** A cell as text: dates as the wall-clock time the sheet shows (read in the mapping's zone). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 23).replace('T', ' ');
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

function xlsxRecords(path: string, sheet: string | undefined, headerRow: number): RecordSource {
  let header: string[] | undefined;
  async function* records(): AsyncGenerator<SourceRecord> {
    // The whole workbook, not exceljs's streaming reader: that one splits multi-byte characters
    // at its chunk edges and turns 1 Chinese cell in about 2,000 into "��" (exceljs issues #2063,
    // #2084, open in 4.4). This costs memory (about 0.9 GB for 100,000 rows): say so in the README.
    // Loaded when a workbook is read: the embedded hub of every wall never needs it.
    const { default: excel } = await import('exceljs');
    const workbook = new excel.Workbook();
    await workbook.xlsx.readFile(path);
    const worksheet = sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheet);
    if (!worksheet)
      throw new Error(sheet ? `the workbook has no sheet "${sheet}"` : 'the workbook has no sheet');
    for (let n = headerRow; n <= worksheet.rowCount; n += 1) {
      const row = worksheet.getRow(n);
      const cells = (Array.isArray(row.values) ? row.values : []).slice(1).map(cellText);
      if (n === headerRow) {
        header = cells.map((h) => h.trim());
        continue;
      }
      if (cells.every((c) => c === '')) continue;
      const values: Record<string, string> = {};
      header?.forEach((h, k) => {
        values[h] = cells[k] ?? '';
      });
      yield { line: n, values };
    }
  }
  return { columns: () => header, records: records() };
}

/** A JSON value's fields as text (nested objects as JSON). */
export function objectValues(item: unknown): Record<string, string> | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(item))
    values[key] =
      value === null || value === undefined
        ? ''
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  return values;
}

function jsonRecords(
  path: string,
  encoding: string,
  recordsPath: string | undefined,
): RecordSource {
  let header: string[] | undefined;
  async function* records(): AsyncGenerator<SourceRecord> {
    let data: unknown = JSON.parse(
      iconv.decode(await readFile(path), encoding, { stripBOM: true }),
    );
    for (const key of recordsPath ? recordsPath.split('.') : [])
      data = (data as Record<string, unknown> | undefined)?.[key];
    if (!Array.isArray(data))
      throw new Error(
        recordsPath
          ? `"${recordsPath}" in the file is not an array of records`
          : 'the file is not an array of records',
      );
    // Every record's keys: a field only some records have is still a column.
    const all = data.map((item: unknown) => objectValues(item) ?? {});
    header = [...new Set(all.flatMap((v) => Object.keys(v)))];
    for (const [k, values] of all.entries()) yield { line: k + 1, values };
  }
  return { columns: () => header, records: records() };
}

/** Point features as records: their properties, and `lon` and `lat` from the geometry. */
function geojsonRecords(path: string, encoding: string): RecordSource {
  let header: string[] | undefined;
  async function* records(): AsyncGenerator<SourceRecord> {
    const data = JSON.parse(iconv.decode(await readFile(path), encoding, { stripBOM: true })) as {
      features?: unknown;
    };
    if (!Array.isArray(data.features))
      throw new Error('the file is not a GeoJSON FeatureCollection');
    // Every feature's keys: a property only some features have is still a column.
    const all = data.features.map((feature: unknown) => {
      const f = (feature ?? {}) as {
        properties?: unknown;
        geometry?: { type?: unknown; coordinates?: unknown };
      };
      const c = f.geometry?.type === 'Point' ? f.geometry.coordinates : undefined;
      return {
        ...(objectValues(f.properties) ?? {}),
        lon: Array.isArray(c) ? String(c[0] ?? '') : '',
        lat: Array.isArray(c) ? String(c[1] ?? '') : '',
      };
    });
    header = [...new Set(all.flatMap((v: Record<string, string>) => Object.keys(v)))];
    for (const [k, values] of all.entries()) yield { line: k + 1, values };
  }
  return { columns: () => header, records: records() };
}

function ndjsonRecords(path: string, encoding: string): RecordSource {
  let header: string[] | undefined;
  async function* records(): AsyncGenerator<SourceRecord> {
    const lines = createInterface({ input: decoded(path, encoding), crlfDelay: Infinity });
    let line = 0;
    for await (const text of lines) {
      line += 1;
      if (!text.trim()) continue;
      let values: Record<string, string> | undefined;
      try {
        values = objectValues(JSON.parse(text));
      } catch {
        values = undefined;
      }
      // A line that is not a JSON object is a record with nothing in it: refused by the mapper.
      header ??= values ? Object.keys(values) : undefined;
      yield { line, values: values ?? {} };
    }
  }
  return { columns: () => header, records: records() };
}
