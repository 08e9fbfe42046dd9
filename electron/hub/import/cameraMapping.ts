import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { toWgs84 } from '../../../shared/geo/coords';
import { checkCatalogue, type CatalogueCamera } from '../../../shared/video/catalogue';
import { bindColumns } from './boundColumns';
import { MappingError, readCheckedJson, type KeyPath } from './jsonWithLines';
import {
  columnRef,
  columnsRead,
  fileSchema,
  numberField,
  regexProblem,
  textField,
  textSource,
  type ColumnRef,
} from './mappingFields';
import { readRecords } from './readRecords';

/**
 * A camera mapping says how a platform's camera list (GeoJSON, CSV, xlsx, JSON) becomes the
 * catalogue the walls' video wall reads (`/api/cameras`): id, name, position and its datum, the
 * stream URL (a column, or a template filled from columns), district, street, grid, tags,
 * heading and field of view.
 */
export const cameraMappingSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().min(1).max(200),
    file: fileSchema,
    fields: z
      .object({
        id: textField,
        name: textField,
        position: z
          .object({
            lon: numberField,
            lat: numberField,
            crs: z.enum(['wgs84', 'gcj02', 'bd09']),
          })
          .strict(),
        stream: z
          .object({
            column: columnRef.optional(),
            template: z
              .string()
              .min(1)
              .max(2048)
              .optional()
              .describe(
                'an http(s) URL with {column} placeholders, e.g. http://10.1.2.3:8080/hls/{通道编号}.m3u8',
              ),
          })
          .strict(),
        district: textField.optional(),
        street: textField.optional(),
        grid: textField.optional(),
        tags: z
          .object({
            ...textSource,
            split: z
              .string()
              .max(20)
              .optional()
              .describe('a regular expression between tags (default , ; ， ； 、 |)'),
          })
          .strict()
          .optional(),
        heading: numberField.optional(),
        fov: numberField.optional(),
      })
      .strict(),
  })
  .strict();

export type CameraMapping = z.infer<typeof cameraMappingSchema>;

export interface LoadedCameraMapping {
  readonly mapping: CameraMapping;
  readonly file: string;
  readonly where: (path: KeyPath) => string;
}

const PLACEHOLDER = /\{([^{}]+)\}/g;

export function readCameraMapping(text: string, file = 'cameras.json'): LoadedCameraMapping {
  const { value, where } = readCheckedJson(text, file, cameraMappingSchema);
  const bad = value.fields.tags?.split ? regexProblem(value.fields.tags.split) : undefined;
  if (bad)
    throw new MappingError(
      [`${where(['fields', 'tags', 'split'])}: bad regular expression: ${bad}`],
      file,
    );
  return { mapping: value, file, where };
}

export async function loadCameraMapping(path: string): Promise<LoadedCameraMapping> {
  return readCameraMapping(await readFile(path, 'utf8'), path);
}

/** The camera list as the video wall takes it, and the records that could not be a camera. */
export interface CameraCatalogueReading {
  readonly records: number;
  readonly cameras: CatalogueCamera[];
  readonly refused: { readonly line: number; readonly reason: string }[];
}

/**
 * Reads a camera list (a file, or an http(s) URL fetched first) through a camera mapping. A
 * record that is not a camera (no position, a stream that is no URL, an id seen before) is
 * refused with its line and why; the rest are the catalogue.
 */
export async function readCameraCatalogue(
  loaded: LoadedCameraMapping,
  from: string,
): Promise<CameraCatalogueReading> {
  if (/^https?:\/\//.test(from)) {
    const res = await fetch(from, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`${from} answered ${res.status}`);
    const dir = await mkdtemp(join(tmpdir(), 'citywall-cameras-'));
    try {
      const file = join(dir, 'cameras');
      await writeFile(file, Buffer.from(await res.arrayBuffer()));
      return await readCameraFile(loaded, file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return readCameraFile(loaded, from);
}

async function readCameraFile(
  loaded: LoadedCameraMapping,
  path: string,
): Promise<CameraCatalogueReading> {
  const { mapping } = loaded;
  const f = mapping.fields;
  const source = readRecords(path, mapping.file);
  const placeholders = [...(f.stream.template ?? '').matchAll(PLACEHOLDER)].map(
    (m) => m[1] as string,
  );
  // Stream and its template's placeholders are read here; the rest as any mapping's fields.
  const { stream: _stream, ...rest } = f;
  const reads: { path: KeyPath; ref: ColumnRef }[] = [
    ...columnsRead(rest),
    ...(f.stream.column ? [{ path: ['fields', 'stream', 'column'], ref: f.stream.column }] : []),
    ...placeholders.map((ref) => ({ path: ['fields', 'stream', 'template'], ref })),
  ];
  const split = new RegExp(f.tags?.split ?? '[,;，；、|]');
  const raw: { line: number; camera: unknown }[] = [];
  const refused: { line: number; reason: string }[] = [];
  let bound: ReturnType<typeof bindColumns> | undefined;
  let records = 0;
  for await (const { line, values } of source.records) {
    bound ??= bindColumns(reads, source.columns() ?? [], loaded, mapping.file.encoding ?? 'utf-8');
    records += 1;
    const { column, text } = bound;
    const lon = Number.parseFloat(column(values, f.position.lon.column));
    const lat = Number.parseFloat(column(values, f.position.lat.column));
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
      refused.push({ line, reason: 'no position' });
      continue;
    }
    const [x, y] = toWgs84(f.position.crs, lon, lat);
    const stream = f.stream.template
      ? f.stream.template.replace(PLACEHOLDER, (_, name: string) =>
          encodeURIComponent(column(values, name)),
        )
      : f.stream.column
        ? column(values, f.stream.column)
        : '';
    const number = (field: { column: ColumnRef } | undefined) => {
      const n = field ? Number.parseFloat(column(values, field.column)) : Number.NaN;
      return Number.isFinite(n) ? n : undefined;
    };
    const tags = f.tags
      ? text(f.tags, values)
          .split(split)
          .map((t) => t.trim())
          .filter(Boolean)
      : [];
    const optional = (key: string, value: string | number | undefined) =>
      value === undefined || value === '' ? {} : { [key]: value };
    raw.push({
      line,
      camera: {
        id: text(f.id, values) || f.id.default,
        name: text(f.name, values) || f.name.default || text(f.id, values),
        position: [Math.round(x * 1e7) / 1e7, Math.round(y * 1e7) / 1e7],
        stream,
        ...optional('district', text(f.district, values) || f.district?.default),
        ...optional('street', text(f.street, values) || f.street?.default),
        ...optional('grid', text(f.grid, values) || f.grid?.default),
        ...(tags.length > 0 ? { tags: tags.slice(0, 16) } : {}),
        ...optional('heading', number(f.heading)),
        ...optional('fov', number(f.fov)),
      },
    });
  }
  const checked = checkCatalogue({ cameras: raw.map((r) => r.camera) });
  for (const problem of checked.problems)
    refused.push({ line: raw[problem.index]?.line ?? 0, reason: problem.reason });
  refused.sort((a, b) => a.line - b.line);
  return { records, cameras: checked.cameras, refused };
}
