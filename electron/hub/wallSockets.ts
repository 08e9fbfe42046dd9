import type { Namespace, Socket } from 'socket.io';
import { checkBusMessage } from '../../shared/bus/messages';
import { countRejection, type Diagnostics } from '../../shared/gateway/diagnostics';
import {
  fetchRequestSchema,
  helloRequestSchema,
  MAX_FETCH,
  MAX_FETCH_BYTES,
  type CityInfo,
  type ClientToServer,
  type FetchReply,
  type HelloReply,
  type HubNotice,
  type ServerToClient,
} from '../../shared/protocol/wire';
import type { HubAccess } from './access';
import type { EventLog } from './eventLog';
import { FetchLimiter } from './fetchLimiter';
import { recordError, type HubHealth } from './hubHealth';

type WallSocket = Socket<ClientToServer, ServerToClient>;

export interface WallSocketDeps {
  readonly nsp: Namespace<ClientToServer, ServerToClient>;
  readonly access: HubAccess;
  readonly log: EventLog;
  readonly city: CityInfo;
  readonly hubId: string;
  readonly notices: () => HubNotice[];
  /** The newest seq broadcast to the live room: replay stops there, live carries on from it. */
  readonly sentHead: () => number;
  readonly diagnostics: Diagnostics;
  readonly health: HubHealth;
  readonly limiter?: FetchLimiter;
}

/** Events per replay message (and per read from the file). */
const REPLAY_CHUNK = 2_000;

/**
 * The hub's socket side on namespace `/wall`: hello (replay, then live), fetch (backfill) and
 * the wall bus between PCs. Every argument is checked against the protocol's schemas; every
 * handler is guarded, so a hostile client costs a count, never the process.
 */
export function attachWallSockets(deps: WallSocketDeps): void {
  const { nsp, access, log, health } = deps;
  const limiter = deps.limiter ?? new FetchLimiter();
  if (access.tokenRequired) {
    nsp.use((socket, next) => {
      const given = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (access.tokenMatches(given)) return next();
      health.badTokens += 1;
      next(new Error('unauthorized'));
    });
  }
  nsp.on('connection', (socket) => {
    // A new hello on the same socket stops the replay an earlier one started.
    let helloGeneration = 0;
    const guard =
      <A extends unknown[]>(name: string, handler: (...args: A) => unknown) =>
      (...args: A): void => {
        try {
          const result = handler(...args);
          if (result instanceof Promise)
            result.catch((error: unknown) => recordError(health, 'socketErrors', name, error));
        } catch (error) {
          recordError(health, 'socketErrors', name, error);
        }
      };
    socket.on(
      'hello',
      guard('hello', async (raw: unknown, reply: unknown) => {
        const request = helloRequestSchema.safeParse(raw);
        if (typeof reply !== 'function' || !request.success) {
          health.socketRefused += 1;
          socket.disconnect(true);
          return;
        }
        const generation = ++helloGeneration;
        const { lastSeq, wall } = request.data;
        for (const room of socket.rooms) if (room.startsWith('wall:')) void socket.leave(room);
        if (wall) void socket.join(`wall:${wall}`);
        void socket.leave('live');
        // The answer goes first, so the client knows how far behind it is while the replay runs.
        const answer: HelloReply = {
          city: deps.city,
          headSeq: log.headSeq,
          hubId: deps.hubId,
          logId: log.id,
          notices: deps.notices(),
        };
        (reply as (answer: HelloReply) => void)(answer);
        await replay(socket, deps, lastSeq + 1, () => generation === helloGeneration);
      }),
    );
    // Wall bus messages go to the other PCs of the same wall, checked like any input.
    socket.on(
      'bus',
      guard('bus', (raw: unknown) => {
        const message = checkBusMessage(raw);
        const room = [...socket.rooms].find((r) => r.startsWith('wall:'));
        if (!message || !room) {
          countRejection(deps.diagnostics, 'bad-payload', 'wall bus message refused', Date.now());
          return;
        }
        socket.to(room).emit('bus', message);
      }),
    );
    socket.on(
      'fetch',
      guard('fetch', async (raw: unknown, reply: unknown) => {
        if (typeof reply !== 'function') {
          health.socketRefused += 1;
          return;
        }
        const answer = reply as (answer: FetchReply) => void;
        const request = fetchRequestSchema.safeParse(raw);
        if (!request.success) {
          health.socketRefused += 1;
          answer({ events: [], headSeq: log.headSeq, refused: 'bad-request' });
          return;
        }
        if (!limiter.tryStart(socket.id)) {
          health.fetchesBusy += 1;
          answer({ events: [], headSeq: log.headSeq, refused: 'busy' });
          return;
        }
        try {
          const from = Math.max(1, request.data.from);
          const to = Math.min(request.data.to, from + MAX_FETCH - 1);
          if (to < from) {
            answer({ events: [], headSeq: log.headSeq });
            return;
          }
          const { events, through } = await log.answer(from, to, MAX_FETCH_BYTES);
          if (socket.connected) answer({ events, headSeq: log.headSeq, through });
        } finally {
          limiter.finish(socket.id);
        }
      }),
    );
    socket.on('disconnect', () => limiter.forget(socket.id));
  });
}

/**
 * Older history comes from the file in chunks; the newest part from memory, in the same turn as
 * joining the live room, so no event can fall between replay and live.
 */
async function replay(
  socket: WallSocket,
  deps: WallSocketDeps,
  start: number,
  current: () => boolean,
): Promise<void> {
  const { log } = deps;
  let from = start;
  for (;;) {
    if (!socket.connected || !current()) return;
    const recent = log.inMemoryRange(from, deps.sentHead());
    if (recent) {
      for (let i = 0; i < recent.length; i += REPLAY_CHUNK)
        socket.emit('events', recent.slice(i, i + REPLAY_CHUNK));
      void socket.join('live');
      return;
    }
    const chunk = await log.answer(from, from + REPLAY_CHUNK - 1, MAX_FETCH_BYTES);
    if (!socket.connected || !current()) return;
    if (chunk.events.length > 0) socket.emit('events', chunk.events);
    from = Math.max(from + 1, chunk.through + 1);
  }
}
