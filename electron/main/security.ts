/**
 * Electron's security defaults for every wall window, in one place so a test can hold them to
 * account: isolated, sandboxed, no Node in the page, a strict CSP, no navigation away, no new
 * windows, and every permission request refused.
 */
import { contentSecurityPolicy } from '../../shared/security/contentPolicy';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://wall`;

export { contentSecurityPolicy };

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** The origin a tile URL template fetches from. */
export function templateOrigin(template: string): string {
  return new URL(template.replace(/\{-?[a-z]\}/g, '0')).origin;
}

/**
 * The webPreferences of every wall window. DevTools only in development: wall PCs stand in
 * public halls, and an open DevTools is a console into the page.
 */
export function secureWebPreferences(preload: string, options: { devTools?: boolean } = {}) {
  return {
    preload,
    devTools: options.devTools ?? false,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    backgroundThrottling: false,
    // The middle-click (auxclick) event can open links in new windows; a wall has no use for it.
    disableBlinkFeatures: 'Auxclick',
  } as const;
}

/** True only for the app's own pages. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'wall';
  } catch {
    return false;
  }
}

/** The part of WebContents that hardening needs; Electron's satisfies it. */
export interface HardenableContents {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export function hardenContents(contents: HardenableContents): void {
  const stayHome = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The part of Session that permission handling needs. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
}

/**
 * Refuses every permission except going full screen: a wall has no use for the camera,
 * location, notifications or the clipboard, and a compromised page should get none of them.
 */
export function denyPermissions(session: PermissionSession): void {
  const allowed = new Set(['fullscreen']);
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(allowed.has(permission)),
  );
  session.setPermissionCheckHandler((_contents, permission) => allowed.has(permission));
}
