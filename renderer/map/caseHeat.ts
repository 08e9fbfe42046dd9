import type { WallStore } from '../../shared/gateway/wallStore';
import type { Envelope } from '../../shared/protocol/envelope';

export interface HeatWindow {
  readonly length: number;
  readonly attributes: { readonly getPosition: { readonly value: Float64Array; readonly size: 2 } };
}

/**
 * Case positions for the heatmap, kept as a growing binary buffer that each reported case
 * appends to (never rebuilt from all cases), with their report times for the time window.
 */
export class CaseHeat {
  private positions = new Float64Array(2 * 1024);
  private times = new Float64Array(1024);
  count = 0;
  /** Bumped on every change: the layer's data identity and update trigger. */
  version = 0;

  /**
   * Fills from the cases a store already holds, then follows new reports; when the store is
   * replaced (a new epoch: the hub's snapshot), fills again from what it holds then.
   */
  follow(store: WallStore): () => void {
    let epoch = store.epoch;
    const fill = () => {
      this.count = 0;
      this.cached = undefined;
      this.version += 1;
      // In report order, as the time window expects.
      const cases = [...store.cases.allCases()].sort((a, b) => a.reportedAt - b.reportedAt);
      for (const c of cases) this.add(c.position.lon, c.position.lat, c.reportedAt);
    };
    fill();
    const stopApplied = store.onApplied((e: Envelope) => {
      if (e.type === 'case.reported')
        this.add(e.payload.position.lon, e.payload.position.lat, e.payload.at);
    });
    const stopReplaced = store.subscribe(() => {
      if (store.epoch === epoch) return;
      epoch = store.epoch;
      fill();
    });
    return () => {
      stopApplied();
      stopReplaced();
    };
  }

  add(lon: number, lat: number, at: number): void {
    if (this.count === this.times.length) {
      const positions = new Float64Array(this.positions.length * 2);
      positions.set(this.positions);
      this.positions = positions;
      const times = new Float64Array(this.times.length * 2);
      times.set(this.times);
      this.times = times;
    }
    this.positions[2 * this.count] = lon;
    this.positions[2 * this.count + 1] = lat;
    this.times[this.count] = at;
    this.count += 1;
    this.version += 1;
  }

  /**
   * Binary data for the cases reported since `since` (reports arrive about in time order). The
   * same object comes back while nothing was added and the window starts at the same case, so
   * the heatmap layer, which compares its data by identity, does not rebuild its weights.
   */
  window(since: number): HeatWindow {
    let first = this.cached?.first ?? 0;
    if (first > this.count) first = 0;
    while (first > 0 && (this.times[first - 1] as number) >= since) first -= 1;
    while (first < this.count && (this.times[first] as number) < since) first += 1;
    if (this.cached && this.cached.first === first && this.cached.version === this.version)
      return this.cached.data;
    const data: HeatWindow = {
      length: this.count - first,
      attributes: {
        getPosition: { value: this.positions.subarray(2 * first, 2 * this.count), size: 2 },
      },
    };
    this.cached = { first, version: this.version, data };
    return data;
  }

  private cached: { first: number; version: number; data: HeatWindow } | undefined;
}
