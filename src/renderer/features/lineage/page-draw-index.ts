import type { ElementDefinition } from 'cytoscape'
import { adjacencySteps, type Adjacency } from './page-adjacency'
import type { PageElements, PageElementsInput } from './page-elements'

/*
 * What pageElementsAfter (page-elements.ts) needs of the last drawing besides its elements:
 * which top-level node owns each element, and the graph's adjacency. Built once for a drawing
 * made by the full steps (in steps, when the page is idle: pageElementsDrawer's prepare), then
 * changed in place from drawing to drawing.
 */

export interface DrawIndex {
  /** Every drawn node's top-level node: its compound parent, or itself. */
  topOfNode: Map<string, string>
  /**
   * The drawn elements (as in `output.shown`, before the overlay) by top-level node: the nodes it
   * holds, the edges with an end in it.
   */
  ownedBy: Map<string, Set<ElementDefinition>>
  /** How many connector nodes were made from edges. */
  madeCount: number
  adjacency: Adjacency
}

/** How many elements a step of drawIndexSteps goes through before it yields. */
const STEP = 2000

/** The index of a drawing, in steps of STEP elements (then the adjacency's own steps). */
export function* drawIndexSteps(
  input: PageElementsInput,
  output: PageElements,
): Generator<void, DrawIndex> {
  const topOfNode = new Map<string, string>()
  let madeCount = 0
  let count = 0
  for (const el of output.shown) {
    if (el.group === 'nodes') {
      topOfNode.set(el.data.id!, topOfDrawn(el))
      if (isMadeConnector(el)) madeCount++
    }
    if (++count % STEP === 0) yield
  }
  const ownedBy = new Map<string, Set<ElementDefinition>>()
  for (const el of output.shown) {
    own(ownedBy, el, topOfNode)
    if (++count % STEP === 0) yield
  }
  const adjacency = yield* adjacencySteps(input.graph)
  return { topOfNode, ownedBy, madeCount, adjacency }
}

/** The top-level nodes an element belongs to (one for a node, the two ends' for an edge). */
export function ownersOf(el: ElementDefinition, tops: ReadonlyMap<string, string>): string[] {
  if (el.group === 'nodes') return [tops.get(el.data.id!) ?? el.data.id!]
  const source = el.data.source as string
  const target = el.data.target as string
  const a = tops.get(source) ?? source
  const b = tops.get(target) ?? target
  return a === b ? [a] : [a, b]
}

export function own(
  owned: Map<string, Set<ElementDefinition>>,
  el: ElementDefinition,
  tops: ReadonlyMap<string, string>,
): void {
  for (const t of ownersOf(el, tops)) {
    let set = owned.get(t)
    if (!set) owned.set(t, (set = new Set()))
    set.add(el)
  }
}

/** A drawn node's top-level node: its compound parent, or itself. */
const topOfDrawn = (node: ElementDefinition): string =>
  (node.data.parent as string | undefined) ?? node.data.id!

export function topsOfNodes(elements: readonly ElementDefinition[]): Map<string, string> {
  const tops = new Map<string, string>()
  for (const el of elements) if (el.group === 'nodes') tops.set(el.data.id!, topOfDrawn(el))
  return tops
}

export const isMadeConnector = (el: ElementDefinition) =>
  el.group === 'nodes' && el.data.synthetic === true && el.data.kind === 'connector'
