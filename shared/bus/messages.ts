import { z } from 'zod';
import {
  cameraViewSchema,
  HEAT_PERIODS,
  MAP_LAYERS,
  SCENE_PERIODS,
  sceneSchema,
} from '../briefing/scene';
import { markSchema } from '../briefing/annotations';
import { positionSchema } from '../protocol/events';
import { wellFormedText } from '../protocol/text';

/**
 * Wall bus messages: what one window tells all the others (a selected case, where to look, the
 * profile or scene to show). Validated on receipt like any outside input.
 */
const origin = wellFormedText(128, 1);
/** A point of a three.js scene in metres: far bigger than any cordon, never a NaN. */
const point3 = z.tuple([
  z.number().finite().min(-1e6).max(1e6),
  z.number().finite().min(-1e6).max(1e6),
  z.number().finite().min(-1e6).max(1e6),
]);

export const busMessageSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('selection'),
    origin,
    selection: z.union([
      z.null(),
      z.object({
        type: z.enum(['case', 'camera', 'building', 'alarm']),
        id: wellFormedText(64, 1),
      }),
    ]),
  }),
  z.object({
    kind: z.literal('focus'),
    origin,
    position: positionSchema,
    zoom: z.number().min(0).max(24).optional(),
  }),
  /**
   * Where a map region looks, from the window a person moved it in: the region's other windows
   * (other panels, other PCs) take the same camera, so the region stays one picture.
   */
  z.object({
    kind: z.literal('camera'),
    origin,
    region: wellFormedText(64, 1),
    view: z.object({
      longitude: z.number().min(-180).max(180),
      latitude: z.number().min(-85.06).max(85.06),
      zoom: z.number().min(0).max(24),
      pitch: z.number().min(0).max(85),
      bearing: z.number().min(-360).max(360),
    }),
  }),
  z.object({ kind: z.literal('profile'), origin, profileId: wellFormedText(64, 1) }),
  /** The incident the emergency views focus on, picked by the coordinator on any window. */
  z.object({ kind: z.literal('incident'), origin, incidentId: wellFormedText(64, 1) }),
  /**
   * The wall following an incident: `follow` once it switched (with the profile to go back to),
   * `cancel` when someone waved the countdown off, `return` when someone sent the wall back.
   */
  z.object({
    kind: z.literal('incident.follow'),
    origin,
    action: z.enum(['follow', 'cancel', 'return']),
    incidentId: wellFormedText(64, 1),
    returnTo: wellFormedText(64, 1).optional(),
  }),
  /**
   * Where the incident building view of a region looks and how far its floors are pulled apart,
   * from the window a person turned it in: the region's other parts follow, one picture.
   */
  z.object({
    kind: z.literal('building.view'),
    origin,
    region: wellFormedText(64, 1),
    camera: z.object({ position: point3, target: point3 }).optional(),
    explode: z.number().min(0).max(1).optional(),
  }),
  /**
   * The briefing's tour as every window holds it (null: no tour): each works out the scene on
   * screen from it and the wall clock, so a command is one message, not one per window or step.
   */
  z.object({
    kind: z.literal('tour'),
    origin,
    tour: z.union([
      z.null(),
      z.object({
        scenes: z.array(sceneSchema).min(1).max(50),
        index: z.number().int().min(0).max(49),
        since: z.number().finite().min(0),
        playing: z.boolean(),
      }),
    ]),
  }),
  /** The operator saves the wall as a scene: every window answers with what it shows. */
  z.object({ kind: z.literal('scene.capture'), origin, requestId: wellFormedText(64, 1) }),
  z.object({
    kind: z.literal('scene.part'),
    origin,
    requestId: wellFormedText(64, 1),
    profile: wellFormedText(64, 1).optional(),
    map: z
      .object({
        region: wellFormedText(64, 1),
        camera: cameraViewSchema,
        layers: z.array(z.enum(MAP_LAYERS)).max(MAP_LAYERS.length),
        heat: z.enum(HEAT_PERIODS),
      })
      .optional(),
    pins: z.array(wellFormedText(96, 1)).max(16).optional(),
    analysis: z.object({ period: z.enum(SCENE_PERIODS) }).optional(),
  }),
  /** A presenter's mark on the map, or all marks cleared (a key, or on scene change). */
  z
    .object({
      kind: z.literal('annotation'),
      origin,
      action: z.enum(['add', 'clear']),
      mark: markSchema.optional(),
    })
    .refine((m) => m.action === 'clear' || m.mark !== undefined, { message: 'add without a mark' }),
  /** Which map layers every map shows and how far back its heatmap looks (the operator's switches). */
  z.object({
    kind: z.literal('map.style'),
    origin,
    layers: z.array(z.enum(MAP_LAYERS)).max(MAP_LAYERS.length).optional(),
    heat: z.enum(HEAT_PERIODS).optional(),
  }),
  /**
   * What one window's video tiles ask of the PC's player budget. Stays on this PC: browsers'
   * connection limits and decoders are per machine, so main never sends it to other PCs.
   */
  z.object({
    kind: z.literal('video.demand'),
    origin,
    demands: z
      .array(
        z.object({
          key: wellFormedText(96, 1),
          host: wellFormedText(255),
          priority: z.number().int().min(0).max(100),
        }),
      )
      .max(64),
  }),
]);
export type BusMessage = z.infer<typeof busMessageSchema>;

export function checkBusMessage(raw: unknown): BusMessage | undefined {
  const parsed = busMessageSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** One window's end of the bus: every message published reaches every window, the sender's too. */
export interface WallBus {
  publish(message: BusMessage): void;
  subscribe(listener: (message: BusMessage) => void): () => void;
  close(): void;
}
