/**
 * A ring clipped to an axis-aligned box (Sutherland–Hodgman against the box's four edges): the
 * part of a district inside a street's extent, say. The box is convex, so the ring may be any
 * simple polygon. Returns an open ring (no repeated first point); empty when nothing is inside.
 */
export function clipRingToBox(
  ring: readonly (readonly [number, number])[],
  [west, south, east, north]: readonly [number, number, number, number],
): [number, number][] {
  type P = readonly [number, number];
  const edges: { inside: (p: P) => boolean; cross: (a: P, b: P) => [number, number] }[] = [
    { inside: (p) => p[0] >= west, cross: (a, b) => atX(a, b, west) },
    { inside: (p) => p[0] <= east, cross: (a, b) => atX(a, b, east) },
    { inside: (p) => p[1] >= south, cross: (a, b) => atY(a, b, south) },
    { inside: (p) => p[1] <= north, cross: (a, b) => atY(a, b, north) },
  ];
  let points: P[] = ring.slice();
  const first = points[0];
  const last = points[points.length - 1];
  if (first && last && first[0] === last[0] && first[1] === last[1]) points = points.slice(0, -1);
  for (const edge of edges) {
    const out: P[] = [];
    for (let i = 0; i < points.length; i += 1) {
      const current = points[i] as P;
      const previous = points[(i + points.length - 1) % points.length] as P;
      if (edge.inside(current)) {
        if (!edge.inside(previous)) out.push(edge.cross(previous, current));
        out.push(current);
      } else if (edge.inside(previous)) out.push(edge.cross(previous, current));
    }
    points = out;
    if (points.length === 0) break;
  }
  return points.map(([x, y]) => [x, y]);
}

function atX(
  a: readonly [number, number],
  b: readonly [number, number],
  x: number,
): [number, number] {
  const t = (x - a[0]) / (b[0] - a[0]);
  return [x, a[1] + t * (b[1] - a[1])];
}

function atY(
  a: readonly [number, number],
  b: readonly [number, number],
  y: number,
): [number, number] {
  const t = (y - a[1]) / (b[1] - a[1]);
  return [a[0] + t * (b[0] - a[0]), y];
}
