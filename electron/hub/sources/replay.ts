import type { WallEvent } from '../../../shared/protocol/events';

export interface ReplayOptions {
  /** 60 plays an hour of the data in a minute; Infinity publishes as fast as the hub takes it. */
  readonly speedup: number;
  readonly tickMs?: number;
  readonly chunk?: number;
}

export interface ReplayHandle {
  /** Resolves when every event has been published. */
  readonly done: Promise<void>;
  stop(): void;
}

/** Streams time-ordered events into `publish`, keeping the data's own rhythm sped up. */
export function startReplay(
  events: readonly WallEvent[],
  publish: (items: WallEvent[]) => void,
  options: ReplayOptions,
): ReplayHandle {
  const first = events.length > 0 ? (events[0] as WallEvent).payload.at : 0;
  const started = Date.now();
  const chunk = options.chunk ?? 1_000;
  let next = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const tick = () => {
    if (stopped) return;
    const horizon = Number.isFinite(options.speedup)
      ? first + (Date.now() - started) * options.speedup
      : Infinity;
    const batch: WallEvent[] = [];
    while (
      next < events.length &&
      batch.length < chunk &&
      (events[next] as WallEvent).payload.at <= horizon
    ) {
      batch.push(events[next] as WallEvent);
      next += 1;
    }
    if (batch.length > 0) publish(batch);
    if (next >= events.length) {
      finish();
      return;
    }
    timer = setTimeout(tick, batch.length === chunk ? 0 : (options.tickMs ?? 50));
  };
  tick();
  return {
    done,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      finish();
    },
  };
}
