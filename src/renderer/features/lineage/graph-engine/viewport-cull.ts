import type { Core, EventObject } from 'cytoscape'
import { trackNodeExtent } from './node-extent'
import { layeredCacheServes } from './viewport-mode'
import { clipSegment } from './clip-edge-lines'

/**
 * Full redraws that only look at what is in view, where cytoscape's layered texture cache
 * cannot serve (zoomed in on a big graph). Issue 6: expanding a node ≤ 200 ms, and every
 * change to the elements costs one full redraw.
 *
 * There cytoscape's canvas renderer, per redraw, first asks its layered cache for layers
 * (`getLayers`: over all elements, for this zoom's level and the ones around it, before it
 * finds the layer would be too big) and then walks every element, calling `boundingBox()`
 * (a closure and a cache key per call) to skip the ones out of view. On bench/graph's
 * 15,000-element overview at zoom 1 that is ~45 ms of bookkeeping for a view that holds ~1,350
 * elements. Here, when the cache cannot serve, the renderer is given only the elements whose
 * cached box meets the view (a plain loop over cached fields) and, for straight edges, whose
 * line does (most long edges' boxes meet the view beside their line: ~60% fewer strokes to
 * draw and rasterise), and draws them as it would have: `drawCachedElements`, its own
 * fallback, which still tests each box itself.
 *
 * An element whose cached box may be stale (it, an end or a child moved, its style or data
 * changed since it was last drawn) is always passed on: drawing it refreshes its box. Mirrors
 * cytoscape 3.34's canvas renderer (`drawLayeredElements`, `_private.bbCache`, `labelBounds`,
 * an edge's `rscratch` line); a renderer without them is left alone.
 */

interface Box {
  x1: number
  y1: number
  x2: number
  y2: number
}

interface Ele {
  _private: {
    bbCache?: Box | null
    group?: string
    /** A node's compound parent; an edge's ends. */
    parent?: Ele | null
    source?: Ele
    target?: Ele
    labelBounds?: { all?: Box | null }
    /** The renderer's geometry of an edge (a straight one: its line from start to end). */
    rscratch?: { edgeType?: string; startX?: number; startY?: number; endX?: number; endY?: number }
  }
}

interface Renderer {
  drawLayeredElements(context: unknown, eles: Ele[], pxRatio: number, extent?: Box): void
  drawCachedElements(context: unknown, eles: Ele[], pxRatio: number, extent?: Box): void
}

/**
 * Model units around a straight edge's line that its stroke and arrowheads can reach (stylesheet:
 * width 1.5, arrow scale 0.8, selected width 3 and overlay padding 4; generous).
 */
export const EDGE_REACH = 30

const apart = (a: Box, b: Box) => a.x2 < b.x1 || a.x1 > b.x2 || a.y2 < b.y1 || a.y1 > b.y2

/** Whether the segment (x1, y1)-(x2, y2) meets `box` (clip-edge-lines.ts's Liang-Barsky clip). */
export function segmentMeetsBox(x1: number, y1: number, x2: number, y2: number, box: Box): boolean {
  return clipSegment(x1, y1, x2, y2, box) !== undefined
}

/**
 * Whether an element with a fresh cached box can show in `extent`: its box meets it and, for a
 * straight edge, its line (within EDGE_REACH) or its labels do. A long edge's box is a big
 * rectangle mostly beside its line: at zoom 1 on bench/graph's overview ~1,300 edge boxes meet
 * the view and ~500 of those lines do.
 */
function canShow(ele: Ele, bb: Box, extent: Box, reach: Box): boolean {
  if (apart(bb, extent)) return false
  const p = ele._private
  const rs = p.rscratch
  if (p.group !== 'edges' || rs?.edgeType !== 'straight') return true
  const { startX, startY, endX, endY } = rs
  if (
    !Number.isFinite(startX) ||
    !Number.isFinite(startY) ||
    !Number.isFinite(endX) ||
    !Number.isFinite(endY)
  ) {
    return true
  }
  const label = p.labelBounds?.all
  if (label && !apart(label, extent)) return true
  return segmentMeetsBox(startX!, startY!, endX!, endY!, reach)
}

/**
 * The elements of `eles` (in order) that can show in `extent` by their cached geometry
 * (`canShow`), or that have none or may have stale geometry (`stale`).
 */
export function inView(eles: readonly Ele[], extent: Box, stale: (ele: Ele) => boolean): Ele[] {
  const reach = {
    x1: extent.x1 - EDGE_REACH,
    y1: extent.y1 - EDGE_REACH,
    x2: extent.x2 + EDGE_REACH,
    y2: extent.y2 + EDGE_REACH,
  }
  const out: Ele[] = []
  for (let i = 0; i < eles.length; i++) {
    const ele = eles[i]!
    const bb = ele._private.bbCache
    if (!bb || stale(ele) || canShow(ele, bb, extent, reach)) out.push(ele)
  }
  return out
}

/**
 * Whether an element's cached box may be stale, given the nodes and edges that moved or changed
 * style or data: those, the ancestors of those nodes (a compound's box is its children's), and
 * every edge with an end among them.
 */
export function staleness(
  changedNodes: ReadonlySet<Ele>,
  changedEdges: ReadonlySet<Ele>,
): (ele: Ele) => boolean {
  if (changedNodes.size === 0 && changedEdges.size === 0) return () => false
  const nodes = new Set<Ele>()
  for (const node of changedNodes) {
    for (let at: Ele | null | undefined = node; at && !nodes.has(at); at = at._private.parent) {
      nodes.add(at)
    }
  }
  return (ele) => {
    const p = ele._private
    if (p.group === 'nodes') return nodes.has(ele)
    return changedEdges.has(ele) || nodes.has(p.source!) || nodes.has(p.target!)
  }
}

/** Install on `cy`'s renderer. Returns a function that removes it. */
export function installViewportCull(cy: Core): () => void {
  const r = (cy as unknown as { renderer?: () => Partial<Renderer> | undefined }).renderer?.()
  if (
    !r ||
    typeof r.drawLayeredElements !== 'function' ||
    typeof r.drawCachedElements !== 'function' ||
    Object.prototype.hasOwnProperty.call(r, 'drawLayeredElements')
  ) {
    return () => undefined
  }
  const renderer = r as Renderer
  const layered = renderer.drawLayeredElements
  // What changed since the last culled redraw (cytoscape checks a position key per call
  // instead). Only the elements named by events are noted here, as they come (an expand's
  // layout moves 50 nodes, one event each); what else they make stale is worked out once, at
  // the redraw (`staleness`).
  const changedNodes = new Set<Ele>()
  const changedEdges = new Set<Ele>()
  // Node centres' extent: a lower bound of the graph's box, so the cache is bypassed only where
  // it certainly cannot make a layer.
  const centres = trackNodeExtent(cy)
  const graphSpan = () => {
    const extent = centres()
    return extent ? { w: extent.w / 1.1, h: extent.h / 1.1 } : { w: 0, h: 0 }
  }
  const onChange = (event: EventObject) => {
    const target = event.target as unknown
    if (target === cy) return
    const ele = target as Ele
    if (ele._private.group === 'nodes') changedNodes.add(ele)
    else changedEdges.add(ele)
  }
  const onRemove = (event: EventObject) => {
    changedNodes.delete(event.target as Ele)
    changedEdges.delete(event.target as Ele)
  }
  renderer.drawLayeredElements = function drawLayeredElements(context, eles, pxRatio, extent) {
    const { w, h } = graphSpan()
    if (!extent || layeredCacheServes(cy.zoom() * pxRatio, w, h)) {
      layered.call(this, context, eles, pxRatio, extent)
      return
    }
    const stale = staleness(changedNodes, changedEdges)
    changedNodes.clear()
    changedEdges.clear()
    this.drawCachedElements(context, inView(eles, extent, stale), pxRatio, extent)
  }
  cy.on('position style data', onChange)
  cy.on('remove', onRemove)
  return () => {
    cy.off('position style data', onChange)
    cy.off('remove', onRemove)
    delete (renderer as Partial<Renderer>).drawLayeredElements
  }
}
