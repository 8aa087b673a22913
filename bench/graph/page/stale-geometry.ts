import type { Core } from 'cytoscape'

/**
 * How many elements of `cy` are drawn from geometry that no longer matches their positions:
 * each edge's endpoints and path (cytoscape's `rscratch`) and each node's rendered position
 * (`rstyle`) are compared with a recomputation from scratch. The opening leaves the geometry of
 * the add and of the layout's moves to prepareFirstDraw (flushChanges, `geometry: false`), so
 * an element it missed would be drawn where it no longer is; the bench refuses such a run.
 * Call once the measured part is over: it recomputes every element (a second or so).
 */
export function staleGeometry(cy: Core): { edges: number; nodes: number; example?: string } {
  const r = (cy as unknown as { renderer(): GeometryRenderer }).renderer()
  const read = (): Map<string, number[]> => {
    const out = new Map<string, number[]>()
    cy.edges().forEach((edge) => {
      const rs = privateOf(edge).rscratch
      out.set(edge.id(), [rs.startX, rs.startY, rs.endX, rs.endY, ...(rs.allpts ?? [])])
    })
    cy.nodes().forEach((node) => {
      const rstyle = privateOf(node).rstyle
      out.set(node.id(), [rstyle.nodeX, rstyle.nodeY])
    })
    return out
  }
  const before = read()
  r.recalculateRenderedStyle(cy.elements(), false)
  let edges = 0
  let nodes = 0
  let example: string | undefined
  for (const [id, after] of read()) {
    const was = before.get(id)!
    const same = was.length === after.length && was.every((v, i) => Math.abs(v - after[i]!) < 1e-6)
    if (same) continue
    if (cy.getElementById(id).isEdge()) edges++
    else nodes++
    example ??= `${id}: [${was.map((v) => v.toFixed(1)).join(', ')}] drawn, [${after.map((v) => v.toFixed(1)).join(', ')}] now`
  }
  return { edges, nodes, ...(example ? { example } : {}) }
}

interface GeometryRenderer {
  recalculateRenderedStyle(eles: unknown, useCache: boolean): void
}

/** The fields of cytoscape 3.34's elements read here. */
function privateOf(ele: unknown): {
  rscratch: { startX: number; startY: number; endX: number; endY: number; allpts?: number[] }
  rstyle: { nodeX: number; nodeY: number }
} {
  return (ele as { _private: ReturnType<typeof privateOf> })._private
}
