/**
 * The few globals that both a page and Node provide, declared here because shared/ is typed
 * with neither DOM nor Node libraries (so that neither can creep in).
 */
declare function setTimeout(callback: (...args: never[]) => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare function setInterval(callback: (...args: never[]) => void, ms?: number): unknown;
declare function clearInterval(handle: unknown): void;
declare function structuredClone<T>(value: T): T;
/** fetch as pages, workers and Node 18+ all provide it (only what the city pack loader uses). */
declare function fetch(url: string): Promise<{
  ok: boolean;
  headers: { get(name: string): string | null };
  body?: { cancel(): Promise<void> } | null;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}>;
/** UTF-8 text to and from bytes, in pages, workers and Node alike. */
declare class TextEncoder {
  encode(text: string): Uint8Array;
}
declare class TextDecoder {
  decode(bytes: Uint8Array): string;
}
