/**
 * The few globals that both a page and Node provide, declared here because shared/ is typed
 * with neither DOM nor Node libraries (so that neither can creep in).
 */
declare function setTimeout(callback: (...args: never[]) => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare function structuredClone<T>(value: T): T;
