import type { Core } from 'cytoscape'
import { setClass } from './graph-engine/classes'
import type { LineageEdgeData } from './graph-engine/to-elements'
import type { LineageSelection } from './lineage-store'

/**
 * What a tap on a drawn edge selects: the suggestion it draws, the one lineage edge, or, for an
 * edge standing for several field edges merged onto collapsed assets, all of them.
 */
export function selectionOfEdge(data: LineageEdgeData): LineageSelection {
  if (data.suggestionId) return { kind: 'edge', id: data.suggestionId }
  if (data.edgeIds.length === 1) return { kind: 'edge', id: data.edgeIds[0]! }
  return { kind: 'edge', id: data.id, members: [...data.edgeIds] }
}

/** The drawn element that shows a selection (an edge may be drawn merged, or as a suggestion). */
export function cyIdOf(cy: Core, selection: LineageSelection): string | undefined {
  if (selection.kind === 'node') {
    return cy.getElementById(selection.urn).nonempty() ? selection.urn : undefined
  }
  const { id } = selection
  if (cy.getElementById(id).nonempty()) return id
  if (cy.getElementById(`suggestion:${id}`).nonempty()) return `suggestion:${id}`
  const holder = cy
    .edges()
    .filter((edge) => ((edge.data('edgeIds') as string[] | undefined) ?? []).includes(id))
  return holder.nonempty() ? holder.first().id() : undefined
}

/**
 * The path highlight, with the engine's run-time classes: drawn edges carrying one of the path's
 * lineage edges and the nodes they join get `path` (a coloured line, a coloured border);
 * everything but them and the ends' compound parents is `dimmed`. Call inside cy.batch().
 */
export function highlightPath(cy: Core, pathEdges: ReadonlySet<string>): void {
  const all = cy.elements()
  const onPath =
    pathEdges.size === 0
      ? cy.collection()
      : cy
          .edges()
          .filter((edge) =>
            ((edge.data('edgeIds') as string[] | undefined) ?? []).some((id) => pathEdges.has(id)),
          )
  const ends = onPath.connectedNodes()
  const lit = onPath.union(ends)
  // Only the elements whose classes change are touched (setClass): this runs on every render
  // that changes the elements, and a path is rarely highlighted.
  if (lit.empty()) {
    setClass(all, 'path', false)
    setClass(all, 'dimmed', false)
    return
  }
  setClass(lit, 'path', true)
  setClass(all.difference(lit), 'path', false)
  const kept = lit.union(ends.ancestors())
  setClass(kept, 'dimmed', false)
  setClass(all.difference(kept), 'dimmed', true)
}

/** Fitting never zooms past this: a node or two alone would otherwise fill the canvas. */
export const MAX_FIT_ZOOM = 1.25

/** Fits the graph in view with `padding`, no closer than MAX_FIT_ZOOM, centred. */
export function fitView(cy: Core, padding: number): void {
  cy.fit(undefined, padding)
  if (cy.zoom() > MAX_FIT_ZOOM) {
    cy.zoom(MAX_FIT_ZOOM)
    cy.center()
  }
}
