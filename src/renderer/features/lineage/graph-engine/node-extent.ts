import type { Core } from 'cytoscape'
import { liveElements } from './element-count'

/** cytoscape 3.34's fields read here (an element's group and position, no copies). */
interface Ele {
  _private: { group: string; position: { x: number; y: number } }
}

/**
 * Width and height of the box around the nodes' centres: a cheap lower bound of the graph's
 * drawn box, which adds node sizes, edges and labels. Undefined for an empty graph.
 *
 * A plain loop over cytoscape's own live list of elements (liveElements): `cy.nodes()` would
 * first build a collection of the 5,000 nodes with an index of their ids (bench/graph: 4-12 ms
 * in the redraw after an expand, where an add made it needed again).
 */
export function nodeCentresExtent(cy: Core): { w: number; h: number } | undefined {
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
  return x1 === Infinity ? undefined : { w: x2 - x1, h: y2 - y1 }
}
