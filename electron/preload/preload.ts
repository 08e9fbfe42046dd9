import { contextBridge, ipcRenderer } from 'electron';
import type { BusMessage } from '../../shared/bus/messages';
import type { SceneBook } from '../../shared/briefing/scene';
import type { Profile } from '../../shared/layout/profile';
import type {
  InvokeChannel,
  InvokeResults,
  Language,
  ProfileList,
  PushChannel,
  PushEvents,
  ViewChange,
  WallBatch,
  WallBridge,
} from '../../shared/ipc/contract';

/**
 * `window.wall`: the only door between a wall window and main. It exposes named functions, never
 * ipcRenderer itself; subscriptions return their unsubscribe. Sandboxed, so this file is bundled.
 */
function invoke<C extends InvokeChannel>(
  channel: C,
  ...args: unknown[]
): Promise<InvokeResults[C]> {
  return ipcRenderer.invoke(channel, ...args) as Promise<InvokeResults[C]>;
}

/** Pushes from main, typed by the contract: the payload type follows from the channel. */
function subscribe<C extends PushChannel>(
  channel: C,
  listener: (payload: PushEvents[C]) => void,
): () => void {
  const wrapped = (_event: unknown, payload: PushEvents[C]) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const bridge: WallBridge = {
  snapshot: () => invoke('wall:snapshot'),
  windowInfo: () => invoke('wall:window-info'),
  setLanguage: (language: Language) => invoke('wall:set-language', language),
  onBatch: (listener: (batch: WallBatch) => void) => subscribe('wall:batch', listener),
  onLanguage: (listener: (language: Language) => void) => subscribe('wall:language', listener),
  publishBus: (message: BusMessage) => invoke('wall:bus', message),
  onBus: (listener: (message: unknown) => void) => subscribe('wall:bus', listener),
  onViewChange: (listener: (change: ViewChange) => void) => subscribe('wall:view', listener),
  profiles: () => invoke('wall:profiles'),
  displays: () => invoke('wall:displays'),
  saveProfile: (profile: Profile) => invoke('wall:save-profile', profile),
  printPdf: () => invoke('wall:print-pdf'),
  scenes: () => invoke('wall:scenes'),
  saveScenes: (book: SceneBook) => invoke('wall:save-scenes', book),
  onProfiles: (listener: (list: ProfileList) => void) => subscribe('wall:profiles', listener),
};

contextBridge.exposeInMainWorld('wall', bridge);
