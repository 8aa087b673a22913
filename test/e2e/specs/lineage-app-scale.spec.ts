import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { benchAppConfig } from '../../../bench/graph/vite.config'
import type { AppBenchApi } from '../../../bench/graph/page/app/api'
import { REPO_ROOT } from '../../support/estate'
import { withBenchPage } from '../support/bench-page'
import { expect, test } from '../fixtures'

/**
 * The Lineage page of the whole app on a big graph: the estates here are too small to reach its
 * big-graph path (from 2,000 elements the first graph is added in slices and laid out before it
 * is drawn; from 300 nodes an expansion lays out only the new nodes). bench/graph's app page
 * (bench/graph/page/app/) runs the renderer app over its 5,000-node, 10,000-edge overview with
 * an API that answers from memory; this checks what a user sees there, its speed is
 * bench/graph/app-run.ts's business.
 */
test.describe('Lineage page of the app, bench/graph overview', () => {
  test('opens the overview laid out before it is drawn, and opens a topic in place', async ({
    serveBrowser,
  }, testInfo) => {
    // Not a missing server: the Electron project (never run in CI, where only serve-chromium
    // runs) has no browser of its own to open this page in. Under CI this test always runs.
    test.skip(!serveBrowser, 'the bench page runs in Chromium (the serve-chromium project)')
    // The app's build, ELK on 5,000 nodes (2 min seen with the other e2e worker busy), the checks.
    test.setTimeout(420_000)
    const viewport = { width: 1920, height: 980 }
    await withBenchPage(
      serveBrowser!,
      { config: benchAppConfig, viewport },
      async (page, errors) => {
        const bench = () => (globalThis as unknown as { appBench: AppBenchApi }).appBench
        // Resolves once the overview's own layout prepared its first frame: the page's first
        // graph, arriving after the page drew nothing, is opened as a new instance's is (held).
        const opening = await page.evaluate(`(${bench.toString()})().ready()`)
        expect(opening).toMatchObject({ nodes: 5000, edges: 10_000 })

        const expand = await page.evaluate(`(${bench.toString()})().expand()`)
        expect(expand).toMatchObject({
          children: 51, // its 50 fields and "Show fewer fields"
          layout: 'column',
          calls: ['getLineage'],
        })
        const { zoom, classChanges } = expand as {
          zoom: { before: number; after: number }
          classChanges: number
        }
        // The view stays where the user had it: no fit to the whole estate after the expansion.
        expect(zoom.after).toBe(zoom.before)
        // Only elements whose classes changed are restyled, not the 15,000 of the overview.
        expect(classChanges).toBeLessThan(100)
        // The expansion was drawn from the overview's drawing (the part it reaches), not from the
        // whole graph again (src/renderer/features/lineage/page-elements.ts).
        await expect(page.getByTestId('lineage-canvas')).toHaveAttribute('data-drawn-by', 'part')

        const dir = path.join(REPO_ROOT, 'test-results', 'screenshots')
        mkdirSync(dir, { recursive: true })
        const file = path.join(dir, `${testInfo.project.name}-lineage-app-expanded.png`)
        await page.screenshot({ path: file })
        await testInfo.attach('lineage-app-expanded', { path: file, contentType: 'image/png' })
        expect(errors).toEqual([])
      },
    )
  })
})
