import type { WallBridge } from '../../shared/ipc/contract';

declare global {
  interface Window {
    /** Present in Electron (the preload's bridge); absent in the browser preview. */
    readonly wall?: WallBridge;
  }
}
