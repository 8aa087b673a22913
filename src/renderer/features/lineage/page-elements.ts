import type { ElementDefinition } from 'cytoscape'
import type { LineageGraph, LineageSuggestion } from '../../../shared/model/lineage'
import { displayGraph } from './display-elements'
import { withoutOverlay } from './graph-classes'
import { toCyElements } from './graph-engine/to-elements'
import { suggestionsInView } from './lineage-logic'
import { advanceAdjacency } from './page-adjacency'
import {
  drawIndexSteps,
  isMadeConnector,
  own,
  ownersOf,
  topsOfNodes,
  type DrawIndex,
} from './page-draw-index'
import { dirtyPart } from './page-dirty-part'

/*
 * The Lineage page's element steps (toCyElements, displayGraph, withoutOverlay) as one pure
 * function, and the same computed from the last answer and the change: an expand on a 15,000-
 * element overview (issue 6: 200 ms for all of it) must not run three passes over all of them.
 *
 * The change reaches a set of top-level nodes (assets, connectors: the dirty set), and through
 * their edges a halo around them. The full steps run on that subgraph; their elements owned by the
 * dirty set replace the last answer's. page-elements.test.ts holds it equal to the full steps,
 * element by element, on random estates and random sequences of changes.
 */

/** What the page's element steps read. */
export interface PageElementsInput {
  graph: LineageGraph
  suggestions: readonly LineageSuggestion[]
  /** Assets drawn opened to their fields. */
  expanded: ReadonlySet<string>
  /** Opened assets showing every field. */
  showAll: ReadonlySet<string>
  /** Nodes always shown: the focus, the selection, the path's nodes. */
  keep: ReadonlySet<string>
  overlay: boolean
  cap?: number
}

export interface PageElements {
  elements: ElementDefinition[]
  /** The elements before withoutOverlay (one for one with `elements`): to toggle the overlay. */
  shown: ElementDefinition[]
  parents: ReadonlySet<string>
  folded: number
  madeConnectors: boolean
}

/** The page's steps over the whole graph: toCyElements, displayGraph, withoutOverlay. */
export function pageElementsFull(input: PageElementsInput): PageElements {
  const engine = toCyElements(input.graph, {
    suggestions: suggestionsInView(input.suggestions, input.graph),
    expanded: input.expanded,
  })
  const keep = new Set(input.keep)
  if (input.graph.focus) keep.add(input.graph.focus)
  const shown = displayGraph(engine, {
    showAll: input.showAll,
    keep,
    ...(input.cap !== undefined ? { cap: input.cap } : {}),
  })
  return {
    elements: overlaid(shown.elements, shown.parents, input.overlay),
    shown: shown.elements,
    parents: shown.parents,
    folded: shown.folded,
    madeConnectors: shown.madeConnectors,
  }
}

function overlaid(
  shown: readonly ElementDefinition[],
  parents: ReadonlySet<string>,
  overlay: boolean,
): ElementDefinition[] {
  // With the overlay on, only compound parents lose it (their fields carry it).
  return overlay ? withoutOverlay(shown, parents) : withoutOverlay(shown)
}

/** The page's elements with what the next incremental step needs. */
export interface PageElementsState {
  input: PageElementsInput
  output: PageElements
  /**
   * The drawing's index: handed on from state to state; built for a drawing of the full steps
   * when the page is idle (`indexing` holds the steps begun), else by the next expand.
   */
  index?: DrawIndex
  indexing?: Generator<void, DrawIndex>
  /**
   * Handed on: pageElementsAfter changes the index in place for the next state (O(change));
   * a spent state given again (a render done twice) is drawn by the full steps.
   */
  spent: boolean
  /** How this state was drawn: by the full steps, or on a part (how many top-level nodes, elements). */
  drawn: { by: 'full' } | { by: 'part'; dirty: number; elements: number }
}

/**
 * The last output's elements and their pre-overlay twins without `removed` (pre-overlay ones).
 * An expansion removes a few dozen of 15,000: found by indexOf and cut out by slices, which
 * are native copies, rather than by a lookup and a push per element.
 */
function withoutRemoved(
  last: PageElements,
  removed: ReadonlySet<ElementDefinition>,
): [ElementDefinition[], ElementDefinition[]] {
  if (removed.size === 0) return [last.elements, last.shown]
  let at: number[] = []
  if (removed.size <= 64) at = [...removed].map((el) => last.shown.indexOf(el))
  // Many, or one not found (the index out of step with the drawing, which the tests rule out):
  // one pass, which can only take what is drawn.
  if (removed.size > 64 || at.includes(-1)) {
    at = []
    last.shown.forEach((el, i) => {
      if (removed.has(el)) at.push(i)
    })
  }
  at.sort((a, b) => a - b)
  const cut = (list: ElementDefinition[]) => {
    const parts: ElementDefinition[][] = []
    let from = 0
    for (const i of at) {
      parts.push(list.slice(from, i))
      from = i + 1
    }
    parts.push(list.slice(from))
    return ([] as ElementDefinition[]).concat(...parts)
  }
  return [cut(last.elements), cut(last.shown)]
}

/** The full steps, with their state for pageElementsAfter (its index built later). */
export function pageElementsState(input: PageElementsInput): PageElementsState {
  return { input, output: pageElementsFull(input), spent: false, drawn: { by: 'full' } }
}

/**
 * Builds some of the state's index while `more()` says there is time: true when it is built.
 * (At least one step is taken each call.)
 */
export function prepareIndex(state: PageElementsState, more: () => boolean): boolean {
  if (state.index) return true
  state.indexing ??= drawIndexSteps(state.input, state.output)
  for (;;) {
    const step = state.indexing.next()
    if (step.done) {
      state.index = step.value
      state.indexing = undefined
      return true
    }
    if (!more()) return false
  }
}

/**
 * The page's elements for `next`, which is `prev`'s question with the graphs `added` merged into
 * its graph and perhaps more assets opened or showing all their fields: the full steps run on
 * the part of the graph the change reaches, and their elements replace the ones of that part.
 * Anything else changed: the full steps.
 */
export function pageElementsAfter(
  prev: PageElementsState,
  next: PageElementsInput,
  added: readonly LineageGraph[],
): PageElementsState {
  const was = prev.input
  if (
    prev.spent ||
    next.suggestions !== was.suggestions ||
    next.cap !== was.cap ||
    next.graph.focus !== was.graph.focus
  ) {
    return pageElementsState(next)
  }
  if (added.length === 0 && next.graph !== was.graph) return pageElementsState(next)
  // Not built yet (an expand before the page was ever idle): built now, whole.
  prepareIndex(prev, () => true)
  const index = prev.index!
  prev.spent = true
  const { adjacency } = index
  advanceAdjacency(adjacency, was.graph, next.graph, added)
  const part = dirtyPart(was, next, added, adjacency)
  if (!part) {
    // Nothing to draw again: at most the overlay differs.
    const output =
      next.overlay === was.overlay
        ? prev.output
        : {
            ...prev.output,
            elements: overlaid(prev.output.shown, prev.output.parents, next.overlay),
          }
    return {
      ...prev,
      input: next,
      output,
      spent: false,
      drawn: { by: 'part', dirty: 0, elements: 0 },
    }
  }
  const { dirty } = part
  const sub = pageElementsFull({ ...next, graph: part.subgraph })

  // Splice: the last elements outside the dirty part, the new ones inside it.
  const { topOfNode, ownedBy } = index
  const nodesBefore = topOfNode.size
  const removed = new Set<ElementDefinition>()
  for (const t of dirty) for (const el of ownedBy.get(t) ?? []) removed.add(el)
  let folded = prev.output.folded
  let madeCount = index.madeCount
  let removedNodes = 0
  // Every owner found before any node's top is forgotten: an edge read after its end node would
  // be looked for under the wrong owner, and left behind there.
  for (const el of removed) for (const t of ownersOf(el, topOfNode)) ownedBy.get(t)?.delete(el)
  for (const el of removed) {
    if (el.group !== 'nodes') continue
    removedNodes++
    topOfNode.delete(el.data.id!)
    folded -= (el.data as { hiddenCount?: number }).hiddenCount ?? 0
    if (isMadeConnector(el)) madeCount--
  }
  const subTops = topsOfNodes(sub.elements)
  const owned = (el: ElementDefinition) => ownersOf(el, subTops).some((t) => dirty.has(t))
  // Drawn and before the overlay, one for one (withoutOverlay maps element to element).
  const freshNodes: ElementDefinition[] = []
  const freshNodesShown: ElementDefinition[] = []
  const freshEdges: ElementDefinition[] = []
  const freshEdgesShown: ElementDefinition[] = []
  sub.elements.forEach((el, i) => {
    if (!owned(el)) return
    if (el.group === 'nodes') {
      freshNodes.push(el)
      freshNodesShown.push(sub.shown[i]!)
      topOfNode.set(el.data.id!, subTops.get(el.data.id!)!)
      folded += (el.data as { hiddenCount?: number }).hiddenCount ?? 0
      if (isMadeConnector(el)) madeCount++
    } else {
      freshEdges.push(el)
      freshEdgesShown.push(sub.shown[i]!)
    }
  })
  for (const el of freshNodesShown) own(ownedBy, el, topOfNode)
  for (const el of freshEdgesShown) own(ownedBy, el, topOfNode)

  // The last elements are nodes first: the kept ones stay so, the new nodes go after them.
  const last = prev.output
  const [kept, keptShown] = withoutRemoved(last, removed)
  const parents = new Set([...last.parents].filter((p) => !dirty.has(p)))
  for (const p of sub.parents) if (dirty.has(p)) parents.add(p)
  const keptNodes = nodesBefore - removedNodes
  const splice = (
    keptOnes: ElementDefinition[],
    nodes: ElementDefinition[],
    edges: ElementDefinition[],
  ) => keptOnes.slice(0, keptNodes).concat(nodes, keptOnes.slice(keptNodes), edges)
  const shown = splice(keptShown, freshNodesShown, freshEdgesShown)
  // The overlay switched too: every element is drawn with it or without it again.
  const elements =
    next.overlay === was.overlay
      ? splice(kept, freshNodes, freshEdges)
      : overlaid(shown, parents, next.overlay)
  return {
    input: next,
    output: {
      elements,
      shown,
      parents,
      folded,
      madeConnectors: madeCount > 0,
    },
    index: { topOfNode, ownedBy, madeCount, adjacency },
    spent: false,
    drawn: { by: 'part', dirty: dirty.size, elements: sub.elements.length },
  }
}

/** What a page's graph was merged from (useLineageView): its base, then the expansions in order. */
export interface GraphParts {
  base: LineageGraph
  expansions: readonly LineageGraph[]
  /** A path's graph merged last: the next expansion would go before it, so no incremental step. */
  withPath: boolean
}

/** The expansions `next` has after `prev`'s, or undefined when `next` is not `prev` plus more. */
export function expansionsAdded(prev: GraphParts, next: GraphParts): LineageGraph[] | undefined {
  if (prev.base !== next.base || prev.withPath || next.withPath) return undefined
  if (next.expansions.length < prev.expansions.length) return undefined
  for (let i = 0; i < prev.expansions.length; i++) {
    // An expansion answered again (refetched) is another object: its old elements may be stale.
    if (prev.expansions[i] !== next.expansions[i]) return undefined
  }
  return next.expansions.slice(prev.expansions.length)
}

/** The page's element steps with the last drawing kept (one per page: pageElementsDrawer). */
export interface PageElementsDrawer {
  /**
   * The elements for `input`: drawn from the last drawing when the graph only grew by expansions
   * (pageElementsAfter), else by the full steps.
   */
  draw(input: PageElementsInput, parts: GraphParts): PageElementsState
  /**
   * Builds some of the last drawing's index while `more()` says there is time (the page calls it
   * when idle), so that an expand does not build it: true when there is nothing left to build.
   */
  prepare(more: () => boolean): boolean
}

export function pageElementsDrawer(): PageElementsDrawer {
  let last: { state: PageElementsState; parts: GraphParts } | undefined
  return {
    draw(input, parts) {
      const added = last ? expansionsAdded(last.parts, parts) : undefined
      const state =
        last && added ? pageElementsAfter(last.state, input, added) : pageElementsState(input)
      last = { state, parts }
      return state
    },
    prepare: (more) => (last ? prepareIndex(last.state, more) : true),
  }
}
