import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

/**
 * One build for the three processes (DESIGN.md §1):
 * - main: the Electron entry and the `sightline` CLI share src/main (the CLI runs in plain Node,
 *   so only the electron entry may import 'electron');
 * - preload: CommonJS, because a sandboxed preload cannot be an ES module;
 * - renderer: React, also served by `sightline serve` from out/renderer.
 */
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          electron: resolve(__dirname, 'src/main/electron/main.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
    },
    plugins: [react()],
  },
})
