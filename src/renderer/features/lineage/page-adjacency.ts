import type { LineageEdge, LineageGraph, LineageNode } from '../../../shared/model/lineage'
import { graphIndex } from './graph-engine/graph-index'

/*
 * The graph's fields and edges by the top-level node (asset, connector) they touch, for
 * pageElementsAfter (page-elements.ts): built once, then brought up to each next graph in place.
 */

/** The top-level node an element of the graph is drawn in or as: a field's asset, or itself. */
export function topOf(byUrn: ReadonlyMap<string, LineageNode>, urn: string): string {
  const node = byUrn.get(urn)
  if (node) return node.level === 'field' && node.assetUrn ? node.assetUrn : urn
  const hash = urn.indexOf('#')
  return hash < 0 ? urn : urn.slice(0, hash)
}

/** A graph's edges and fields by the top-level node they touch, kept from one graph to the next. */
export interface Adjacency {
  fieldsOf: Map<string, LineageNode[]>
  edgesAt: Map<string, LineageEdge[]>
  edgesVia: Map<string, LineageEdge[]>
  edgeById: Map<string, LineageEdge>
  /** Each edge's place in the graph's edges (a merged edge reads its first member). */
  edgeOrder: Map<string, number>
}

export function viaConnector(edge: LineageEdge): string | undefined {
  return edge.via.kind === 'connector' ? edge.via.urn : undefined
}

/** How many nodes or edges a step of adjacencySteps goes through before it yields. */
const STEP = 2000

/**
 * A graph's adjacency, built in steps: each `next()` goes through up to STEP nodes or edges, so
 * the 15,000 of a big overview can be done between frames (pageElementsDrawer's prepare).
 */
export function* adjacencySteps(graph: LineageGraph): Generator<void, Adjacency> {
  const { byUrn } = graphIndex(graph)
  const fieldsOf = new Map<string, LineageNode[]>()
  const edgesAt = new Map<string, LineageEdge[]>()
  const edgesVia = new Map<string, LineageEdge[]>()
  const edgeById = new Map<string, LineageEdge>()
  const edgeOrder = new Map<string, number>()
  const push = <T>(map: Map<string, T[]>, key: string, item: T) => {
    const list = map.get(key)
    if (list) list.push(item)
    else map.set(key, [item])
  }
  let count = 0
  for (const node of graph.nodes) {
    if (node.level === 'field' && node.assetUrn) push(fieldsOf, node.assetUrn, node)
    if (++count % STEP === 0) yield
  }
  for (const edge of graph.edges) {
    edgeById.set(edge.id, edge)
    edgeOrder.set(edge.id, edgeOrder.size)
    const from = topOf(byUrn, edge.from)
    const to = topOf(byUrn, edge.to)
    push(edgesAt, from, edge)
    if (to !== from) push(edgesAt, to, edge)
    const via = viaConnector(edge)
    if (via) push(edgesVia, via, edge)
    if (++count % STEP === 0) yield
  }
  return { fieldsOf, edgesAt, edgesVia, edgeById, edgeOrder }
}

/**
 * `prev` brought to `next`, which is `prevGraph` with the graphs `added` merged in (mergeGraphs:
 * a node's first object stays, an edge's last replaces it). Changed in place: O(the additions),
 * and `prev` is the next graph's from then on (the state that held it is spent).
 */
export function advanceAdjacency(
  adjacency: Adjacency,
  prevGraph: LineageGraph,
  next: LineageGraph,
  added: readonly LineageGraph[],
): void {
  const before = graphIndex(prevGraph).byUrn
  const { byUrn } = graphIndex(next)
  const { fieldsOf, edgesAt, edgesVia, edgeById, edgeOrder } = adjacency
  const listOf = <T>(map: Map<string, T[]>, key: string): T[] => {
    let list = map.get(key)
    if (!list) map.set(key, (list = []))
    return list
  }
  const newNodes = new Set<string>()
  const newEdges = new Map<string, LineageEdge>()
  for (const graph of added) {
    for (const node of graph.nodes) {
      if (before.has(node.urn) || newNodes.has(node.urn) || byUrn.get(node.urn) !== node) continue
      newNodes.add(node.urn)
      if (node.level === 'field' && node.assetUrn) listOf(fieldsOf, node.assetUrn).push(node)
    }
    for (const edge of graph.edges) newEdges.set(edge.id, edge)
  }
  for (const [id, edge] of newEdges) {
    const old = edgeById.get(id)
    edgeById.set(id, edge)
    if (!old) edgeOrder.set(id, edgeOrder.size)
    const from = topOf(byUrn, edge.from)
    const to = topOf(byUrn, edge.to)
    for (const top of from === to ? [from] : [from, to]) {
      const list = listOf(edgesAt, top)
      const at = old ? list.indexOf(old) : -1
      if (at >= 0) list[at] = edge
      else list.push(edge)
    }
    const via = viaConnector(edge)
    const oldVia = old ? viaConnector(old) : undefined
    if (oldVia && oldVia !== via) {
      const list = listOf(edgesVia, oldVia)
      list.splice(list.indexOf(old!), 1)
    }
    if (via) {
      const list = listOf(edgesVia, via)
      const at = old && oldVia === via ? list.indexOf(old) : -1
      if (at >= 0) list[at] = edge
      else list.push(edge)
    }
  }
}
