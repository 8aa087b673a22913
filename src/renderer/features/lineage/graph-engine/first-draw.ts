import type { BoundingBox12, Collection, Core } from 'cytoscape'
import { elementCount } from './element-count'
import { sortDrawOrderInSlices } from './incremental-zorder'
import { queueLayersInSlices, type LayerQueueing } from './queue-layers'
import { LayerRasteriser } from './rasterise-layers'

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
  getCachedZSortedEles?: (forceRecalc?: boolean) => unknown[] & { nondrag?: unknown[] }
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
   * Set the viewport whose frame is prepared. Called once bounding boxes are known, with the
   * graph's box from them (`fitBounds` fits to it): `cy.fit` would check all 15,000 boxes
   * again in one task (bench/graph: ~0.9 s under load).
   */
  view?: ViewFn
}

/** Set the viewport; `bounds`, when given, is the graph's box (what `cy.fit` would compute). */
export type ViewFn = (cy: Core, bounds?: BoundingBox12) => void

/**
 * `cy.fit(undefined, padding)` to a box already known, no closer than `maxZoom`, centred (the
 * same zoom and pan as cytoscape's fit, then zoom and centre when capped).
 */
export function fitBounds(
  cy: Core,
  bb: BoundingBox12,
  padding: number,
  maxZoom = cy.maxZoom(),
): void {
  const w = cy.width()
  const h = cy.height()
  const bw = bb.x2 - bb.x1
  const bh = bb.y2 - bb.y1
  if (!(bw > 0 && bh > 0)) {
    cy.fit(undefined, padding)
    return
  }
  let zoom = Math.min((w - 2 * padding) / bw, (h - 2 * padding) / bh)
  zoom = Math.max(cy.minZoom(), Math.min(zoom, cy.maxZoom(), maxZoom))
  cy.viewport({
    zoom,
    pan: { x: (w - zoom * (bb.x1 + bb.x2)) / 2, y: (h - zoom * (bb.y1 + bb.y2)) / 2 },
  })
}

/**
 * Prepare `cy`'s next frame as described above. Call while its frames are held (a batch is
 * open), after the positions and the viewport are final.
 */
export async function prepareFirstDraw(cy: Core, opts: PrepareOptions): Promise<void> {
  const r = (cy as unknown as { renderer?: () => Renderer }).renderer?.()
  if (!r || r.destroyed || !r.recalculateRenderedStyle || elementCount(cy) < PREPARE_FROM) {
    opts.view?.(cy)
    return
  }
  // A task of its own from here: the caller's last step (applying ELK's answer) used its share,
  // and the collections below are 5,000 and 10,000 elements each.
  await opts.yieldTask()
  const bounds = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity }
  // Style, rendered geometry and bounding boxes, element by element: nodes first, each marked
  // as having its edges taken care of (what cytoscape's frame does when it queues a moved
  // node's edges for new geometry), then the edges, which are computed here.
  // Computing a box marks the element for recalculation in cytoscape's next frame (it cannot
  // tell the box was computed from fresh geometry): each slice marks its elements clean again
  // and lets the renderer take note of them (texture-cache invalidation), so that next frame
  // has nothing left to do. Without this, that frame's bookkeeping was one task over all
  // 15,000 elements (bench/graph: 0.9 to 10 s).
  const nodes = cy.nodes()
  await opts.yieldTask()
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
    part.forEach((node) => {
      void node.boundingBox()
      markClean(node)
    })
    r.flushRenderedStyleQueue?.()
  })
  await sliced(edges.length, opts, (from, to) => {
    const part = edges.slice(from, to)
    part.forEach((edge) => styleOf(edge))
    r.recalculateRenderedStyle!(part as unknown as Collection, true)
    part.forEach((edge) => {
      void edge.boundingBox()
      markClean(edge)
    })
    r.flushRenderedStyleQueue?.()
  })
  if (cy.destroyed()) return
  // The graph's box from the boxes just computed (cytoscape's fit would check each again).
  const extend = (ele: unknown) => {
    const bb = privateOf(ele).bbCache
    if (!bb) return
    bounds.x1 = Math.min(bounds.x1, bb.x1)
    bounds.y1 = Math.min(bounds.y1, bb.y1)
    bounds.x2 = Math.max(bounds.x2, bb.x2)
    bounds.y2 = Math.max(bounds.y2, bb.y2)
  }
  nodes.forEach(extend)
  edges.forEach(extend)
  opts.view?.(cy, bounds.x1 === Infinity ? undefined : bounds)
  // What the first frame's before-render step would do, now cheap (everything is computed):
  // the texture caches learn of any change left, and the time of the invalidation is marked.
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
  // Sorted afresh: inside the held batch cytoscape has not been told of the add yet, and its
  // cached order may be that of a frame drawn before it (an empty instance: nothing queued).
  // In slices (keys first), not in one task.
  const zsorted =
    (await sortDrawOrderInSlices(cy, { sliceMs: opts.sliceMs, yieldTask: opts.yieldTask })) ??
    r.getCachedZSortedEles(true)
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
  // In slices where the cache has no layers at this zoom yet (queue-layers.ts); else in one call.
  const queued =
    isLayerQueueing(ltc) &&
    (await queueLayersInSlices(ltc, drawn, cy.zoom(), pxRatio, {
      sliceMs: opts.sliceMs,
      yieldTask: opts.yieldTask,
    }))
  if (!queued) {
    withCachedBoxes(cy, () => ltc.getLayers(drawn, pxRatio))
    performance.measure('elk:first-draw:queue', 'elk:first-draw:queue:start')
  }
  await opts.yieldTask()
  // The layers' pixels made as they are drawn, a few elements at a time (rasterise-layers.ts).
  const raster = new LayerRasteriser()
  for (;;) {
    const sliceStart = performance.now()
    // One element drawn into its layer per dequeue; the clock is read after each.
    while (ltc.layersQueue.size() > 0 && performance.now() - sliceStart < opts.sliceMs) {
      raster.beforeDequeue(ltc)
      ltc.dequeue(pxRatio)
    }
    raster.rasterise()
    performance.measure('elk:first-draw:slice', { start: sliceStart })
    if (ltc.layersQueue.size() === 0) break
    await opts.yieldTask()
    if (cy.destroyed()) return
  }
  if (pending && pending.length > pendingBefore) {
    pending.unmerge(pending.slice(pendingBefore))
  }
}

function isLayerQueueing(ltc: unknown): ltc is LayerQueueing {
  const q = ltc as Partial<LayerQueueing>
  return (
    typeof q.makeLayer === 'function' &&
    typeof q.queueLayer === 'function' &&
    typeof q.layersByLevel === 'object' &&
    q.layersByLevel !== null
  )
}

/** Apply a dirty element's style, as a frame would (`pstyle` is not in the typings). */
function styleOf(ele: unknown): void {
  void (ele as { pstyle(p: string): unknown }).pstyle('display')
}

/**
 * Run `fn` with every element's `boundingBox()` (no options) answered from its cached box, when
 * it has one and no pending style: the layered cache asks each element's box twice while
 * queueing, and cytoscape checks each answer's freshness by building a key from the positions
 * (bench/graph: one task of 1 to 2.7 s). The boxes were all computed in the slices above, after
 * the last move.
 */
function withCachedBoxes(cy: Core, fn: () => void): void {
  const proto = Object.getPrototypeOf(cy.collection()) as {
    boundingBox: (this: Collection, options?: unknown) => unknown
  }
  const original = proto.boundingBox
  proto.boundingBox = function boundingBox(this: Collection, options?: unknown) {
    if (options === undefined && this.length === 1) {
      const p = privateOf(this[0])
      if (p.bbCache && !p.styleDirty) return p.bbCache
    }
    return original.call(this, options)
  }
  try {
    fn()
  } finally {
    proto.boundingBox = original
  }
}

/** Rendered style and geometry are up to date (set after computing them and the box). */
function markClean(ele: unknown): void {
  const rstyle = privateOf(ele).rstyle
  rstyle.clean = true
  rstyle.cleanConnected = true
}

/** The element fields of cytoscape 3.34 written here. */
function privateOf(ele: unknown): {
  bbCache?: BoundingBox12 | null
  styleDirty?: boolean
  rstyle: { clean?: boolean; cleanConnected?: boolean }
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
