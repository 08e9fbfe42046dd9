import { checkCatalogue, streamOrigins } from '../../shared/video/catalogue';

/**
 * The media servers the hub's camera catalogue points at, asked once before any window opens,
 * so the wall's content security policy lets the video wall reach them without anyone listing
 * them in `citywall.json`. A hub that does not answer gives none (and says why): the configured
 * `mediaOrigins` still hold.
 */
export async function catalogueMediaOrigins(
  hubUrl: string,
  token: string | undefined,
): Promise<{ origins: string[]; problem?: string }> {
  try {
    const res = await fetch(`${hubUrl.replace(/\/+$/, '')}/api/cameras`, {
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
      // A wall waits for this before its first window: not for long.
      signal: AbortSignal.timeout(5_000),
    });
    if (res.status === 404) return { origins: [] };
    if (!res.ok)
      return { origins: [], problem: `the hub's camera catalogue answered ${res.status}` };
    return { origins: streamOrigins(checkCatalogue(await res.json()).cameras) };
  } catch (error) {
    return {
      origins: [],
      problem: `the hub's camera catalogue could not be read: ${String(error).slice(0, 200)}`,
    };
  }
}
