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
function centresBox(cy: Core): Box | undefined {
  let x1 = Infinity
  let y1 = Infinity
  let x2 = -Infinity
  let y2 = -Infinity
  const eles = liveElements(cy) as unknown as ArrayLike<Ele>
  for (let i = 0; i < eles.length; i++) {
    const p = eles[i]!._private
    if (p.group !== 'nodes') continue
    const { x, y } = p.position
    if (x < x1) x1 = x
    if (x > x2) x2 = x
    if (y < y1) y1 = y
    if (y > y2) y2 = y
  }
  return x1 === Infinity ? undefined : { x1, y1, x2, y2 }
}

/**
 * Node moves and adds taken into a known box before it is computed again from scratch: an
 * expand places ~100 nodes; a whole layout moves them all and may shrink the graph.
 */
const GROW_LIMIT = 1000

/** One tracker per instance, whoever asks (viewport-mode, viewport-cull, translate-pan). */
const trackers = new WeakMap<Core, () => { w: number; h: number } | undefined>()

/**
 * nodeCentresExtent of `cy`, kept up to date from its events instead of a pass over every node
 * each time something moved: the redraw after an expand asked for it again (a pass over
 * bench/graph's 15,000 elements, ~5 ms of the expand's 200, issue 6).
 *
 * Added and moved nodes grow the known box; a removal, or more than GROW_LIMIT of them, has it
 * computed afresh when next asked. Between those the box may be larger than the centres' own
 * (a node moved inwards from the edge): its readers use it to choose between two ways of
 * drawing that both draw correctly, so a box a little too large costs at most speed.
 */
export function trackNodeExtent(cy: Core): () => { w: number; h: number } | undefined {
  const known = trackers.get(cy)
  if (known) return known
  let box: Box | undefined
  let fresh = false
  let grown = 0
  const grow = (event: EventObject) => {
    if (!fresh) return
    const p = (event.target as unknown as Ele)._private
    if (p.group !== 'nodes') return
    if (++grown > GROW_LIMIT) {
      fresh = false
      return
    }
    const { x, y } = p.position
    if (!box) box = { x1: x, y1: y, x2: x, y2: y }
    else {
      if (x < box.x1) box.x1 = x
      if (x > box.x2) box.x2 = x
      if (y < box.y1) box.y1 = y
      if (y > box.y2) box.y2 = y
    }
  }
  const forget = () => {
    fresh = false
  }
  cy.on('add position', grow)
  cy.on('remove', forget)
  const read = () => {
    if (!fresh) {
      box = centresBox(cy)
      fresh = true
      grown = 0
    }
    return box && { w: box.x2 - box.x1, h: box.y2 - box.y1 }
  }
  trackers.set(cy, read)
  return read
}
