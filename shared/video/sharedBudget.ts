import type { BusMessage, WallBus } from '../bus/messages';
import { allocate, type BudgetLimits, type TileDemand } from './streamBudget';

/**
 * One player budget for every window of this PC. Each window tells the others, over the wall
 * bus, what its tiles ask for; every window runs the same deterministic allocation over all the
 * asks it knows, so they agree on who plays without a coordinator. A window that stops telling
 * (closed, crashed) is forgotten after a while and its share returns to the others.
 */
export interface Budget {
  /** Replaces this window's asks; returns the keys granted to it now. */
  request(demands: readonly TileDemand[]): Set<string>;
  /** Called when other windows' asks change this window's grants. */
  onChange(listener: (granted: Set<string>) => void): () => void;
  close(): void;
}

/** A window alone: the budget is its own. */
export function localBudget(limits: BudgetLimits): Budget {
  return {
    request: (demands) => allocate(demands, limits),
    onChange: () => () => undefined,
    close: () => undefined,
  };
}

export interface SharedBudgetOptions {
  readonly limits: BudgetLimits;
  /** Unique per window (two preview tabs both called "page" must not merge). */
  readonly windowKey: string;
  readonly now?: () => number;
  readonly heartbeatMs?: number;
  readonly forgetMs?: number;
  readonly setInterval?: (fn: () => void, ms: number) => unknown;
  readonly clearInterval?: (handle: unknown) => void;
}

export class SharedBudget implements Budget {
  private mine: TileDemand[] = [];
  private readonly others = new Map<string, { demands: TileDemand[]; at: number }>();
  private readonly listeners = new Set<(granted: Set<string>) => void>();
  private granted = new Set<string>();
  private readonly off: () => void;
  private readonly timer: unknown;
  private readonly now: () => number;
  private readonly forgetMs: number;

  constructor(
    private readonly bus: WallBus,
    private readonly options: SharedBudgetOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.forgetMs = options.forgetMs ?? 10_000;
    this.off = bus.subscribe((m) => this.receive(m));
    const every = options.setInterval ?? ((fn, ms) => setInterval(fn, ms));
    this.timer = every(() => {
      this.expire();
      this.publish();
    }, options.heartbeatMs ?? 3_000);
  }

  request(demands: readonly TileDemand[]): Set<string> {
    this.mine = [...demands];
    this.publish();
    this.granted = this.compute();
    return this.granted;
  }

  onChange(listener: (granted: Set<string>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.off();
    const stop =
      this.options.clearInterval ?? ((h) => clearInterval(h as ReturnType<typeof setInterval>));
    stop(this.timer);
    // Give the share back at once rather than after the others forget us.
    this.mine = [];
    this.publish();
  }

  private receive(message: BusMessage): void {
    if (message.kind !== 'video.demand' || message.origin === this.options.windowKey) return;
    if (message.demands.length === 0) this.others.delete(message.origin);
    else this.others.set(message.origin, { demands: message.demands, at: this.now() });
    this.recompute();
  }

  private expire(): void {
    const before = this.others.size;
    for (const [key, entry] of this.others)
      if (this.now() - entry.at > this.forgetMs) this.others.delete(key);
    if (this.others.size !== before) this.recompute();
  }

  private recompute(): void {
    const next = this.compute();
    if (next.size === this.granted.size && [...next].every((k) => this.granted.has(k))) return;
    this.granted = next;
    for (const listener of this.listeners) listener(next);
  }

  private compute(): Set<string> {
    const prefix = `${this.options.windowKey}/`;
    const all: TileDemand[] = this.mine.map((d) => ({ ...d, key: prefix + d.key }));
    for (const [window, entry] of this.others)
      for (const d of entry.demands) all.push({ ...d, key: `${window}/${d.key}` });
    const mine = new Set<string>();
    for (const key of allocate(all, this.options.limits))
      if (key.startsWith(prefix)) mine.add(key.slice(prefix.length));
    return mine;
  }

  private publish(): void {
    this.bus.publish({
      kind: 'video.demand',
      origin: this.options.windowKey,
      demands: this.mine.slice(0, 64),
    });
  }
}
