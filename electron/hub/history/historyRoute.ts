import type { ServerResponse } from 'node:http';
import { parseHistoryQuery } from '../../../shared/protocol/history';
import type { HubRoute } from '../httpRoutes';
import { answerHistory } from './historyAnswer';
import type { HistoryWriter } from './historyWriter';

export interface HistoryRouteDeps {
  /** The writer of an open history, or why there is none. */
  readonly history: () => HistoryWriter | { readonly unavailable: string };
  readonly utcOffsetMinutes: number;
  readonly now?: () => number;
}

/**
 * `GET /api/history` (behind the hub's token like every `/api/` path): a checked query, answered
 * from the database once it holds everything on disk at the time of asking. A bad parameter is
 * a 400 that says which; no history (the database could not be opened) a 503 that says why.
 */
export function historyRoute(deps: HistoryRouteDeps): HubRoute {
  const now = deps.now ?? Date.now;
  return (path, _req, res, headers, query) => {
    if (path !== '/api/history') return false;
    const parsed = parseHistoryQuery(query, {
      now: now(),
      utcOffsetMinutes: deps.utcOffsetMinutes,
    });
    if (!parsed.ok) {
      send(res, 400, headers, { error: parsed.error });
      return true;
    }
    const writer = deps.history();
    if (!('store' in writer)) {
      send(res, 503, headers, { error: `no history: ${writer.unavailable}` });
      return true;
    }
    return writer
      .flush()
      .then(() => answerHistory(writer.store, parsed.query, { asOf: now(), seq: writer.stats.seq }))
      .then((answer) => {
        send(res, 200, headers, answer);
        return true;
      });
  };
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: unknown) {
  res
    .writeHead(status, {
      ...headers,
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    })
    .end(JSON.stringify(body));
}
