import type { Collection, Core } from 'cytoscape'

/**
 * The first drawing of a freshly laid-out graph, prepared in slices while its frames are held
 * (elk-layout.ts), so that the first frame cytoscape draws is one cheap blit (issue 6: no
 * main-thread task over 50 ms during layout).
 *
 * Left to itself, cytoscape does all of it in the first frame after the layout: the style of
 * every element (selector matching), its rendered geometry (edge endpoints, label sizes), its
 * bounding box, and then draws all 15,000 elements of bench/graph's overview into its layered
 * texture cache at once: one task of 1 to 7 s on the bench machine. Here each of those steps
 * runs element by element, SLICE_MS at a time, and the layered cache's layers for the current
 * zoom are filled through its own queue (the one it drains over frames after a change).
 *
 * This reaches into cytoscape 3.34's canvas renderer (the fields below); with a renderer
 * without them, only the style and geometry part runs and the first frame draws the rest, as
 * before.
 */

interface LayeredCache {
  firstGet: boolean
  skipping: boolean
  layersQueue: { size(): number }
  getLayers(eles: unknown[], pxRatio: number, lvl?: number): unknown
  dequeue(pxRatio: number): unknown[]
}

interface Renderer {
  destroyed?: boolean
  data?: { lyrTxrCache?: LayeredCache }
  flushRenderedStyleQueue?: () => void
  recalculateRenderedStyle?: (eles: Collection, useCache?: boolean) => void
  getCachedZSortedEles?: () => unknown[] & { nondrag?: unknown[] }
  getPixelRatio?: () => number
}

/** cytoscape's layered cache skips building layers this long after an invalidation (3.34). */
const INVALIDATION_SKIP_MS = 250
/**
 * Below this many elements the first frame is quick anyway (bench/graph: the cost is linear,
 * ~0.3 ms per element under load), and the wait for the layered cache would only delay it.
 */
export const PREPARE_FROM = 1500
/** Elements per clock read while preparing (a fraction of a millisecond of work). */
const STEP = 5

export interface PrepareOptions {
  /** Work per task, in ms. */
  sliceMs: number
  /** Yield to the event loop (a new task); throws when the work should stop. */
  yieldTask: () => Promise<void>
  /**
   * Set the viewport whose frame is prepared. Called once bounding boxes are known: a `fit`
   * before would compute all of them in one task (bench/graph: 9 s under load).
   */
  view?: (cy: Core) => void
}

/**
 * Prepare `cy`'s next frame as described above. Call while its frames are held (a batch is
 * open), after the positions and the viewport are final.
 */
export async function prepareFirstDraw(cy: Core, opts: PrepareOptions): Promise<void> {
  const r = (cy as unknown as { renderer?: () => Renderer }).renderer?.()
  if (!r || r.destroyed || !r.recalculateRenderedStyle || cy.elements().length < PREPARE_FROM) {
    opts.view?.(cy)
    return
  }
  // Style, rendered geometry and bounding boxes, element by element: nodes first, each marked
  // as having its edges taken care of (what cytoscape's frame does when it queues a moved
  // node's edges for new geometry), then the edges, which are computed here.
  const nodes = cy.nodes()
  const edges = cy.edges()
  await sliced(nodes.length, opts, (from, to) => {
    const part = nodes.slice(from, to)
    part.forEach((node) => {
      styleOf(node)
      const p = privateOf(node)
      p.rstyle.cleanConnected = true
      // cytoscape's first drawing of a node sets this (no background images here) and, as it
      // changed from unset, restyles the node: an invalidation of the layers just filled.
      p.backgrounding ??= false
    })
    r.recalculateRenderedStyle!(part as unknown as Collection, true)
    part.forEach((node) => void node.boundingBox())
  })
  await sliced(edges.length, opts, (from, to) => {
    const part = edges.slice(from, to)
    part.forEach((edge) => styleOf(edge))
    r.recalculateRenderedStyle!(part as unknown as Collection, true)
    part.forEach((edge) => void edge.boundingBox())
  })
  if (cy.destroyed()) return
  opts.view?.(cy)
  // What the first frame's before-render step would do, now cheap (everything is computed):
  // the texture caches learn of the changes, and the time of the invalidation is marked.
  performance.mark('elk:first-draw:flush:start')
  r.flushRenderedStyleQueue?.()
  performance.measure('elk:first-draw:flush', 'elk:first-draw:flush:start')
  const ltc = r.data?.lyrTxrCache
  if (
    !ltc ||
    typeof ltc.getLayers !== 'function' ||
    typeof ltc.dequeue !== 'function' ||
    !r.getCachedZSortedEles ||
    !r.getPixelRatio
  ) {
    return
  }
  // The cache builds no layers right after an invalidation; wait that out (idle, not work).
  await new Promise((resolve) => setTimeout(resolve, INVALIDATION_SKIP_MS + 10))
  await opts.yieldTask()
  performance.mark('elk:first-draw:queue:start')
  const zsorted = r.getCachedZSortedEles()
  const drawn = zsorted.nondrag ?? zsorted
  const pxRatio = r.getPixelRatio()
  // Queue every element into the layers of the current zoom's level (nothing drawn yet); where
  // the layers would be too big (zoomed in), the cache makes none and there is nothing to fill.
  // Drawing a node the first time restyles it (its `:backgrounding` state is set, unchanged in
  // look); inside the held batch that restyle waits for the batch's end and would then throw
  // the layers away. What this phase adds to the batch's restyle list is dropped at its end
  // (a restyle asked by the page in these moments would be dropped with it: seconds at most).
  const pending = (cy as unknown as { _private: { batchStyleEles?: Collection } })._private
    .batchStyleEles
  const pendingBefore = pending?.length ?? 0
  ltc.firstGet = false
  ltc.skipping = false
  ltc.getLayers(drawn, pxRatio)
  performance.measure('elk:first-draw:queue', 'elk:first-draw:queue:start')
  await opts.yieldTask()
  for (;;) {
    const sliceStart = performance.now()
    // One element drawn into its layer per dequeue; the clock is read after each.
    while (ltc.layersQueue.size() > 0 && performance.now() - sliceStart < opts.sliceMs) {
      ltc.dequeue(pxRatio)
    }
    performance.measure('elk:first-draw:slice', { start: sliceStart })
    if (ltc.layersQueue.size() === 0) break
    await opts.yieldTask()
    if (cy.destroyed()) return
  }
  if (pending && pending.length > pendingBefore) {
    pending.unmerge(pending.slice(pendingBefore))
  }
}

/** Apply a dirty element's style, as a frame would (`pstyle` is not in the typings). */
function styleOf(ele: unknown): void {
  void (ele as { pstyle(p: string): unknown }).pstyle('display')
}

/** The element fields of cytoscape 3.34 written here. */
function privateOf(ele: unknown): {
  rstyle: { cleanConnected?: boolean }
  backgrounding?: boolean
} {
  return (ele as { _private: ReturnType<typeof privateOf> })._private
}

/** Run `work(from, to)` over [0, count) in steps of STEP, sliceMs per task. */
async function sliced(
  count: number,
  opts: PrepareOptions,
  work: (from: number, to: number) => void,
): Promise<void> {
  let k = 0
  while (k < count) {
    const sliceStart = performance.now()
    while (k < count && performance.now() - sliceStart < opts.sliceMs) {
      const to = Math.min(k + STEP, count)
      work(k, to)
      k = to
    }
    performance.measure('elk:first-draw:slice', { start: sliceStart })
    if (k < count) await opts.yieldTask()
  }
}
