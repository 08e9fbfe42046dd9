import { z } from 'zod';
import { circleRing, moveMetres, offsetMetres } from '../geo/distance';
import { wellFormedText } from '../protocol/text';

/**
 * What a presenter draws on the map during a briefing: an arrow, a circle, a freehand line or a
 * text, in longitude and latitude, so every map window that shows the place shows the mark, at
 * any zoom and on any panel. Marks are wall-bus messages, never written to the platform.
 */
const MARK_KINDS = ['arrow', 'circle', 'freehand', 'text'] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

/** Marks a wall holds at most: a briefing draws a handful; a stuck pen must not fill the memory. */
export const MAX_MARKS = 200;

const point = z.tuple([z.number().min(-180).max(180), z.number().min(-85.06).max(85.06)]);

export const markSchema = z
  .object({
    id: wellFormedText(64, 1),
    kind: z.enum(MARK_KINDS),
    /** Arrow: tail, head. Circle: centre, a point on the rim. Freehand: the line. Text: where. */
    points: z.array(point).min(1).max(500),
    text: wellFormedText(80, 1).optional(),
  })
  .refine((m) => (m.kind === 'text' ? m.text !== undefined : m.points.length >= 2), {
    message: 'a text mark needs its text, the others two points or more',
  });
export type Mark = z.infer<typeof markSchema>;

const RAD = Math.PI / 180;

/** The lines that draw a mark, each flat `[lon, lat, lon, lat, …]`; a text draws none. */
export function markPaths(mark: Mark): number[][] {
  const [a, b] = mark.points as [[number, number], [number, number] | undefined];
  if (mark.kind === 'freehand') return [mark.points.flat()];
  if (!b || mark.kind === 'text') return [];
  const [dx, dy] = offsetMetres(a, b);
  const length = Math.hypot(dx, dy);
  if (mark.kind === 'circle') return [circleRing({ lon: a[0], lat: a[1] }, length)];
  // An arrow: the shaft, and a head a fifth of its length, its barbs 25° off the shaft.
  const head = length / 5;
  const angle = Math.atan2(dy, dx);
  const barb = (turn: number) =>
    moveMetres(a, dx - head * Math.cos(angle + turn), dy - head * Math.sin(angle + turn));
  return [
    [...a, ...b],
    [...barb(25 * RAD), ...b, ...barb(-25 * RAD)],
  ];
}
