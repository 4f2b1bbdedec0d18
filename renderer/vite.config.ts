import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** The renderer build served by the web host and loaded by Electron from its custom protocol. */
export const rendererConfig = defineConfig({
  root: resolve(import.meta.dirname),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, '..', 'out', 'renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
  },
});

export default rendererConfig;
