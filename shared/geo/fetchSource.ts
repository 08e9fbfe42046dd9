import { MAX_FILE_BYTES } from './problems';
import type { FileSource } from './loadCityPack';

/**
 * A city pack over HTTP (a worker, a page, or Node 18+): the size comes from Content-Length
 * when the server sends one, so an oversized file is refused before its body is read.
 */
export function fetchFileSource(baseUrl: string, fetchImpl: typeof fetch = fetch): FileSource {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return async (name) => {
    const response = await fetchImpl(`${base}${encodeURIComponent(name)}`);
    if (!response.ok) return undefined;
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > MAX_FILE_BYTES) {
      void response.body?.cancel();
      return { size: declared, text: async () => '', bytes: async () => new Uint8Array(0) };
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    return {
      size: bytes.byteLength,
      text: async () => new TextDecoder().decode(bytes),
      bytes: async () => bytes,
    };
  };
}
