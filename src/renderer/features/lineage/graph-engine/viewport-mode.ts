import type { Core } from 'cytoscape'
import { trackNodeExtent } from './node-extent'

/**
 * How a pan or zoom is drawn, chosen per view (issue 6: a scripted pan of the 5,000-node
 * overview at ≤ 33 ms per forced redraw; bench/graph measures it).
 *
 * cytoscape's canvas renderer has two cheap ways to redraw a moved view, and neither wins
 * everywhere:
 * - its *layered texture cache* (LTC): the whole graph drawn once into a few offscreen layers,
 *   then blitted. Used whenever those layers fit (zoomed out); then a pan costs one small
 *   `drawImage`. The viewport texture below costs more there (bench/graph: ~5-17 ms against
 *   ~2 ms at the fitted overview), so it is switched off once the LTC's layers are built.
 * - `textureOnViewport`: one texture of the current view, moved while a gesture lasts. When the
 *   LTC cannot serve (zoomed in on a big graph its layers would be too large), every frame
 *   otherwise walks all 15,000 elements and strokes every long edge crossing the view
 *   (bench/graph: 150-400 ms per redraw at zoom 1); the texture makes it ~5-17 ms.
 *
 * cytoscape only uses the texture during user gestures. Here a *burst* of programmatic viewport
 * changes (keyboard panning, animated fits, a script's `panBy` steps) gets it too, through the
 * flag and timer cytoscape's own wheel handler uses: the second change within BURST_MS of the
 * previous one (or of the redraw it caused) turns it on, and it is released (one full redraw)
 * RELEASE_MS after the last change. A single programmatic jump (a fit, centring on a node) is
 * drawn normally: a texture would cost a second full redraw for nothing.
 *
 * This reaches into cytoscape 3.34's renderer (fields below, read in its `render()`); if a
 * future version drops them, the effect is only that pans redraw fully, as by default.
 */

/** The layered texture cache's limits (cytoscape 3.34, src/extensions/renderer/canvas/layered-texture-cache.js). */
const LTC = { minLevel: -4, maxLevel: 2, maxZoom: 3.99, maxArea: 4000 * 4000, maxDim: 32767 }

/** A programmatic viewport change this soon after the previous one (or its redraw) is a burst. */
export const BURST_MS = 200
/** Full redraw this long after the last change of a burst (cytoscape's wheel uses 150 ms). */
export const RELEASE_MS = 150

/** Half a node's extent beyond its position (stylesheet.ts: 168 × 30 nodes, borders, labels). */
const NODE_MARGIN = 100

/**
 * Whether cytoscape's layered texture cache can draw a graph spanning `width` × `height`
 * (model units) at `zoom`: its layer for that zoom's level must fit its size limits. A 10%
 * margin covers edges and labels beyond the node boxes this is computed from.
 */
export function layeredCacheServes(zoom: number, width: number, height: number): boolean {
  let level = Math.ceil(Math.log2(zoom))
  if (level < LTC.minLevel) level = LTC.minLevel
  else if (zoom >= LTC.maxZoom || level > LTC.maxLevel) return false
  const scale = 2 ** level
  const w = Math.ceil(width * 1.1 * scale)
  const h = Math.ceil(height * 1.1 * scale)
  return w <= LTC.maxDim && h <= LTC.maxDim && w * h <= LTC.maxArea
}

/** The layered texture cache's state this module reads (cytoscape 3.34). */
interface LayeredCache {
  skipping?: boolean
  levelIsComplete?(level: number, eles: unknown[]): boolean
}

/** The renderer fields this module steers (cytoscape 3.34 canvas renderer). */
interface CanvasRenderer {
  textureOnViewport: boolean
  getCachedZSortedEles?(): unknown[] & { nondrag?: unknown[] }
  /** The draw order cytoscape keeps between frames; null when it must be sorted again. */
  cachedZSortedEles?: unknown[] | null
  textureCache?: unknown
  pinching?: boolean
  swipePanning?: boolean
  hoverData?: { dragging?: boolean }
  data?: {
    wheelZooming?: boolean
    wheelTimeout?: ReturnType<typeof setTimeout>
    lyrTxrCache?: LayeredCache
  }
  redrawHint(group: 'eles' | 'drag', dirty: boolean): void
  redraw(): void
}

/**
 * Whether the layered cache has layers ready to draw now: some level complete for the elements
 * drawn (cytoscape then uses it, blurrier if it is not the current zoom's), and no recent
 * invalidation making it skip. Right after a layout it has none, and builds them over many
 * frames; until then a redraw without the viewport texture draws every element (bench/graph:
 * ~450 ms at the fitted overview on a loaded machine), so the texture stays on.
 */
function layeredCacheReady(r: CanvasRenderer): boolean {
  const ltc = r.data?.lyrTxrCache
  // No draw order kept: nothing was drawn since elements came, so no layer holds them. Asking
  // for the order would sort every element inside this event (the app's first fit of the
  // overview, when it was added before any frame: 45-60 ms in one task, bench/graph app-run).
  if (!r.cachedZSortedEles) return false
  const eles = r.getCachedZSortedEles?.()
  if (!ltc?.levelIsComplete || !eles || ltc.skipping) return false
  const drawn = eles.nondrag ?? eles
  for (let level = LTC.minLevel; level <= LTC.maxLevel; level++) {
    if (ltc.levelIsComplete(level, drawn)) return true
  }
  return false
}

function rendererOf(cy: Core): CanvasRenderer | undefined {
  const r = (cy as unknown as { renderer?: () => unknown }).renderer?.() as
    Partial<CanvasRenderer> | undefined
  if (!r || typeof r.textureOnViewport !== 'boolean' || !r.data || !r.hoverData) return undefined
  return r as CanvasRenderer
}

/**
 * Steer `cy`'s renderer as described above, from now until `cy` is destroyed. Returns a function
 * that stops it. Does nothing on a headless instance or a renderer without these fields.
 */
export function installViewportMode(cy: Core): () => void {
  const r = rendererOf(cy)
  if (!r) return () => undefined
  const data = r.data!
  const centres = trackNodeExtent(cy)
  let lastActivity = -Infinity
  let awaitingRender = false
  let inBurst = false

  const graphSize = () => {
    // Node centres only (kept from events, node-extent.ts): the LTC's own box adds edges and
    // labels, which stay within NODE_MARGIN and the 10% of layeredCacheServes.
    const extent = centres()
    return extent
      ? { w: extent.w + 2 * NODE_MARGIN, h: extent.h + 2 * NODE_MARGIN }
      : { w: 0, h: 0 }
  }

  const gesture = () =>
    Boolean(
      r.pinching || r.swipePanning || r.hoverData?.dragging || (data.wheelZooming && !inBurst),
    )

  const release = () => {
    const idle = performance.now() - lastActivity
    if (idle < RELEASE_MS) {
      // A long redraw inside the burst (the texture's first frame) is activity too.
      data.wheelTimeout = setTimeout(release, RELEASE_MS - idle)
      return
    }
    inBurst = false
    data.wheelZooming = false
    r.redrawHint('eles', true)
    r.redraw()
  }

  const onViewport = () => {
    const { w, h } = graphSize()
    const texture = !layeredCacheServes(cy.zoom(), w, h) || !layeredCacheReady(r)
    if (texture !== r.textureOnViewport) {
      r.textureOnViewport = texture
      // A texture left from an earlier gesture would be drawn again: start afresh.
      r.textureCache = null
    }
    if (gesture()) return
    const now = performance.now()
    const burst = now - lastActivity < BURST_MS
    lastActivity = now
    awaitingRender = true
    if (!burst || !texture) return
    inBurst = true
    data.wheelZooming = true
    clearTimeout(data.wheelTimeout)
    data.wheelTimeout = setTimeout(release, RELEASE_MS)
  }
  const onRender = () => {
    if (!awaitingRender && !inBurst) return
    awaitingRender = false
    lastActivity = performance.now()
  }

  cy.on('viewport', onViewport)
  cy.on('render', onRender)
  return () => {
    cy.off('viewport', onViewport)
    cy.off('render', onRender)
  }
}
