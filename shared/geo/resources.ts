import type { CoordSystem } from './coords';
import type { Problem } from './problems';
import { featuresOf, readPoints } from './features';

/** What an emergency can call on, as a city's emergency resource register lists it. */
const RESOURCE_KINDS = ['team', 'vehicle', 'warehouse', 'shelter', 'hospital'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** One resource: a point with what the incident view needs to weigh it. */
export interface Resource {
  readonly id: string;
  readonly kind: ResourceKind;
  readonly name: string;
  readonly position: readonly [number, number];
  /** People a shelter takes, or a team's strength. */
  readonly capacity?: number;
  /** Whether a shelter is open now. */
  readonly open?: boolean;
  /** A hospital's free beds. */
  readonly beds?: number;
  readonly phone?: string;
}

const count = (v: unknown) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 10_000_000 ? v : undefined;

/**
 * Reads the pack's optional resources file: GeoJSON points whose properties say `kind` (one of
 * RESOURCE_KINDS), `name`, and where they apply `capacity`, `open`, `beds`, `phone`. A feature
 * that is not a point, has no known kind or repeats an id is a problem; the others load.
 */
export function readResources(
  value: unknown,
  file: string,
  crs: CoordSystem,
): { resources: Resource[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const resources: Resource[] = [];
  const seen = new Set<string>();
  for (const f of featuresOf(value, file, problems)) {
    const g = f.geometry;
    const flat =
      g?.type === 'Point'
        ? readPoints([g.coordinates], crs)
        : `geometry ${String(g?.type)} is not a point`;
    if (typeof flat === 'string') {
      problems.push({ file, feature: f.id, reason: flat });
      continue;
    }
    const kind = f.props.kind;
    if (typeof kind !== 'string' || !(RESOURCE_KINDS as readonly string[]).includes(kind)) {
      problems.push({
        file,
        feature: f.id,
        reason: `kind ${String(kind)} is not one of ${RESOURCE_KINDS.join(', ')}`,
      });
      continue;
    }
    const id = String(f.props.id ?? f.id);
    if (seen.has(id)) {
      problems.push({ file, feature: f.id, reason: `duplicate resource id ${id}` });
      continue;
    }
    seen.add(id);
    const { name, capacity, open, beds, phone } = f.props;
    resources.push({
      id,
      kind: kind as ResourceKind,
      name: typeof name === 'string' && name.trim() ? name.slice(0, 100) : id,
      position: [flat[0] as number, flat[1] as number],
      ...(count(capacity) !== undefined ? { capacity: count(capacity) as number } : {}),
      ...(typeof open === 'boolean' ? { open } : {}),
      ...(count(beds) !== undefined ? { beds: count(beds) as number } : {}),
      ...(typeof phone === 'string' && phone.length <= 32 ? { phone } : {}),
    });
  }
  return { resources, problems };
}
