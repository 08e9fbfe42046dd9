/// <reference lib="webworker" />
import { buildingMesh, meshBuffers } from '../../shared/geo/buildingMesh';
import { checkCityPack } from '../../shared/geo/cityPack';
import { fetchFileSource } from '../../shared/geo/fetchSource';
import { loadCityPack } from '../../shared/geo/loadCityPack';
import { describeProblem } from '../../shared/geo/problems';

/**
 * Reads and parses a city pack off the main thread, makes the buildings' mesh (roof triangles
 * and per-vertex attributes) there too, and hands the typed arrays over without copying them
 * (transfer), so a large city never blocks the wall's frame.
 */
self.onmessage = async (
  event: MessageEvent<{ base: string; headers?: Record<string, string> }>,
) => {
  const { base, headers = {} } = event.data;
  const authorised: typeof fetch = (input, init) => fetch(input, { ...init, headers });
  try {
    const response = await authorised(`${base}citypack.json`);
    const checked = checkCityPack(await response.json());
    if (!checked.ok) throw new Error(`citypack.json: ${checked.error}`);
    const started = performance.now();
    const pack = await loadCityPack(checked.manifest, fetchFileSource(base, authorised));
    const parseMs = performance.now() - started;
    const mesh = pack.buildings ? buildingMesh(pack.buildings) : [];
    const transfer: ArrayBuffer[] = meshBuffers(mesh);
    if (pack.buildings)
      transfer.push(
        pack.buildings.positions.buffer as ArrayBuffer,
        pack.buildings.startIndices.buffer as ArrayBuffer,
        pack.buildings.heights.buffer as ArrayBuffer,
      );
    if (pack.roads)
      transfer.push(
        pack.roads.positions.buffer as ArrayBuffer,
        pack.roads.startIndices.buffer as ArrayBuffer,
      );
    (self as unknown as Worker).postMessage(
      {
        ok: true,
        pack,
        mesh,
        parseMs,
        meshMs: performance.now() - started - parseMs,
        problems: pack.problems.map(describeProblem),
      },
      transfer,
    );
  } catch (error) {
    (self as unknown as Worker).postMessage({ ok: false, error: (error as Error).message });
  }
};
