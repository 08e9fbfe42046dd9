import type { TileSource } from '../geo/tiles';
import type { FollowSettings } from '../domain/incidentFollow';
import { z } from 'zod';
import { busMessageSchema, type BusMessage } from '../bus/messages';
import type { DisplayInfo } from '../layout/displays';
import { profileSchema, type Profile } from '../layout/profile';
import { sceneBookSchema, type SceneBook } from '../briefing/scene';
import type { Diagnostics } from '../gateway/diagnostics';
import type { ConnectionState, WallSnapshot } from '../gateway/wallStore';
import type { Envelope } from '../protocol/envelope';
import type { CityInfo } from '../protocol/wire';

/**
 * The typed IPC contract between Electron main and the wall's windows. Only the preload and
 * main's `ipcRouter` touch raw IPC; both take channel names and argument schemas from here.
 */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What a window is and where it sits, so a view can label itself. */
export interface WindowInfo {
  readonly windowId: string;
  readonly displayLabel: string;
  readonly view: string;
  readonly language: Language;
  /** The hub the wall listens to, or "embedded" for the built-in demo. */
  readonly hub: string;
  /** Problems the wall should say out loud (a config file it had to ignore). */
  readonly warnings: readonly string[];
  /** A raster base map under the city pack, when the configuration names one. */
  readonly mapTiles?: TileSource;
  /** When the wall gives itself to an incident (`citywall.json`'s `emergency`; defaults without). */
  readonly follow?: FollowSettings;
}

/** Events applied since the last batch, plus the state that changes without events. */
export interface WallBatch {
  readonly events: readonly Envelope[];
  readonly lastSeq: number;
  /** The store's epoch (`WallStore.epoch`): another one means take a new snapshot. */
  readonly epoch: number;
  readonly connection: ConnectionState;
  readonly diagnostics: Diagnostics;
  readonly city?: CityInfo;
}

/** Request/response channels: name → argument tuple schema and result type. */
export const INVOKE = {
  'wall:snapshot': z.tuple([]),
  'wall:window-info': z.tuple([]),
  'wall:set-language': z.tuple([z.enum(LANGUAGES)]),
  'wall:bus': z.tuple([busMessageSchema]),
  'wall:profiles': z.tuple([]),
  'wall:displays': z.tuple([]),
  'wall:save-profile': z.tuple([profileSchema]),
  /** The asking window printed to PDF (A4, backgrounds): a report the user saves. */
  'wall:print-pdf': z.tuple([]),
  /** The briefing's scenes in tour order (the demo scenes until the user saves a book). */
  'wall:scenes': z.tuple([]),
  'wall:save-scenes': z.tuple([sceneBookSchema]),
} as const;

export interface InvokeResults {
  'wall:snapshot': WallSnapshot;
  'wall:window-info': WindowInfo;
  'wall:set-language': void;
  'wall:bus': void;
  'wall:profiles': ProfileList;
  'wall:displays': readonly DisplayInfo[];
  'wall:save-profile': ProfileList;
  'wall:print-pdf': Uint8Array;
  'wall:scenes': SceneList;
  'wall:save-scenes': SceneList;
}

/** The scene book, and what went wrong reading it (a damaged file set aside). */
export interface SceneList {
  readonly book: SceneBook;
  readonly warnings: readonly string[];
}

/** The profiles a wall can switch between, and which one it shows. */
export interface ProfileList {
  readonly active: string;
  /** Whole profiles: the layout editor starts from them. */
  readonly profiles: readonly Profile[];
  readonly warnings: readonly string[];
}

/** Tells a window to show another view without reloading (a profile switch that kept its place). */
export interface ViewChange {
  readonly view: string;
  readonly params: Readonly<Record<string, string>>;
}

export type InvokeChannel = keyof typeof INVOKE;
export type InvokeArgs<C extends InvokeChannel> = z.infer<(typeof INVOKE)[C]>;

/** Main → window pushes: name → payload. */
export interface PushEvents {
  'wall:batch': WallBatch;
  'wall:language': Language;
  'wall:bus': BusMessage;
  'wall:view': ViewChange;
  'wall:profiles': ProfileList;
}
export type PushChannel = keyof PushEvents;

/**
 * `window.wall`: what the preload exposes, and what the browser preview provides in-page.
 * Subscriptions return their own unsubscribe.
 */
export interface WallBridge {
  snapshot(): Promise<WallSnapshot>;
  windowInfo(): Promise<WindowInfo>;
  setLanguage(language: Language): Promise<void>;
  onBatch(listener: (batch: WallBatch) => void): () => void;
  onLanguage(listener: (language: Language) => void): () => void;
  /** Electron only: the wall bus through main, view changes, and profile lists. */
  publishBus?(message: BusMessage): Promise<void>;
  onBus?(listener: (message: unknown) => void): () => void;
  onViewChange?(listener: (change: ViewChange) => void): () => void;
  profiles?(): Promise<ProfileList>;
  displays?(): Promise<readonly DisplayInfo[]>;
  saveProfile?(profile: Profile): Promise<ProfileList>;
  /** Electron only: this window as a PDF (the report's export). */
  printPdf?(): Promise<Uint8Array>;
  /** Electron only: the scene book, kept as a guarded file by main. */
  scenes?(): Promise<SceneList>;
  saveScenes?(book: SceneBook): Promise<SceneList>;
  onProfiles?(listener: (list: ProfileList) => void): () => void;
}
