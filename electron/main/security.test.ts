import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  templateOrigin,
  denyPermissions,
  hardenContents,
  isAppUrl,
  secureWebPreferences,
  type HardenableContents,
} from './security';

describe('window security', () => {
  it('isolates, sandboxes and keeps Node out of the page', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('closes DevTools unless asked (development only)', () => {
    expect(secureWebPreferences('/p.cjs').devTools).toBe(false);
    expect(secureWebPreferences('/p.cjs', { devTools: true }).devTools).toBe(true);
  });

  it('allows connections to nothing but the app itself', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('lets the page fetch from configured media servers only', () => {
    const csp = contentSecurityPolicy({ connect: ['http://10.1.2.3:8080'] });
    expect(csp).toContain("connect-src 'self' http://10.1.2.3:8080;");
    expect(csp).toContain("media-src 'self' blob:");
  });

  it('lets the map draw tiles from a configured tile server', () => {
    const origin = templateOrigin('http://10.9.9.9:8088/tiles/{z}/{x}/{-y}.png');
    expect(origin).toBe('http://10.9.9.9:8088');
    const csp = contentSecurityPolicy({ tiles: [origin] });
    expect(csp).toContain("img-src 'self' data: blob: http://10.9.9.9:8088;");
    expect(csp).toContain("connect-src 'self' http://10.9.9.9:8088;");
  });

  it('blocks navigation away, new windows and webviews', () => {
    const listeners = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const contents: HardenableContents = {
      on: (event: string, listener: (event: { preventDefault(): void }, url: string) => void) =>
        listeners.set(event, listener),
      setWindowOpenHandler: (h) => {
        openHandler = h;
      },
    };
    hardenContents(contents);
    const attempt = (event: string, url: string) => {
      let prevented = false;
      listeners.get(event)?.({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(attempt('will-navigate', 'https://example.com/')).toBe(true);
    expect(attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(attempt('will-navigate', 'app://wall/index.html?view=cases')).toBe(false);
    expect(attempt('will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(attempt('will-attach-webview', '')).toBe(true);
    expect(openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('denies permission requests by default', () => {
    const answers: Record<string, boolean> = {};
    let check: ((c: unknown, p: string) => boolean) | undefined;
    denyPermissions({
      setPermissionRequestHandler: (h) => {
        for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen'])
          h(null, p, (granted) => (answers[p] = granted));
      },
      setPermissionCheckHandler: (h) => {
        check = h;
      },
    });
    expect(answers).toEqual({
      media: false,
      geolocation: false,
      notifications: false,
      'clipboard-read': false,
      fullscreen: true,
    });
    expect(check?.(null, 'media')).toBe(false);
  });

  it('recognises only app:// pages of the wall as home', () => {
    expect(isAppUrl('app://wall/index.html')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
