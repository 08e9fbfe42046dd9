import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HubAccess } from './access';
import { recordError, type HubHealth } from './hubHealth';
import { serveStatic } from './staticFiles';

/**
 * Answers a request and returns true, or returns false to leave it to the next route. `headers`
 * carries the CORS answer for the request's origin; `query` the request's parsed query.
 */
export type HubRoute = (
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string>,
  query: URLSearchParams,
) => boolean | Promise<boolean>;

/** A city pack file by name: its text (JSON) or bytes (a `columns` buildings file), or undefined. */
export type CityPackFiles = (name: string) => Promise<string | Uint8Array | undefined>;

export interface HttpDeps {
  readonly access: HubAccess;
  readonly health: HubHealth;
  readonly status: () => unknown;
  readonly cityPack?: CityPackFiles;
  readonly routes: readonly HubRoute[];
  /** `POST /api/events`, with its own token (the ingest API). */
  readonly ingest?: (
    req: IncomingMessage,
    res: ServerResponse,
    cors: Record<string, string>,
  ) => void;
  /** A built renderer (the browser preview): public, since it is the same code the installer ships. */
  readonly serveDir?: string;
  /** The preview's content security policy, sent with its files (it follows the camera catalogue). */
  readonly contentPolicy?: () => string;
}

/** Paths that carry the city's data: with a token configured, none answers without it. */
const DATA_PREFIXES = ['/api/', '/citypack/', '/hls/'];

/**
 * The hub's HTTP side. A malformed URL is a 400, a wrong method a 405, a missing token a 401;
 * a handler that throws or rejects is counted and answered 500: no request ends the process.
 */
export function createHttpHandler(
  deps: HttpDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  const { access, health } = deps;
  const refuse = (res: ServerResponse, status: number, headers: Record<string, string> = {}) => {
    health.httpRefused += 1;
    if (!res.headersSent) res.writeHead(status, headers);
    res.end();
  };
  const fail = (res: ServerResponse, where: string, error: unknown) => {
    recordError(health, 'httpErrors', where, error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  };
  return (req, res) => {
    let path = '';
    try {
      const cors = access.corsHeaders(req.headers.origin);
      const url = parseUrl(req.url);
      if (!url) return refuse(res, 400, cors);
      path = url.pathname;
      if (req.method === 'OPTIONS') {
        // A preflight for the Authorization header from a trusted page.
        if (!cors['access-control-allow-origin']) return refuse(res, 403);
        res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET, HEAD' }).end();
        return;
      }
      // Platforms push with the ingest token, not the walls' read token: checked in there.
      if (path === '/api/events' && deps.ingest) return deps.ingest(req, res, cors);
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return refuse(res, 405, { ...cors, allow: 'GET, HEAD' });
      const allowed = access.requestAllowed(req, url.searchParams);
      const isData = !deps.serveDir || DATA_PREFIXES.some((p) => path.startsWith(p));
      if (!allowed) {
        if (isData) return refuse(res, 401, { ...cors, 'www-authenticate': 'Bearer' });
        void serveStatic(deps.serveDir as string, path, res, policyHeader(deps)).catch(
          (e: unknown) => fail(res, 'static', e),
        );
        return;
      }
      void route(deps, path, req, res, cors, url.searchParams).then(
        (handled) => {
          if (!handled) refuse(res, 404, cors);
        },
        (error: unknown) => fail(res, path, error),
      );
    } catch (error) {
      fail(res, path, error);
    }
  };
}

async function route(
  deps: HttpDeps,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  cors: Record<string, string>,
  query: URLSearchParams,
): Promise<boolean> {
  if (path === '/api/status') {
    json(res, cors, deps.status());
    return true;
  }
  if (path === '/api/ticket') {
    // For media elements that cannot send a header: a signed ticket to put in `?ticket=`.
    json(res, cors, deps.access.issueTicket() ?? { ticket: null });
    return true;
  }
  if (path.startsWith('/citypack/') && deps.cityPack) {
    const name = decodePath(path.slice('/citypack/'.length));
    // Sub-folders are fine (a hub may serve several packs); climbing out of the pack is not.
    const climbs = name?.split('/').some((part) => part === '..' || part === '.' || part === '');
    if (name === undefined || climbs || name.includes('\\')) {
      deps.health.httpRefused += 1;
      res.writeHead(400, cors).end();
      return true;
    }
    const body = await deps.cityPack(name);
    if (body === undefined) return false;
    res
      .writeHead(200, {
        ...cors,
        'content-type':
          typeof body === 'string' ? 'application/json; charset=utf-8' : 'application/octet-stream',
        'content-length': typeof body === 'string' ? Buffer.byteLength(body) : body.length,
        'cache-control': 'no-cache',
      })
      .end(body);
    return true;
  }
  for (const handler of deps.routes) if (await handler(path, req, res, cors, query)) return true;
  if (deps.serveDir) {
    await serveStatic(deps.serveDir, path, res, policyHeader(deps));
    return true;
  }
  return false;
}

function policyHeader(deps: HttpDeps): Record<string, string> {
  return deps.contentPolicy ? { 'content-security-policy': deps.contentPolicy() } : {};
}

function json(res: ServerResponse, cors: Record<string, string>, body: unknown): void {
  res
    .writeHead(200, {
      ...cors,
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    })
    .end(JSON.stringify(body));
}

/** The request's URL, or undefined when it is not one (no leading slash, bad percent-escapes). */
function parseUrl(raw: string | undefined): URL | undefined {
  if (!raw || !raw.startsWith('/') || raw.length > 8192) return undefined;
  try {
    const url = new URL(raw, 'http://hub.invalid');
    return decodePath(url.pathname) === undefined ? undefined : url;
  } catch {
    return undefined;
  }
}

/** `decodeURIComponent` that answers undefined instead of throwing on a malformed escape. */
function decodePath(text: string): string | undefined {
  try {
    const decoded = decodeURIComponent(text);
    return decoded.includes('\0') ? undefined : decoded;
  } catch {
    return undefined;
  }
}
