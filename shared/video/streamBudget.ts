/**
 * One budget of players and connections for the whole wall. Each player keeps a decoder, buffers
 * and, most of the time, an HTTP connection to its media server; browsers allow six HTTP/1.1
 * connections per host, so too many players on one server queue behind each other and fall
 * behind live together. Tiles ask with a priority; the most important get players.
 */
export interface TileDemand {
  readonly key: string;
  /** The media server the stream comes from (host:port). */
  readonly host: string;
  readonly priority: number;
}

export interface BudgetLimits {
  readonly maxPlayers: number;
  readonly maxPerHost: number;
}

export const DEFAULT_BUDGET: BudgetLimits = { maxPlayers: 24, maxPerHost: 18 };

/** Priorities, highest first: what the officer is looking at beats what might come next. */
export const PRIORITY = {
  enlarged: 50,
  alarm: 40,
  pinned: 30,
  visible: 20,
  preload: 10,
} as const;

/** The keys that get a player: by priority, then key, within both limits. Deterministic. */
export function allocate(demands: readonly TileDemand[], limits: BudgetLimits): Set<string> {
  const sorted = [...demands].sort((a, b) => b.priority - a.priority || (a.key < b.key ? -1 : 1));
  const perHost = new Map<string, number>();
  const granted = new Set<string>();
  for (const demand of sorted) {
    if (granted.size >= limits.maxPlayers) break;
    const used = perHost.get(demand.host) ?? 0;
    if (used >= limits.maxPerHost || granted.has(demand.key)) continue;
    perHost.set(demand.host, used + 1);
    granted.add(demand.key);
  }
  return granted;
}
