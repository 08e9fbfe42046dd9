import { z } from 'zod';
import { zodProblem } from '../protocol/zodProblem';

/**
 * A city pack: a folder with `citypack.json` and the files it names. Each file says its
 * coordinate system (converted to WGS-84 at import), so Gaode (GCJ-02), Baidu (BD-09) and GPS
 * (WGS-84) sources can sit in one pack. See README "City packs".
 */
const crs = z.enum(['wgs84', 'gcj02', 'bd09']);
const file = z
  .string()
  .min(1)
  .max(200)
  .refine(
    (f) => !f.includes('..') && !f.startsWith('/') && !/^[a-z]+:/i.test(f),
    'a file name inside the pack',
  );

const cityPackSchema = z.object({
  version: z.literal(1),
  id: z.string().min(1).max(64),
  name: z.object({ zh: z.string().min(1).max(64), en: z.string().min(1).max(64) }),
  /** Where the map opens: [lon, lat] in WGS-84, and a zoom. */
  view: z.object({
    center: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
    zoom: z.number().min(0).max(22),
  }),
  crs: crs.default('wgs84'),
  buildings: z
    .object({
      file,
      format: z.enum(['geojson', 'polygon-array', 'columns']),
      crs: crs.optional(),
      storeyHeight: z.number().positive().max(10).optional(),
    })
    .optional(),
  roads: z
    .object({ file, crs: crs.optional(), classProperty: z.string().max(64).optional() })
    .optional(),
  water: z.object({ file, crs: crs.optional() }).optional(),
  boundaries: z
    .array(
      z.object({
        file,
        level: z.enum(['city', 'district', 'street', 'community', 'grid']),
        crs: crs.optional(),
      }),
    )
    .max(10)
    .optional(),
  cameras: z
    .object({ file, crs: crs.optional(), streamProperty: z.string().max(64).optional() })
    .optional(),
  /** Emergency teams, vehicles, warehouses, shelters and hospitals (see `resources.ts`). */
  resources: z.object({ file, crs: crs.optional() }).optional(),
});
export type CityPackManifest = z.infer<typeof cityPackSchema>;

export function checkCityPack(
  value: unknown,
): { ok: true; manifest: CityPackManifest } | { ok: false; error: string } {
  const parsed = cityPackSchema.safeParse(value);
  return parsed.success
    ? { ok: true, manifest: parsed.data }
    : {
        ok: false,
        error: zodProblem(parsed.error),
      };
}
