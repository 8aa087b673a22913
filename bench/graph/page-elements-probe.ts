import { mergeGraphs } from '../../src/renderer/features/lineage/lineage-logic'
import {
  pageElementsAfter,
  pageElementsFull,
  pageElementsState,
  type PageElementsInput,
} from '../../src/renderer/features/lineage/page-elements'
import { overviewGraph, withExpandedTopic } from './synth-graph'

/**
 * A probe by hand (not a bench run): the Lineage page's element steps for opening a topic of
 * bench/graph's overview to its 50 fields, drawn from the last drawing (pageElementsAfter)
 * against the full steps (pageElementsFull), side by side in Node.
 * `npx tsx bench/graph/page-elements-probe.ts`. What the app's user waits for is app-run.ts's.
 */
const built = overviewGraph()
const topic = built.topics[0]!
const full = withExpandedTopic(built, topic)
const baseIds = new Set(built.graph.nodes.map((n) => n.urn))
const baseEdges = new Set(built.graph.edges.map((e) => e.id))
const extra = {
  focus: topic,
  nodes: full.nodes.filter((n) => !baseIds.has(n.urn)),
  edges: full.edges.filter((e) => !baseEdges.has(e.id)),
  frontier: [],
}
// One suggestions list, as the page's query keeps it: a new one would mean "changed".
const NONE: [] = []
const input = (graph: typeof built.graph, open: boolean): PageElementsInput => ({
  graph,
  suggestions: NONE,
  expanded: new Set(open ? [topic] : []),
  showAll: new Set(open ? [topic] : []),
  keep: new Set(),
  overlay: true,
})
for (let round = 0; round < 6; round++) {
  const state = pageElementsState(input(mergeGraphs(built.graph, []), false))
  const after = input(mergeGraphs(built.graph, [extra]), true)
  let t = performance.now()
  const inc = pageElementsAfter(state, after, [extra])
  const incMs = performance.now() - t
  // A new graph object for the full steps, so no cache of the incremental run helps them.
  const again = input(mergeGraphs(built.graph, [extra]), true)
  t = performance.now()
  const all = pageElementsFull(again)
  const fullMs = performance.now() - t
  console.log(
    `round ${round}: incremental ${incMs.toFixed(1)} ms, full ${fullMs.toFixed(1)} ms; elements ${inc.output.elements.length} / ${all.elements.length}`,
  )
}
