import { BridgeBus } from '../../shared/bus/bridgeBus';
import { BroadcastBus, type ChannelLike } from '../../shared/bus/broadcastBus';
import type { WallBus } from '../../shared/bus/messages';
import type { ProfileList, ViewChange, WallBridge } from '../../shared/ipc/contract';
import { BUILTIN_PROFILES } from '../../shared/layout/builtinProfiles';
import { storedProfiles } from '../editor/profileStorage';

/** The page's bus: through main in Electron, a BroadcastChannel between preview pages. */
export function createBus(bridge: WallBridge): WallBus {
  if (bridge.publishBus && bridge.onBus)
    return new BridgeBus({ publishBus: bridge.publishBus, onBus: bridge.onBus });
  return new BroadcastBus(new BroadcastChannel('citywall-bus') as unknown as ChannelLike);
}

/**
 * In the preview's wall simulator the parent page plays main: it tells a window to show
 * another view with a message, as main does over IPC.
 */
export function onParentViewChange(listener: (change: ViewChange) => void): () => void {
  const onMessage = (event: MessageEvent) => {
    if (event.source !== window.parent || event.origin !== window.location.origin) return;
    const data = event.data as { type?: unknown; view?: unknown; params?: unknown };
    if (
      data?.type === 'wall:view' &&
      typeof data.view === 'string' &&
      typeof data.params === 'object' &&
      data.params !== null
    ) {
      listener({ view: data.view, params: data.params as Record<string, string> });
    }
  };
  window.addEventListener('message', onMessage);
  return () => window.removeEventListener('message', onMessage);
}

/** Without main, the built-in profiles are the list; the URL may say which is active. */
export function previewProfiles(active: string | null): ProfileList {
  return {
    active: active ?? 'duty',
    profiles: [...BUILTIN_PROFILES, ...storedProfiles()],
    warnings: [],
  };
}
