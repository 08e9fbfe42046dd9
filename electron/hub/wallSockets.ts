import type { Namespace, Socket } from 'socket.io';
import { checkBusMessage } from '../../shared/bus/messages';
import type { CaseStoreSnapshot } from '../../shared/domain/caseStore';
import type { Envelope } from '../../shared/protocol/envelope';
import { snapshotParts } from '../../shared/protocol/snapshot';
import { countRejection, type Diagnostics } from '../../shared/gateway/diagnostics';
import {
  fetchRequestSchema,
  helloRequestSchema,
  MAX_FETCH,
  MAX_FETCH_BYTES,
  PROTOCOL_VERSION,
  type CityInfo,
  type ClientToServer,
  type FetchReply,
  type HelloReply,
  type HubNotice,
  type ServerToClient,
} from '../../shared/protocol/wire';
import type { HubAccess } from './access';
import type { EventLog } from './eventLog';
import { RequestLimiter } from './requestLimiter';
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
  /** The live state at the sent head, taken in the same turn as the call. */
  readonly snapshot: () => { readonly seq: number; readonly store: CaseStoreSnapshot };
  readonly closedKeptMs: number;
  readonly diagnostics: Diagnostics;
  readonly health: HubHealth;
  readonly limiter?: RequestLimiter;
}

/** A gateway says hello once per connection; more than this in a burst is refused. */
const HELLO_LIMITS = { perSocket: 1_000, total: 100_000, rate: 0.5, burst: 5 };
/** Replays running at once over all sockets; more wait their turn. */
const REPLAYS_AT_ONCE = 8;

/** Events per replay message (and per read from the file). */
const REPLAY_CHUNK = 2_000;

/** A wall further behind than this takes a snapshot instead of a replay (protocol 2). */
const SNAPSHOT_BEYOND = 50_000;

/**
 * The hub's socket side on namespace `/wall`: hello (replay, then live), fetch (backfill) and
 * the wall bus between PCs. Every argument is checked against the protocol's schemas; every
 * handler is guarded, so a hostile client costs a count, never the process.
 */
export function attachWallSockets(deps: WallSocketDeps): void {
  const { nsp, access, log, health } = deps;
  const limiter = deps.limiter ?? new RequestLimiter();
  const hellos = new RequestLimiter(HELLO_LIMITS);
  const replays = new Semaphore(REPLAYS_AT_ONCE);
  /** The protocol each socket said hello in (a fetch before any hello counts as protocol 1). */
  const fetchProtocol = new Map<string, number>();
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
        const allowed = hellos.tryStart(socket.id);
        hellos.finish(socket.id);
        if (typeof reply !== 'function' || !request.success || !allowed) {
          health.socketRefused += 1;
          socket.disconnect(true);
          return;
        }
        const generation = ++helloGeneration;
        const { lastSeq, wall } = request.data;
        const protocol = request.data.protocol ?? 1;
        for (const room of socket.rooms) if (room.startsWith('wall:')) void socket.leave(room);
        if (wall) void socket.join(`wall:${wall}`);
        void socket.leave('live');
        fetchProtocol.set(socket.id, protocol);
        const keptFrom = log.keptFrom;
        const head = deps.sentHead();
        // Fresh, older than what the hub keeps, or far behind: the live state, then what follows.
        const snapshot =
          protocol >= 2 &&
          (lastSeq === 0 || lastSeq + 1 < keptFrom || head - lastSeq > SNAPSHOT_BEYOND)
            ? deps.snapshot()
            : undefined;
        const parts = snapshot ? snapshotParts(snapshot.seq, snapshot.store) : [];
        const notices = deps.notices();
        if (protocol < 2 && lastSeq + 1 < keptFrom)
          notices.push({
            kind: 'text',
            detail: `This wall predates protocol ${PROTOCOL_VERSION}: events before seq ${keptFrom} are not replayed; update the wall. 此大屏版本过旧，序号 ${keptFrom} 之前的事件不再重放，请升级。`,
          });
        // The answer goes first, so the client knows how far behind it is while the replay runs.
        const answer: HelloReply = {
          city: deps.city,
          headSeq: log.headSeq,
          hubId: deps.hubId,
          logId: log.id,
          notices,
          protocol: PROTOCOL_VERSION,
          keptFrom,
          closedKeptMs: deps.closedKeptMs,
          ...(snapshot ? { snapshot: { seq: snapshot.seq, parts: parts.length } } : {}),
        };
        (reply as (answer: HelloReply) => void)(answer);
        const current = () => generation === helloGeneration && socket.connected;
        await replays.run(async () => {
          for (const part of parts) {
            if (!current()) return;
            socket.emit('snapshot', part);
            await drained(socket);
          }
          if (current())
            await replay(
              socket,
              deps,
              (snapshot ? snapshot.seq : Math.max(lastSeq, keptFrom - 1)) + 1,
              current,
            );
        });
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
          if (request.data.from < log.keptFrom && (fetchProtocol.get(socket.id) ?? 1) >= 2) {
            // Not kept in this run of the hub: a new hello is answered with a snapshot.
            answer({ events: [], headSeq: log.headSeq, refused: 'too-old' });
            return;
          }
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
    socket.on('disconnect', () => {
      fetchProtocol.delete(socket.id);
      limiter.forget(socket.id);
      hellos.forget(socket.id);
    });
  });
}

/**
 * Older history comes from the file, the newest from memory, a chunk at a time, waiting for the
 * client to take each one (a slow or hostile reader holds back its own replay, not the hub's
 * memory). The last chunk is sent in the same turn as joining the live room, so no event can
 * fall between replay and live.
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
    if (!current()) return;
    const head = deps.sentHead();
    const recent = log.inMemoryRange(from, head);
    if (recent) {
      if (recent.length <= REPLAY_CHUNK) {
        if (recent.length > 0) socket.emit('events', recent);
        void socket.join('live');
        return;
      }
      const chunk = recent.slice(0, REPLAY_CHUNK);
      socket.emit('events', chunk);
      from = (chunk[chunk.length - 1] as Envelope).seq + 1;
    } else {
      const chunk = await log.answer(from, from + REPLAY_CHUNK - 1, MAX_FETCH_BYTES);
      if (!current()) return;
      if (chunk.events.length > 0) socket.emit('events', chunk.events);
      from = Math.max(from + 1, chunk.through + 1);
    }
    await drained(socket);
  }
}

/** Resolves once the socket's queued packets went out (or after a while, to never hang). */
function drained(socket: WallSocket): Promise<void> {
  const queued = (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;
  if (queued === 0 || !socket.connected) return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      socket.conn.off('drain', done);
      socket.off('disconnect', done);
      resolve();
    };
    const timer = setTimeout(done, 5_000);
    socket.conn.on('drain', done);
    socket.on('disconnect', done);
  });
}

/** Runs at most `size` tasks at once; the rest wait in order. */
class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T> | T): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await task();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}
