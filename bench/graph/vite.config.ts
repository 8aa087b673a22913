import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import type { InlineConfig } from 'vite'

const here = fileURLToPath(new URL('.', import.meta.url))

/** Where the bench page is built (scratch: bench/results/tmp is not committed). */
export const PAGE_OUT = resolve(here, '../results/tmp/graph-page')

/**
 * The bench page, built the way the renderer is (Vite, module worker for ELK), from the
 * engine's own sources: what is measured is what ships.
 */
export const benchPageConfig: InlineConfig = {
  configFile: false,
  root: resolve(here, 'page'),
  base: './',
  logLevel: 'warn',
  worker: { format: 'es' },
  build: { outDir: PAGE_OUT, emptyOutDir: true, target: 'es2022', sourcemap: false },
}

/** Where the app bench page is built (bench/graph/app-run.ts). */
export const APP_PAGE_OUT = resolve(here, '../results/tmp/graph-app')

/**
 * The app bench page (bench/graph/page/app/): the whole renderer app, built as electron-vite
 * builds the renderer (Vite with the React plugin), around bench/graph's overview.
 */
export function benchAppConfig(outDir: string = APP_PAGE_OUT): InlineConfig {
  return {
    ...benchPageConfig,
    root: resolve(here, 'page/app'),
    plugins: [react()],
    build: { ...benchPageConfig.build, outDir },
  }
}
