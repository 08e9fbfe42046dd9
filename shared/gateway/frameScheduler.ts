/** Runs a callback at most once per frame; in a page that is the next animation frame. */
export type FrameScheduler = (callback: () => void) => void;

/** ~60 Hz without a display: the main process and Node tests use this. */
export const timerScheduler: FrameScheduler = (callback) => {
  setTimeout(callback, 16);
};

/** The page's own frame clock when there is one, else the timer. */
export function defaultScheduler(): FrameScheduler {
  const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => number })
    .requestAnimationFrame;
  return raf ? (callback) => void raf(callback) : timerScheduler;
}

/**
 * Coalesces many `request()` calls into one `flush` per frame: socket events arrive one by one,
 * the UI hears about them once a frame.
 */
export function createCoalescer(flush: () => void, schedule: FrameScheduler): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    schedule(() => {
      pending = false;
      flush();
    });
  };
}
