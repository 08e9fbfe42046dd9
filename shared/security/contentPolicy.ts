/**
 * The policy every page of the wall is sent with, as a header: by Electron's app:// handler, and
 * by the hub serving the browser preview. The page may reach nothing but itself, plus the media
 * servers named (video tiles fetch HLS from them; hls.js plays it through blob: URLs) and the
 * map's tile servers.
 */
export function contentSecurityPolicy(
  options: {
    /** Media servers the video wall fetches HLS from (and, in the preview, hubs on loopback). */
    readonly connect?: readonly string[];
    /** The map's tile servers: fetched and drawn. */
    readonly tiles?: readonly string[];
    /** The platform's photo servers (上报照片, 处置照片): drawn, never fetched by script. */
    readonly photos?: readonly string[];
    /** The preview's simulated hall frames the wall's pages: only its own pages may. */
    readonly framedBySelf?: boolean;
  } = {},
): string {
  const { connect = [], tiles = [], photos = [], framedBySelf = false } = options;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    ["img-src 'self' data: blob:", ...tiles, ...photos].join(' '),
    "media-src 'self' blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    ["connect-src 'self'", ...connect, ...tiles].join(' '),
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
