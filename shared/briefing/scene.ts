import { z } from 'zod';
import { zodProblem } from '../protocol/zodProblem';
import { wellFormedText } from '../protocol/text';

/**
 * A scene (场景) of a briefing: what the wall shows, as data. Applied, each window takes its
 * part: the wall switches to the profile, maps take the camera, layers, heatmap period and area,
 * video regions pin the cameras, analysis regions show the period. What a scene leaves out, a
 * window keeps as it is.
 */
export const MAP_LAYERS = ['buildings', 'heat', 'cases', 'cameras', 'grids', 'warnings'] as const;
export type MapLayer = (typeof MAP_LAYERS)[number];

export const HEAT_PERIODS = ['hour', 'day', 'week', 'all'] as const;
export const SCENE_PERIODS = ['day', 'week', 'month'] as const;

const MAX_SCENES = 50;
const id = wellFormedText(64, 1);

export const cameraViewSchema = z.object({
  longitude: z.number().min(-180).max(180),
  latitude: z.number().min(-85.06).max(85.06),
  zoom: z.number().min(0).max(24),
  pitch: z.number().min(0).max(85),
  bearing: z.number().min(-360).max(360),
});

/**
 * An area the map frames and outlines: one of the pack's by code, or the street ranked worst
 * by 按期处置率 in the period, as the analysis page says it (this week's worst street, whatever
 * week the briefing is held in).
 */
const areaSchema = z.union([
  z.object({ code: wellFormedText(64, 1) }),
  z.object({ worst: z.enum(SCENE_PERIODS) }),
]);

export const sceneSchema = z.object({
  id,
  /** As the user typed it; a shipped scene has an English name too. */
  name: wellFormedText(60, 1),
  nameEn: wellFormedText(60, 1).optional(),
  /** How long a tour stays on it. */
  dwellSeconds: z.number().int().min(5).max(3600),
  profile: id,
  map: z
    .object({
      camera: cameraViewSchema.optional(),
      /** The layers shown; absent: all. */
      layers: z.array(z.enum(MAP_LAYERS)).max(MAP_LAYERS.length).optional(),
      heat: z.enum(HEAT_PERIODS).optional(),
      area: areaSchema.optional(),
      /** Fit the map to the cases that are overdue now. */
      overdue: z.boolean().optional(),
    })
    .optional(),
  selection: z.object({ type: z.enum(['case', 'camera']), id: wellFormedText(64, 1) }).optional(),
  /** Cameras the video regions hold on screen. */
  pins: z.array(wellFormedText(96, 1)).max(16).optional(),
  analysis: z.object({ period: z.enum(SCENE_PERIODS) }).optional(),
});
export type Scene = z.infer<typeof sceneSchema>;
export type SceneArea = NonNullable<NonNullable<Scene['map']>['area']>;

/** The scenes file: the tour is the scenes in this order. */
export const sceneBookSchema = z
  .object({ version: z.literal(1), scenes: z.array(sceneSchema).max(MAX_SCENES) })
  .refine((b) => new Set(b.scenes.map((s) => s.id)).size === b.scenes.length, {
    message: 'two scenes have the same id',
  });
export type SceneBook = z.infer<typeof sceneBookSchema>;

export function checkSceneBook(
  raw: unknown,
): { ok: true; book: SceneBook } | { ok: false; error: string } {
  const parsed = sceneBookSchema.safeParse(raw);
  return parsed.success
    ? { ok: true, book: parsed.data }
    : {
        ok: false,
        error: zodProblem(parsed.error),
      };
}

/** The scene's name in the wall's language. */
export function sceneName(scene: Scene, language: string): string {
  return language === 'en' && scene.nameEn ? scene.nameEn : scene.name;
}
