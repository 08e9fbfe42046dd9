/**
 * The policy every page of the wall is sent with, as a header: by Electron's app:// handler, and
 * by the hub serving the browser preview. The page may reach nothing but itself, plus the media
 * servers named (video tiles fetch HLS from them; hls.js plays it through blob: URLs) and the
 * map's tile servers.
 */
export function contentSecurityPolicy(
  mediaOrigins: readonly string[] = [],
  tileOrigins: readonly string[] = [],
  /** The preview's simulated hall frames the wall's pages: only its own pages may. */
  framedBySelf = false,
): string {
  const connect = ["'self'", ...mediaOrigins, ...tileOrigins].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    ["img-src 'self' data: blob:", ...tileOrigins].join(' '),
    "media-src 'self' blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${framedBySelf ? "'self'" : "'none'"}`,
  ].join('; ');
}

/** What the browser preview may connect to besides itself: hubs on this machine. */
export const PREVIEW_CONNECT = [
  'http://127.0.0.1:*',
  'ws://127.0.0.1:*',
  'http://localhost:*',
  'ws://localhost:*',
] as const;
