import type { WallBatch, WallBridge } from '../ipc/contract';
import { Backoff } from './backoff';
import type { WallStore } from './wallStore';

export interface MirrorOptions {
  /** Events kept while waiting for the snapshot; past this the early batches are dropped. */
  readonly maxEarlyEvents?: number;
  readonly retryMinMs?: number;
  readonly retryMaxMs?: number;
  readonly setTimeout?: (fn: () => void, ms: number) => unknown;
  readonly clearTimeout?: (handle: unknown) => void;
}

/**
 * Keeps a window's own store equal to the gateway's: subscribe first, then take a snapshot,
 * then apply only the events past what the snapshot held. The bridge is ordered and lossless
 * (IPC, or a call in the same page), so seq alone tells what is new. A snapshot that fails is
 * asked for again with backoff, and the window says so (`store.mirror`); the batches that
 * arrive meanwhile are kept up to a bound, past which they are dropped and a fresh snapshot,
 * which holds them, is taken instead. A batch of another epoch (the gateway's store was
 * replaced by the hub's snapshot) makes the window take a new snapshot too.
 */
export function mirrorInto(
  store: WallStore,
  bridge: WallBridge,
  options: MirrorOptions = {},
): () => void {
  const maxEarly = options.maxEarlyEvents ?? 20_000;
  const later = options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
  const cancel =
    options.clearTimeout ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const backoff = new Backoff(options.retryMinMs ?? 500, options.retryMaxMs ?? 10_000);
  let ready = false;
  let stopped = false;
  let early: WallBatch[] = [];
  let earlyEvents = 0;
  let overflowed = false;
  let retry: unknown;

  const apply = (batch: WallBatch) => {
    // The city first: its bounds decide whether the batch's reports are inside it.
    if (batch.city && batch.city.id !== store.city?.id) store.setCity(batch.city);
    for (const envelope of batch.events) {
      if (envelope.seq > store.lastSeq) store.ingest(envelope);
    }
    // Seqs the gateway refused before they became events still move the sequence on.
    store.skipSeq(batch.lastSeq);
    store.diagnostics = batch.diagnostics;
    store.setConnection(batch.connection);
    store.changed();
  };

  const unsubscribe = bridge.onBatch((batch) => {
    if (ready && batch.epoch !== store.epoch) {
      // The gateway's store was replaced (the hub's snapshot, another log): start again from it.
      ready = false;
      early = [];
      earlyEvents = 0;
      store.mirror = { ready: false, failures: store.mirror.failures };
      load();
      return;
    }
    if (ready) return apply(batch);
    earlyEvents += batch.events.length;
    if (earlyEvents > maxEarly) {
      // Bounded: drop them; a snapshot taken after this holds them all.
      early = [];
      earlyEvents = 0;
      overflowed = true;
      return;
    }
    early.push(batch);
  });

  const load = () => {
    if (stopped) return;
    overflowed = false;
    bridge.snapshot().then(
      (snapshot) => {
        if (stopped) return;
        if (overflowed) return load();
        store.restore(snapshot);
        // Batches of an earlier epoch belong to a store the snapshot replaced.
        early = early.filter((b) => b.epoch === snapshot.epoch);
        ready = true;
        store.mirror = { ready: true, failures: store.mirror.failures };
        for (const batch of early) apply(batch);
        early = [];
        earlyEvents = 0;
        store.changed();
      },
      (error: unknown) => {
        if (stopped) return;
        store.mirror = {
          ready: false,
          failures: store.mirror.failures + 1,
          lastError: String(error instanceof Error ? error.message : error).slice(0, 200),
        };
        store.changed();
        retry = later(load, backoff.next());
      },
    );
  };
  load();
  return () => {
    stopped = true;
    cancel(retry);
    unsubscribe();
  };
}
