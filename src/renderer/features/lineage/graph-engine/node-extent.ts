import type { Core, EventObject } from 'cytoscape'
import { liveElements } from './element-count'

/** cytoscape 3.34's fields read here (an element's group and position, no copies). */
interface Ele {
  _private: { group: string; position: { x: number; y: number } }
}

interface Box {
  x1: number
  y1: number
  x2: number
  y2: number
}

/**
 * The box around the nodes' centres: a cheap lower bound of the graph's drawn box, which adds
 * node sizes, edges and labels. Undefined for an empty graph.
 *
 * A plain loop over cytoscape's own live list of elements (liveElements): `cy.nodes()` would
 * first build a collection of the 5,000 nodes with an index of their ids.
 */
function centresBox(cy: Core, visit?: (node: Ele) => void): Box | undefined {
  let x1 = Infinity
  let y1 = Infinity
  let x2 = -Infinity
  let y2 = -Infinity
  const eles = liveElements(cy) as unknown as ArrayLike<Ele>
  for (let i = 0; i < eles.length; i++) {
    const p = eles[i]!._private
    if (p.group !== 'nodes') continue
    visit?.(eles[i]!)
    const { x, y } = p.position
    if (x < x1) x1 = x
    if (x > x2) x2 = x
    if (y < y1) y1 = y
    if (y > y2) y2 = y
  }
  return x1 === Infinity ? undefined : { x1, y1, x2, y2 }
}

/** One tracker per instance, whoever asks (viewport-mode, viewport-cull, translate-pan). */
const trackers = new WeakMap<Core, () => { w: number; h: number } | undefined>()

/**
 * The width and height of `cy`'s node centres' box, kept from its events instead of a pass over
 * every node each time something moved: the redraw after an expand asked for it again (a pass
 * over bench/graph's 15,000 elements, ~5 ms of the expand's 200, issue 6).
 *
 * Exact: an added or moved node grows the box; a node that held one of its edges and moved, or
 * was removed, has it computed afresh when next asked (translate-pan shifts the picture only for
 * a graph wholly on the canvas, which a box left too large would wrongly deny).
 */
export function trackNodeExtent(cy: Core): () => { w: number; h: number } | undefined {
  const known = trackers.get(cy)
  if (known) return known
  let box: Box | undefined
  let fresh = false
  /** Where each node was when last seen: whether a move takes it off the box's edge. */
  const seen = new Map<Ele, { x: number; y: number }>()
  const onEdge = (at: { x: number; y: number }) =>
    box !== undefined && (at.x === box.x1 || at.x === box.x2 || at.y === box.y1 || at.y === box.y2)
  const moved = (event: EventObject) => {
    if (!fresh) return
    const ele = event.target as unknown as Ele
    const p = ele._private
    if (p.group !== 'nodes') return
    const before = seen.get(ele)
    if (before && onEdge(before)) {
      fresh = false
      return
    }
    const { x, y } = p.position
    seen.set(ele, { x, y })
    if (!box) box = { x1: x, y1: y, x2: x, y2: y }
    else {
      if (x < box.x1) box.x1 = x
      if (x > box.x2) box.x2 = x
      if (y < box.y1) box.y1 = y
      if (y > box.y2) box.y2 = y
    }
  }
  const removed = (event: EventObject) => {
    if (!fresh) return
    const ele = event.target as unknown as Ele
    const before = seen.get(ele)
    seen.delete(ele)
    if (before && onEdge(before)) fresh = false
  }
  cy.on('add position', moved)
  cy.on('remove', removed)
  const read = () => {
    if (!fresh) {
      seen.clear()
      box = centresBox(cy, (ele) => seen.set(ele, { ...ele._private.position }))
      fresh = true
    }
    return box && { w: box.x2 - box.x1, h: box.y2 - box.y1 }
  }
  trackers.set(cy, read)
  return read
}
