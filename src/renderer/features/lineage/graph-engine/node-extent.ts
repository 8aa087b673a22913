import type { Core } from 'cytoscape'

/**
 * Width and height of the box around the nodes' centres (a plain loop, ~1 ms for 5,000 nodes):
 * a cheap lower bound of the graph's drawn box, which adds node sizes, edges and labels.
 * Undefined for an empty graph.
 */
export function nodeCentresExtent(cy: Core): { w: number; h: number } | undefined {
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
  return x1 === Infinity ? undefined : { w: x2 - x1, h: y2 - y1 }
}
