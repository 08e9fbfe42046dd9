import type { BusMessage } from '../../shared/bus/messages';
import type { ProfileList } from '../../shared/ipc/contract';
import type { DisplayInfo } from '../../shared/layout/displays';
import { planWall } from '../../shared/layout/planWall';
import type { Profile } from '../../shared/layout/profile';
import type { WindowManager } from './windowManager';

export interface WallControllerOptions {
  readonly node?: string;
  readonly initialProfile?: string;
  /** Problems found while loading profiles, shown with the plan's own warnings. */
  readonly profileWarnings?: readonly string[];
  /** Sends this PC's bus messages to the other PCs of the wall (through the hub). */
  readonly toPeers?: (message: BusMessage) => void;
}

/**
 * What main decides about the wall: which profile is active, what the displays are, which
 * windows follow from them, and what the wall bus carries. Electron only feeds it displays and
 * hotkeys and carries its messages.
 */
export class WallController {
  private displays: readonly DisplayInfo[] = [];
  private active: Profile;
  private planWarnings: readonly string[] = [];

  constructor(
    private readonly windows: WindowManager,
    private profiles: readonly Profile[],
    private readonly options: WallControllerOptions = {},
  ) {
    this.active = profiles.find((p) => p.id === options.initialProfile) ?? (profiles[0] as Profile);
  }

  setDisplays(displays: readonly DisplayInfo[]): void {
    this.displays = displays;
    this.replan();
  }

  /** Switches the whole wall; windows that keep their place change view without reloading. */
  setProfile(id: string): boolean {
    const next = this.profiles.find((p) => p.id === id);
    if (!next) return false;
    // Every window of a following wall sends the same switch at once: one replan is enough.
    if (next === this.active) return true;
    this.active = next;
    this.replan();
    return true;
  }

  /** After the editor saved a profile: the new list, replanned if the active one changed. */
  setProfiles(profiles: readonly Profile[]): void {
    this.profiles = profiles;
    this.active = profiles.find((p) => p.id === this.active.id) ?? (profiles[0] as Profile);
    this.replan();
  }

  get currentDisplays(): readonly DisplayInfo[] {
    return this.displays;
  }

  /** The n-th profile (hotkeys Ctrl+Alt+1…9). */
  profileAt(index: number): string | undefined {
    return this.profiles[index]?.id;
  }

  /**
   * Every bus message reaches every window, the sender's too; a profile command also switches.
   * Messages made on this PC go on to the wall's other PCs; those from a peer stop here.
   */
  relay(message: BusMessage, fromPeer = false): void {
    if (message.kind === 'profile') this.setProfile(message.profileId);
    this.windows.broadcast('wall:bus', message);
    // A window's video demand is about this PC's connections and decoders, not the wall's.
    if (!fromPeer && message.kind !== 'video.demand') this.options.toPeers?.(message);
  }

  profileList(): ProfileList {
    return {
      active: this.active.id,
      profiles: this.profiles,
      warnings: [...(this.options.profileWarnings ?? []), ...this.planWarnings],
    };
  }

  get activeProfile(): Profile {
    return this.active;
  }

  private replan(): void {
    const plan = planWall(this.displays, this.active, this.options.node);
    this.planWarnings = plan.warnings;
    this.windows.apply(plan.windows);
    this.windows.broadcast('wall:profiles', this.profileList());
  }
}
