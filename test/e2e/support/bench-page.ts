import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { build, type InlineConfig } from 'vite'
import { servePage } from '../../../bench/graph/serve-page'

/**
 * A bench/graph page (the engine's, or the whole app's) built by Vite into a temporary folder,
 * served over HTTP (its module worker needs it) and opened in a context of its own. `use` gets
 * the page and the errors it has thrown so far; the context, server and folder go after.
 */
export async function withBenchPage(
  browser: Browser,
  opts: {
    /** The page's Vite config, building into `outDir`. */
    config: (outDir: string) => InlineConfig
    viewport: { width: number; height: number }
  },
  use: (page: Page, errors: readonly string[]) => Promise<void>,
): Promise<void> {
  const out = mkdtempSync(path.join(tmpdir(), 'sightline-bench-page-'))
  const context = await browser.newContext({ viewport: opts.viewport })
  let server: { close(): void } | undefined
  try {
    await build(opts.config(out))
    const served = await servePage(out)
    server = served.server
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(served.url)
    await use(page, errors)
  } finally {
    server?.close()
    await context.close()
    rmSync(out, { recursive: true, force: true })
  }
}
