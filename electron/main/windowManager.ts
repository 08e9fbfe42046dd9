import type { PushChannel, PushEvents } from '../../shared/ipc/contract';
import { diffPlans, sameRect, type Rect, type WindowPlan } from '../../shared/layout/displays';

/** The part of a BrowserWindow the manager drives; main.ts adapts the real one. */
export interface WindowHandle {
  readonly contentsId: number;
  setBounds(bounds: Rect): void;
  /** Shows another view in place: a message to the page, never a reload. */
  setView(view: string, params: Readonly<Record<string, string>>): void;
  /** A push to the page, typed by the IPC contract. */
  send<C extends PushChannel>(channel: C, payload: PushEvents[C]): void;
  close(): void;
  isDestroyed(): boolean;
}

export interface WindowFactory {
  open(plan: WindowPlan, onClosed: () => void): WindowHandle;
}

/**
 * Keeps the set of open windows equal to the current plan: opens what is new, moves what
 * stays (no reload, so a map keeps its WebGL context), and closes what is gone.
 */
export class WindowManager {
  private readonly windows = new Map<string, { plan: WindowPlan; handle: WindowHandle }>();

  constructor(private readonly factory: WindowFactory) {}

  apply(plans: readonly WindowPlan[]): { opened: number; updated: number; closed: number } {
    const current = new Map([...this.windows].map(([key, w]) => [key, w.plan]));
    const diff = diffPlans(current, plans);
    for (const key of diff.close) {
      const w = this.windows.get(key);
      this.windows.delete(key);
      if (w && !w.handle.isDestroyed()) w.handle.close();
    }
    for (const plan of diff.update) {
      const w = this.windows.get(plan.key);
      if (!w) continue;
      if (!sameRect(w.plan.bounds, plan.bounds)) w.handle.setBounds(plan.bounds);
      if (
        w.plan.view !== plan.view ||
        JSON.stringify(w.plan.params) !== JSON.stringify(plan.params)
      )
        w.handle.setView(plan.view, plan.params);
      w.plan = plan;
    }
    for (const plan of diff.open) {
      const handle = this.factory.open(plan, () => this.windows.delete(plan.key));
      this.windows.set(plan.key, { plan, handle });
    }
    return { opened: diff.open.length, updated: diff.update.length, closed: diff.close.length };
  }

  /** Sends to every live window (wall-wide pushes: event batches, language). */
  broadcast<C extends PushChannel>(channel: C, payload: PushEvents[C]): void {
    for (const { handle } of this.windows.values())
      if (!handle.isDestroyed()) handle.send(channel, payload);
  }

  planFor(contentsId: number): WindowPlan | undefined {
    for (const { plan, handle } of this.windows.values())
      if (handle.contentsId === contentsId) return plan;
    return undefined;
  }

  get size(): number {
    return this.windows.size;
  }
}
