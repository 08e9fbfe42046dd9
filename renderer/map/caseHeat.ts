import type { WallStore } from '../../shared/gateway/wallStore';
import type { Envelope } from '../../shared/protocol/envelope';

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

  /** Fills from the cases a store already holds, then follows new reports. */
  follow(store: WallStore): () => void {
    for (const c of store.cases.allCases()) this.add(c.position.lon, c.position.lat, c.reportedAt);
    return store.onApplied((e: Envelope) => {
      if (e.type === 'case.reported')
        this.add(e.payload.position.lon, e.payload.position.lat, e.payload.at);
    });
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

  /** Binary data for the cases reported since `since` (reports arrive about in time order). */
  window(since: number): {
    length: number;
    attributes: { getPosition: { value: Float64Array; size: 2 } };
  } {
    let first = 0;
    while (first < this.count && (this.times[first] as number) < since) first += 1;
    return {
      length: this.count - first,
      attributes: {
        getPosition: { value: this.positions.subarray(2 * first, 2 * this.count), size: 2 },
      },
    };
  }
}
