import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { benchPageConfig } from '../../../bench/graph/vite.config'
import type { BenchApi } from '../../../bench/graph/page/api'
import { REPO_ROOT } from '../../support/estate'
import { withBenchPage } from '../support/bench-page'
import { expect, test } from '../fixtures'

/**
 * The Lineage page's big-graph path in Chromium: the estates here are too small to reach it
 * (a graph from 2,000 elements is added in slices with its frames held, laid out, and its first
 * frame prepared in slices: add-in-slices.ts, elk-layout.ts, first-draw.ts). bench/graph's page
 * and its 5,000-node, 10,000-edge overview run it here for correctness only; its speed is
 * bench/graph's business. The page itself refuses an opening that left any element drawn from
 * geometry that does not match its position (bench/graph/page/stale-geometry.ts).
 */
test.describe('Lineage graph engine, bench/graph overview', () => {
  test('opens 15,000 elements in slices, draws each where it is, and expands a node', async ({
    serveBrowser,
  }, testInfo) => {
    // Not a missing server: the Electron project (never run in CI, where only serve-chromium
    // runs) has no browser of its own, and this page is the renderer's engine alone, the same
    // code in either shell. Under CI this test always runs.
    test.skip(!serveBrowser, 'the bench page runs in Chromium (the serve-chromium project)')
    // Build (~15 s), ELK on 5,000 nodes in its worker (5-20 s on a loaded machine), the checks.
    test.setTimeout(240_000)
    const config = (outDir: string) => ({
      ...benchPageConfig,
      build: { ...benchPageConfig.build, outDir },
    })
    const viewport = { width: 2600, height: 820 }
    await withBenchPage(serveBrowser!, { config, viewport }, async (page, errors) => {
      await page.waitForFunction("document.title === 'ready'")

      const setup = await page.evaluate(() =>
        (globalThis as unknown as { graphBench: BenchApi }).graphBench.setupEngine(),
      )
      expect(setup.applySlices).toBeGreaterThan(1)
      const opened = await page.evaluate(() => {
        const { engine } = (globalThis as unknown as { cys(): { engine: EngineProbe } }).cys()
        const r = engine.renderer()
        // The fitted overview is on the node canvas: count its painted pixels on a grid.
        const canvas = r.data.canvases[r.NODE]!
        const g = canvas.getContext('2d')!
        const { data } = g.getImageData(0, 0, canvas.width, canvas.height)
        let painted = 0
        for (let i = 3; i < data.length; i += 4 * 7) if (data[i]! > 0) painted++
        return {
          nodes: engine.nodes().length,
          edges: engine.edges().length,
          painted,
          unplaced: engine.nodes().filter((n) => n.position().x === 0 && n.position().y === 0)
            .length,
        }
      })
      expect(opened).toMatchObject({ nodes: 5000, edges: 10_000, unplaced: 0 })
      expect(opened.painted).toBeGreaterThan(1000)
      const snapEngine = async (name: string) => {
        const dir = path.join(REPO_ROOT, 'test-results', 'screenshots')
        mkdirSync(dir, { recursive: true })
        const file = path.join(dir, `${testInfo.project.name}-${name}.png`)
        await page.locator('#engine').screenshot({ path: file })
        await testInfo.attach(name, { path: file, contentType: 'image/png' })
      }
      await snapEngine('graph-engine-overview')

      // An expansion: 50 fields and their edges patched in, only they laid out, then drawn.
      const expand = await page.evaluate(() =>
        (globalThis as unknown as { graphBench: BenchApi }).graphBench.expand(),
      )
      expect(expand).toMatchObject({ added: 100, children: 50 })
      // The opened asset made room in its layer: no two nodes of that layer overlap. Nodes out
      // of sight move after the frame, a few per task (make-room.ts): the check waits for them.
      const covered = () =>
        page.evaluate(() => {
          const { engine } = (globalThis as unknown as { cys(): { engine: BoxProbe } }).cys()
          const box = engine.nodes(':parent').boundingBox({ includeLabels: false })
          const layer = engine
            .nodes()
            .orphans()
            .map((n) => ({ id: n.id(), b: n.boundingBox({ includeLabels: false }) }))
            .filter(({ b }) => b.x1 < box.x2 && b.x2 > box.x1)
            .sort((p, q) => p.b.y1 - q.b.y1)
          const overlapping: string[] = []
          for (let i = 1; i < layer.length; i++) {
            if (layer[i]!.b.y1 < layer[i - 1]!.b.y2) {
              overlapping.push(`${layer[i - 1]!.id} / ${layer[i]!.id}`)
            }
          }
          return overlapping
        })
      await expect.poll(covered).toEqual([])
      const stale = await page.evaluate(() => {
        const g = globalThis as unknown as {
          cys(): { engine: unknown }
          lib: { staleGeometry(cy: unknown): { edges: number; nodes: number } }
        }
        return g.lib.staleGeometry(g.cys().engine)
      })
      expect(stale).toEqual({ edges: 0, nodes: 0 })
      // Zoom 1 on the expanded topic: its fields in a column inside it, their edges drawn.
      await snapEngine('graph-engine-expanded')
      expect(errors).toEqual([])
    })
  })
})

/** The parts of a cytoscape instance and its canvas renderer (3.34) read above. */
interface EngineProbe {
  nodes(): {
    length: number
    filter(f: (n: { position(): { x: number; y: number } }) => boolean): { length: number }
  }
  edges(): { length: number }
  renderer(): { NODE: number; data: { canvases: HTMLCanvasElement[] } }
}

interface Box {
  x1: number
  x2: number
  y1: number
  y2: number
}
interface BoxNodes {
  boundingBox(opts: { includeLabels: boolean }): Box
  id(): string
  orphans(): BoxNodes
  map<T>(f: (n: BoxNodes) => T): T[]
}
/** The parts of a cytoscape instance read by the room check. */
interface BoxProbe {
  nodes(selector?: string): BoxNodes
}
