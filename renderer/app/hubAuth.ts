/**
 * The browser preview's hub token (`?token=`), sent as a bearer header to the hub and to nothing
 * else. In Electron the page has no token at all: main adds it when it forwards app:// requests.
 * Set once at start, before any view fetches, so views need not carry it around.
 */
let hub: { origin: string; token: string } | undefined;

export function setHubToken(hubUrl: string, token: string | null): void {
  try {
    hub = token ? { origin: new URL(hubUrl).origin, token } : undefined;
  } catch {
    hub = undefined;
  }
}

/** The headers a request to `url` needs: the bearer token when it goes to the hub, else none. */
export function hubHeaders(url: string): Record<string, string> {
  if (!hub) return {};
  try {
    return new URL(url, window.location.href).origin === hub.origin
      ? { authorization: `Bearer ${hub.token}` }
      : {};
  } catch {
    return {};
  }
}
