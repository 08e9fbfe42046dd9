import { extname, join, normalize, resolve, sep } from 'node:path';

/**
 * Maps an `app://wall/...` request to a file of the built renderer, or undefined when the path
 * would leave it. Query strings (the view and region) are the page's business, not a file's.
 */
export function resolveAppFile(requestUrl: string, root: string): string | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.host !== 'wall') return undefined;
  const base = resolve(root);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
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

/** The city pack file an `app://wall/citypack/<name>` request asks for (main fetches it from the hub). */
export function cityPackName(requestUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.host !== 'wall' || !url.pathname.startsWith('/citypack/')) return undefined;
  const name = decodeURIComponent(url.pathname.slice('/citypack/'.length));
  return /^[\w.-]+$/.test(name) ? name : undefined;
}
