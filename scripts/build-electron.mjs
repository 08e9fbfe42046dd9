// Bundles the main process and the preload into single CommonJS files: the sandboxed preload
// cannot require our modules, and one file per process starts faster.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // Optional native speed-ups of ws; absent is fine.
  // DuckDB is a native (N-API) module: it loads from node_modules, unpacked from the asar.
  external: ['electron', 'bufferutil', 'utf-8-validate', '@duckdb/node-api'],
  // jsonc-parser's default (UMD) build requires its parts by computed paths, which a bundle
  // cannot follow (the shell then fails at start with "Cannot find module './impl/format'").
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
};

await build({
  ...common,
  entryPoints: ['electron/main/main.ts'],
  outfile: 'dist/electron/main.cjs',
});
await build({
  ...common,
  entryPoints: ['electron/preload/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
});
console.log('built dist/electron/main.cjs and dist/electron/preload.cjs');
