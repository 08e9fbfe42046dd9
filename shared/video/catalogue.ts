import { z } from 'zod';

/**
 * The camera catalogue a hub serves at `/api/cameras`: what the video wall can show, where each
 * camera stands, and how to find it (district, grid, tags). Checked entry by entry, so one bad
 * camera is reported and the rest still reach the wall.
 */
const text = (max: number) => z.string().trim().min(1).max(max);

const streamUrl = text(2048).refine(
  (s) => /^https?:\/\//.test(s) || (s.startsWith('/') && !s.startsWith('//')),
  'stream must be an http(s) URL or a path on the hub',
);

const catalogueCameraSchema = z.object({
  id: text(64),
  name: text(128),
  position: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
  stream: streamUrl,
  district: text(64).optional(),
  street: text(64).optional(),
  grid: text(64).optional(),
  tags: z.array(text(32)).max(16).optional(),
  /** Degrees clockwise from north, and the field of view, where the platform knows them. */
  heading: z.number().min(0).max(360).optional(),
  fov: z.number().gt(0).max(360).optional(),
});
export type CatalogueCamera = z.infer<typeof catalogueCameraSchema>;

export interface CatalogueProblem {
  readonly index: number;
  readonly id?: string;
  readonly reason: string;
}

const MAX_CATALOGUE = 20_000;

export function checkCatalogue(raw: unknown): {
  cameras: CatalogueCamera[];
  problems: CatalogueProblem[];
} {
  const list = (raw as { cameras?: unknown } | null)?.cameras;
  if (!Array.isArray(list))
    return { cameras: [], problems: [{ index: -1, reason: 'no "cameras" array' }] };
  const cameras: CatalogueCamera[] = [];
  const problems: CatalogueProblem[] = [];
  const seen = new Set<string>();
  list.slice(0, MAX_CATALOGUE).forEach((entry: unknown, index) => {
    const parsed = catalogueCameraSchema.safeParse(entry);
    const rawId = (entry as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' ? rawId : undefined;
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push({
        index,
        ...(id ? { id } : {}),
        reason: `${issue?.path.join('.') || '(entry)'}: ${issue?.message ?? 'invalid'}`,
      });
    } else if (seen.has(parsed.data.id)) {
      problems.push({ index, id: parsed.data.id, reason: 'duplicate id' });
    } else {
      seen.add(parsed.data.id);
      cameras.push(parsed.data);
    }
  });
  if (list.length > MAX_CATALOGUE)
    problems.push({
      index: MAX_CATALOGUE,
      reason: `more than ${MAX_CATALOGUE} cameras; rest ignored`,
    });
  return { cameras, problems };
}

export type GroupBy = 'district' | 'grid' | 'tag';

/** Cameras by district, grid or tag; a camera with several tags is in each tag's group. */
export function groupCameras(
  cameras: readonly CatalogueCamera[],
  by: GroupBy,
  none: string,
): [string, CatalogueCamera[]][] {
  const groups = new Map<string, CatalogueCamera[]>();
  const add = (key: string, camera: CatalogueCamera) => {
    const list = groups.get(key);
    if (list) list.push(camera);
    else groups.set(key, [camera]);
  };
  for (const camera of cameras) {
    if (by === 'tag') {
      if (!camera.tags?.length) add(none, camera);
      for (const tag of camera.tags ?? []) add(tag, camera);
    } else add(camera[by] ?? none, camera);
  }
  return [...groups.entries()].sort(([a], [b]) =>
    a === none ? 1 : b === none ? -1 : a.localeCompare(b, 'zh-CN'),
  );
}

/** Every word of the query must appear in the camera's id, name, place or tags. */
export function searchCameras(
  cameras: readonly CatalogueCamera[],
  query: string,
): CatalogueCamera[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...cameras];
  return cameras.filter((c) => {
    const hay = [c.id, c.name, c.district, c.street, c.grid, ...(c.tags ?? [])]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/**
 * The origins the catalogue's streams are fetched from, other than the hub's own paths: what a
 * page's CSP must let it reach (`connect-src`) for the video wall to play them.
 */
export function streamOrigins(cameras: readonly CatalogueCamera[]): string[] {
  const origins = new Set<string>();
  for (const camera of cameras) {
    // Scheme and authority, without any user:password@ (a policy names hosts, not accounts).
    const m = /^(https?):\/\/(?:[^/?#@]*@)?([^/?#]+)/i.exec(camera.stream);
    if (m) origins.add(`${(m[1] as string).toLowerCase()}://${(m[2] as string).toLowerCase()}`);
  }
  return [...origins].sort();
}
