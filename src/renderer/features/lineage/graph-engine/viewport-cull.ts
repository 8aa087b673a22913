import type { Core, EventObject, NodeSingular } from 'cytoscape'
import { layeredCacheServes } from './viewport-mode'

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
 * cached box meets the view (a plain loop over cached fields), and draws them as it would have:
 * `drawCachedElements`, its own fallback, which still tests each box itself.
 *
 * An element whose cached box may be stale (it, an end or a child moved, its style or data
 * changed since it was last drawn) is always passed on: drawing it refreshes its box. Mirrors
 * cytoscape 3.34's canvas renderer (`drawLayeredElements`, `_private.bbCache`); a renderer
 * without them is left alone.
 */

interface Box {
  x1: number
  y1: number
  x2: number
  y2: number
}

interface Ele {
  _private: { bbCache?: Box | null }
}

interface Renderer {
  drawLayeredElements(context: unknown, eles: Ele[], pxRatio: number, extent?: Box): void
  drawCachedElements(context: unknown, eles: Ele[], pxRatio: number, extent?: Box): void
}

/** The elements of `eles` (in order) whose cached box meets `extent`, or that are `stale`. */
export function inView(eles: readonly Ele[], extent: Box, stale: Set<unknown>): Ele[] {
  const out: Ele[] = []
  for (let i = 0; i < eles.length; i++) {
    const ele = eles[i]!
    const bb = ele._private.bbCache
    if (
      !bb ||
      stale.delete(ele) ||
      !(bb.x2 < extent.x1 || bb.x1 > extent.x2 || bb.y2 < extent.y1 || bb.y1 > extent.y2)
    ) {
      out.push(ele)
    }
  }
  return out
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
  // Elements whose cached box may be stale (cytoscape checks a position key per call instead).
  const stale = new Set<unknown>()
  // Node centres' extent: a lower bound of the graph's box, so the cache is bypassed only where
  // it certainly cannot make a layer.
  let span: { w: number; h: number } | undefined
  const graphSpan = () => {
    if (span) return span
    let x1 = Infinity
    let y1 = Infinity
    let x2 = -Infinity
    let y2 = -Infinity
    cy.nodes().forEach((node) => {
      const p = node.position()
      if (p.x < x1) x1 = p.x
      if (p.x > x2) x2 = p.x
      if (p.y < y1) y1 = p.y
      if (p.y > y2) y2 = p.y
    })
    span = x1 === Infinity ? { w: 0, h: 0 } : { w: (x2 - x1) / 1.1, h: (y2 - y1) / 1.1 }
    return span
  }
  const markNode = (node: NodeSingular) => {
    stale.add(node)
    node.connectedEdges().forEach((edge) => void stale.add(edge))
    node.ancestors().forEach((parent) => {
      stale.add(parent)
      parent.connectedEdges().forEach((edge) => void stale.add(edge))
    })
  }
  const onChange = (event: EventObject) => {
    const target = event.target as unknown
    if (target === cy) return
    const ele = event.target as NodeSingular
    if (ele.isNode()) markNode(ele)
    else stale.add(ele)
  }
  const onStructure = (event: EventObject) => {
    span = undefined
    if (event.type === 'remove') stale.delete(event.target)
  }
  renderer.drawLayeredElements = function drawLayeredElements(context, eles, pxRatio, extent) {
    const { w, h } = graphSpan()
    if (!extent || layeredCacheServes(cy.zoom() * pxRatio, w, h)) {
      layered.call(this, context, eles, pxRatio, extent)
      return
    }
    this.drawCachedElements(context, inView(eles, extent, stale), pxRatio, extent)
  }
  cy.on('position style data', onChange)
  cy.on('add remove position', onStructure)
  return () => {
    cy.off('position style data', onChange)
    cy.off('add remove position', onStructure)
    delete (renderer as Partial<Renderer>).drawLayeredElements
  }
}
