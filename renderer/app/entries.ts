/**
 * The pages that are not the wall have their own entries (and bundles): the simulated hall and
 * the benchmark and video instruments. Their old addresses on index.html keep working: this says
 * where such an address now lives, or undefined for the wall itself.
 */
export function entryFor(params: URLSearchParams, inElectron: boolean): string | undefined {
  if (params.get('bench') === 'map') return 'bench.html';
  if (params.has('videolab')) return 'videolab.html';
  // The editor reads `sim` too (the hall it edits on): it stays on the wall's entry.
  if (params.has('sim') && !params.has('editor') && !inElectron) return 'sim.html';
  return undefined;
}
