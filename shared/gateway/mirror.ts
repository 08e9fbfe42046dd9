import type { WallBatch, WallBridge } from '../ipc/contract';
import type { WallStore } from './wallStore';

/**
 * Keeps a window's own store equal to the gateway's: subscribe first, then take a snapshot,
 * then apply only the events past what the snapshot held. The bridge is ordered and lossless
 * (IPC, or a call in the same page), so seq alone tells what is new.
 */
export function mirrorInto(store: WallStore, bridge: WallBridge): () => void {
  let ready = false;
  let early: WallBatch[] = [];

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
    if (ready) apply(batch);
    else early.push(batch);
  });
  void bridge.snapshot().then((snapshot) => {
    store.restore(snapshot);
    ready = true;
    for (const batch of early) apply(batch);
    early = [];
  });
  return unsubscribe;
}
