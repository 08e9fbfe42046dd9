import { z } from 'zod';
import { zodProblem } from '../protocol/zodProblem';

/**
 * A wall profile is data: named regions, each a view with parameters and a target on the wall.
 * Targets are abstract where they can be ("the video wall", "the operator screen") so one
 * profile fits every hall, and concrete where a user pinned them to a display.
 */
export const VIEW_NAMES = [
  'map',
  'video',
  'cases',
  'kpi',
  'incident',
  'analysis',
  'report',
  'briefing',
] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

const fraction = z.number().min(0).max(1);
/** A rectangle in fractions of its surface (0..1 on both axes). */
const fracRectSchema = z
  .object({ x: fraction, y: fraction, w: fraction.positive(), h: fraction.positive() })
  .refine((r) => r.x + r.w <= 1.000001 && r.y + r.h <= 1.000001, 'rect leaves its surface');
export type FracRect = z.infer<typeof fracRectSchema>;

const regionTargetSchema = z.discriminatedUnion('kind', [
  /** Part of the video wall: the grid of like panels, as one canvas (bezels included). */
  z.object({ kind: z.literal('wall'), rect: fracRectSchema }),
  /** Part of the operator screen (the display that is not part of the wall). */
  z.object({ kind: z.literal('operator'), rect: fracRectSchema }),
  /** Part of one named display of this profile. */
  z.object({
    kind: z.literal('display'),
    display: z.string().min(1).max(64),
    rect: fracRectSchema,
  }),
]);
export type RegionTarget = z.infer<typeof regionTargetSchema>;

const regionSchema = z.object({
  id: z.string().min(1).max(64),
  view: z.enum(VIEW_NAMES),
  params: z.record(z.string().max(64), z.string().max(500)).optional(),
  target: regionTargetSchema,
  /** The wall PC that shows this region; absent means every node. */
  node: z.string().min(1).max(64).optional(),
  /** Set when this region is meant to lie over others (a picture-in-picture). */
  overlap: z.boolean().optional(),
});
export type Region = z.infer<typeof regionSchema>;

/** How a profile recognises a display across reboots: id first, then label, then size and position. */
const displayTargetSchema = z.object({
  key: z.string().min(1).max(64),
  id: z.string().max(64).optional(),
  label: z.string().max(128).optional(),
  width: z.number().int().positive().max(32_768).optional(),
  height: z.number().int().positive().max(32_768).optional(),
  x: z.number().int().min(-65_536).max(65_536).optional(),
  y: z.number().int().min(-65_536).max(65_536).optional(),
});
export type DisplayTarget = z.infer<typeof displayTargetSchema>;

const PROFILE_VERSION = 1;

export const profileSchema = z.object({
  version: z.literal(PROFILE_VERSION),
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.object({ zh: z.string().min(1).max(64), en: z.string().min(1).max(64) }),
  /** Bezel width in pixels between wall panels, so a map crossing them lines up. */
  bezel: z.object({ x: z.number().min(0).max(200), y: z.number().min(0).max(200) }).optional(),
  /**
   * The physical panels of a wall the OS sees as one display (NVIDIA Mosaic, AMD Eyefinity, a
   * wall controller), so region edges fall on the seams; detected when the display is an exact
   * multiple of a common panel size, declared here otherwise.
   */
  panels: z
    .object({ cols: z.number().int().min(1).max(16), rows: z.number().int().min(1).max(16) })
    .optional(),
  /** The most desktop pixels between two panels that still make one wall (default 64). */
  gapTolerance: z.number().int().min(0).max(400).optional(),
  displays: z.array(displayTargetSchema).max(64).optional(),
  regions: z.array(regionSchema).min(1).max(128),
});
export type Profile = z.infer<typeof profileSchema>;

export type ProfileCheck =
  { readonly ok: true; readonly profile: Profile } | { readonly ok: false; readonly error: string };

/** Validates untrusted profile data (a user's file, a message from another node). */
export function checkProfile(value: unknown): ProfileCheck {
  if (
    typeof value === 'object' &&
    value !== null &&
    'version' in value &&
    (value as { version: unknown }).version !== PROFILE_VERSION
  ) {
    return {
      ok: false,
      error: `unknown profile version ${String((value as { version: unknown }).version)}`,
    };
  }
  const parsed = profileSchema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      error: zodProblem(parsed.error),
    };
  }
  const ids = new Set<string>();
  for (const region of parsed.data.regions) {
    if (ids.has(region.id)) return { ok: false, error: `regions: duplicate id ${region.id}` };
    ids.add(region.id);
  }
  const surface = (r: Region) =>
    r.target.kind === 'display' ? `display:${r.target.display}` : r.target.kind;
  const regions = parsed.data.regions;
  for (let i = 0; i < regions.length; i += 1) {
    for (let j = i + 1; j < regions.length; j += 1) {
      const a = regions[i] as Region;
      const b = regions[j] as Region;
      if (a.overlap || b.overlap || surface(a) !== surface(b)) continue;
      if (intersects(a.target.rect, b.target.rect))
        return {
          ok: false,
          error: `regions ${a.id} and ${b.id} overlap (mark one "overlap" if that is meant)`,
        };
    }
  }
  const keys = new Set((parsed.data.displays ?? []).map((d) => d.key));
  for (const region of parsed.data.regions) {
    if (region.target.kind === 'display' && !keys.has(region.target.display)) {
      return { ok: false, error: `region ${region.id}: unknown display ${region.target.display}` };
    }
  }
  return { ok: true, profile: parsed.data };
}

function intersects(a: FracRect, b: FracRect): boolean {
  const eps = 1e-6;
  return (
    a.x + eps < b.x + b.w && b.x + eps < a.x + a.w && a.y + eps < b.y + b.h && b.y + eps < a.y + a.h
  );
}
