import path from 'node:path'
import type { Page } from '@playwright/test'
import { REPO_ROOT } from '../../support/estate'

/**
 * The screenshots in docs/ (the README shows them) are refreshed on purpose, with
 * SIGHTLINE_DOCS_SCREENSHOTS=1, not by every e2e run: a run would leave a changed image in the
 * tree, committed with whatever came next. The test's own screenshot (`snap`) is taken anyway.
 */
export async function docsScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.SIGHTLINE_DOCS_SCREENSHOTS !== '1') return
  await page.screenshot({ path: path.join(REPO_ROOT, 'docs', `screenshot-${name}.png`) })
}
