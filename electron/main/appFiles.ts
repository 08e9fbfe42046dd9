import { extname, join, normalize, resolve, sep } from 'node:path';

/**
 * Maps an `app://wall/...` request to a file of the built renderer, or undefined when the path
 * would leave it. Query strings (the view and region) are the page's business, not a file's.
 */
export function resolveAppFile(requestUrl: string, root: string): string | undefined {
  const path = appPath(requestUrl);
  if (path === undefined) return undefined;
  const base = resolve(root);
  const file = resolve(join(base, normalize(path === '/' || path === '' ? '/index.html' : path)));
  return file.startsWith(base + sep) ? file : undefined;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export function contentType(file: string): string {
  return TYPES[extname(file)] ?? 'application/octet-stream';
}

/**
 * The hub path an `app://wall/…` request stands for: city pack files, the camera catalogue and
 * the demo media server's HLS. Main fetches them from the hub, so the page's CSP stays 'self'.
 * Only plain names pass: nothing can climb out of those folders.
 */
export function hubPath(requestUrl: string): string | undefined {
  const path = appPath(requestUrl);
  if (path === undefined) return undefined;
  if (path === '/api/cameras') return path;
  // The hub checks the history query's every parameter itself; only its length is bounded here.
  if (path === '/api/history') {
    const search = new URL(requestUrl).search;
    return search.length <= 1_000 ? `${path}${search}` : undefined;
  }
  if (/^\/citypack\/[\w.-]+$/.test(path) && !path.includes('..')) return path;
  if (/^\/hls\/[\w-]{1,64}\/[\w.-]{1,64}$/.test(path) && !path.includes('..')) return path;
  return undefined;
}

/** The decoded path of an `app://wall/…` URL; undefined for another host or a malformed URL. */
function appPath(requestUrl: string): string | undefined {
  try {
    const url = new URL(requestUrl);
    return url.host === 'wall' ? decodeURIComponent(url.pathname) : undefined;
  } catch {
    return undefined;
  }
}
