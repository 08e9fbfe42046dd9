/**
 * What went wrong at the hub's edges since it started: requests refused or failed, handlers
 * that threw. Counted and shown in `/api/status`; none of it ends the process.
 */
export interface HubHealth {
  /** HTTP requests answered 4xx for a malformed URL, a wrong method, a missing token. */
  httpRefused: number;
  /** HTTP handlers that threw or rejected (answered 500). */
  httpErrors: number;
  /** Socket messages with a malformed argument. */
  socketRefused: number;
  /** Socket handlers that threw or rejected. */
  socketErrors: number;
  /** Fetches answered "busy" (too many at once or too fast). */
  fetchesBusy: number;
  /** Connections refused for a wrong token. */
  badTokens: number;
  lastError?: { readonly where: string; readonly detail: string; readonly at: number };
}

export function emptyHealth(): HubHealth {
  return {
    httpRefused: 0,
    httpErrors: 0,
    socketRefused: 0,
    socketErrors: 0,
    fetchesBusy: 0,
    badTokens: 0,
  };
}

/** Records an error caught at an edge, keeping the newest for the status page. */
export function recordError(
  health: HubHealth,
  kind: 'httpErrors' | 'socketErrors',
  where: string,
  error: unknown,
  at = Date.now(),
): void {
  health[kind] += 1;
  const detail = error instanceof Error ? error.message : String(error);
  health.lastError = { where, detail: detail.slice(0, 300), at };
}
