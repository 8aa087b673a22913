/**
 * Queue every element into cytoscape's layered texture cache in slices (issue 6: no main-thread
 * task over 50 ms while the overview opens). first-draw.ts fills the cache's layers for the
 * first frame of a freshly laid-out graph; cytoscape's own `getLayers` queues all 15,000
 * elements of bench/graph's overview in one call (181-253 ms under load in the last run).
 *
 * This does what `getLayers` does for a level that has no layers yet, with the cache's own
 * `makeLayer` and `queueLayer`, a few hundred elements per task: cytoscape 3.34 puts a level's
 * elements into one layer (`defNumLayers` = 1) spanning their boxes, unless that layer would be
 * too big (then the level has no layers: zoomed in), and queues each element in draw order.
 * The layer and queue are then what `getLayers` would have made, and its later calls find the
 * level as if it had made them. A level that already has layers is left to `getLayers`.
 */

export interface Box {
  x1: number
  y1: number
  x2: number
  y2: number
}

interface Layer {
  eles: unknown[]
}

/** The parts of cytoscape 3.34's layered texture cache used here. */
export interface LayerQueueing {
  layersByLevel: Record<number, Layer[] | undefined>
  makeLayer(bb: Box & { w: number; h: number }, lvl: number): Layer
  queueLayer(layer: Layer, ele: unknown): void
}

interface Ele {
  _private: { bbCache?: Box | null; rscratch: { imgLayerCaches?: Record<number, Layer> } }
}

/** The layered cache's limits (cytoscape 3.34, layered-texture-cache.js). */
const LTC = { minLevel: -4, maxLevel: 2, maxZoom: 3.99, maxArea: 4000 * 4000, maxDim: 32767 }

/** The cache's level for a zoom, as `getLayers` picks it; undefined where it makes none. */
export function cacheLevel(zoom: number, pxRatio: number): number | undefined {
  const level = Math.ceil(Math.log2(zoom * pxRatio))
  if (level < LTC.minLevel) return LTC.minLevel
  if (zoom >= LTC.maxZoom || level > LTC.maxLevel) return undefined
  return level
}

/** Whether a layer spanning `bb` at `level` is within the cache's size limits. */
export function layerFits(bb: Box, level: number): boolean {
  const scale = 2 ** level
  const w = Math.ceil((bb.x2 - bb.x1) * scale)
  const h = Math.ceil((bb.y2 - bb.y1) * scale)
  return w <= LTC.maxDim && h <= LTC.maxDim && w * h <= LTC.maxArea
}

/** The union of the elements' cached boxes; undefined if one has none. */
export function unionOfBoxes(eles: readonly Ele[]): (Box & { w: number; h: number }) | undefined {
  let x1 = Infinity
  let y1 = Infinity
  let x2 = -Infinity
  let y2 = -Infinity
  for (const ele of eles) {
    const bb = ele._private.bbCache
    if (!bb) return undefined
    if (bb.x1 < x1) x1 = bb.x1
    if (bb.y1 < y1) y1 = bb.y1
    if (bb.x2 > x2) x2 = bb.x2
    if (bb.y2 > y2) y2 = bb.y2
  }
  if (x1 === Infinity) return undefined
  return { x1, y1, x2, y2, w: x2 - x1, h: y2 - y1 }
}

export interface QueueSliceOptions {
  sliceMs: number
  /** Yield to the event loop; throws when the work should stop. */
  yieldTask: () => Promise<void>
}

/**
 * Queue `eles` (the renderer's draw order) into a new layer of the cache's level for `zoom`.
 * Returns false, having done nothing, where `getLayers` must decide instead (the level has
 * layers, an element has no cached box) or there is nothing to do (the layer would not fit).
 */
export async function queueLayersInSlices(
  ltc: LayerQueueing,
  eles: readonly unknown[],
  zoom: number,
  pxRatio: number,
  opts: QueueSliceOptions,
): Promise<boolean> {
  const level = cacheLevel(zoom, pxRatio)
  if (level === undefined) return true
  if ((ltc.layersByLevel[level]?.length ?? 0) > 0) return false
  const all = eles as readonly Ele[]
  const bb = unionOfBoxes(all)
  if (!bb) return false
  if (!layerFits(bb, level)) return true
  const layer = ltc.makeLayer(bb, level)
  ltc.layersByLevel[level] = [layer]
  let k = 0
  while (k < all.length) {
    const sliceStart = performance.now()
    // A few elements between clock reads: queueing one is a heap update, microseconds.
    while (k < all.length && performance.now() - sliceStart < opts.sliceMs) {
      const to = Math.min(k + 50, all.length)
      for (; k < to; k++) {
        const ele = all[k]!
        const caches = (ele._private.rscratch.imgLayerCaches ??= {})
        if (caches[level]) continue
        ltc.queueLayer(layer, ele)
        layer.eles.push(ele)
        caches[level] = layer
      }
    }
    performance.measure('elk:first-draw:queue:slice', { start: sliceStart })
    if (k < all.length) await opts.yieldTask()
  }
  return true
}
