import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The renderer is a plain web app: Electron loads the build from app://, the preview from the hub. */
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // The wall, and apart from it the simulated hall and the instruments (bench, video lab).
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        sim: fileURLToPath(new URL('sim.html', import.meta.url)),
        bench: fileURLToPath(new URL('bench.html', import.meta.url)),
        videolab: fileURLToPath(new URL('videolab.html', import.meta.url)),
      },
    },
  },
});
