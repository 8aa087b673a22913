import type { LineageGraph, LineageNode } from '../../../../shared/model/lineage'

/** What the page's steps look up in a lineage graph: made once per graph object. */
export interface GraphIndex {
  /** Every node by URN. */
  byUrn: ReadonlyMap<string, LineageNode>
  /** The assets (by URN) that have a field node in the graph. */
  fieldOwners: ReadonlySet<string>
}

const indexes = new WeakMap<LineageGraph, GraphIndex>()

/**
 * The index of `graph`, made by one pass over its nodes the first time it is asked, or handed
 * over by the code that made the graph (mergeGraphs builds the same map as it merges): an
 * expand of a 5,000-node overview makes a new graph, and its steps (toCyElements, the page's
 * opened assets) each built their own map of it (issue 6). Graphs are never modified once made.
 */
export function graphIndex(graph: LineageGraph): GraphIndex {
  let index = indexes.get(graph)
  if (!index) {
    const byUrn = new Map<string, LineageNode>()
    const fieldOwners = new Set<string>()
    for (const node of graph.nodes) {
      byUrn.set(node.urn, node)
      if (node.level === 'field' && node.assetUrn) fieldOwners.add(node.assetUrn)
    }
    index = { byUrn, fieldOwners }
    indexes.set(graph, index)
  }
  return index
}

/** Record the index of a graph its maker built anyway (see graphIndex). */
export function rememberGraphIndex(graph: LineageGraph, index: GraphIndex): void {
  indexes.set(graph, index)
}
