/**
 * Hooks the browser tests read on `window` (what the map drew, which camera is in which slot).
 * They exist only in test builds (`vite build --mode e2e`, as `npm test` builds): in the
 * product's build `import.meta.env.MODE` is "production", so this is a no-op and the hooks'
 * code is dropped with it.
 */
export function exposeTestHook(name: string, hooks: object): () => void {
  if (import.meta.env.MODE !== 'e2e') return () => undefined;
  const target = window as unknown as Record<string, unknown>;
  target[name] = hooks;
  return () => {
    if (target[name] === hooks) delete target[name];
  };
}
