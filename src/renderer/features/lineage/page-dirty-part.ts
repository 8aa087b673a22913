import type { LineageEdge, LineageGraph, LineageNode } from '../../../shared/model/lineage'
import { graphIndex } from './graph-engine/graph-index'
import { topOf, viaConnector, type Adjacency } from './page-adjacency'
import type { PageElementsInput } from './page-elements'

/** What a change of the page's question reaches, for pageElementsAfter (page-elements.ts). */
export interface DirtyPart {
  /**
   * The top-level nodes (assets, connectors) whose drawn elements may differ: those the change
   * touches, and every one they pull in (an opened asset an edge of theirs reaches, a connector
   * routing one of their edges).
   */
  dirty: Set<string>
  /**
   * What the full steps draw the dirty nodes' elements from: the dirty nodes whole, every edge
   * of theirs, the other ends (the halo) and the focus.
   */
  subgraph: LineageGraph
}

/**
 * The part of `next`'s graph the change from `was` reaches (`added`: the expansions merged in
 * since), with `adjacency` already brought up to `next`. Undefined when no node is dirty.
 */
export function dirtyPart(
  was: PageElementsInput,
  next: PageElementsInput,
  added: readonly LineageGraph[],
  adjacency: Adjacency,
): DirtyPart | undefined {
  const { graph } = next
  const { byUrn, fieldOwners } = graphIndex(graph)
  const top = (urn: string) => topOf(byUrn, urn)

  // The dirty set: top-level nodes whose elements may differ.
  const dirty = new Set<string>()
  const queue: string[] = []
  const markDirty = (t: string) => {
    if (dirty.has(t)) return
    dirty.add(t)
    queue.push(t)
  }
  for (const g of added) {
    for (const node of g.nodes) markDirty(top(node.urn))
    for (const edge of g.edges) {
      markDirty(top(edge.from))
      markDirty(top(edge.to))
    }
    if (g.focus) markDirty(top(g.focus))
    for (const urn of g.frontier) markDirty(top(urn))
    for (const urn of Object.keys(g.collapsed ?? {})) markDirty(top(urn))
  }
  // Opened, showing all, kept (a kept field is never folded): where these differ.
  for (const [a, b] of [
    [was.expanded, next.expanded],
    [was.showAll, next.showAll],
    [was.keep, next.keep],
  ] as const) {
    for (const urn of a) if (!b.has(urn)) markDirty(top(urn))
    for (const urn of b) if (!a.has(urn)) markDirty(top(urn))
  }
  if (dirty.size === 0) return undefined

  const focusNode = graph.focus ? byUrn.get(graph.focus) : undefined
  const focusAsset = focusNode?.level === 'field' ? focusNode.assetUrn : undefined
  // A top-level node drawn as a compound parent: its fields are capped together, so it is
  // dirty whole or not at all.
  const isParent = (t: string) =>
    fieldOwners.has(t) &&
    (next.expanded.has(t) || t === focusAsset || byUrn.get(t)?.level !== 'asset')

  const edges = new Map<string, LineageEdge>()
  // An end an edge reaches: dirty too if drawn as a parent, else in the halo (its node and the
  // edge's end drawn, its elements not taken: addNode below).
  const reach = (t: string) => {
    if (!dirty.has(t) && isParent(t)) markDirty(t)
  }
  const take = (edge: LineageEdge) => {
    if (edges.has(edge.id)) return false
    edges.set(edge.id, edge)
    reach(top(edge.from))
    reach(top(edge.to))
    return true
  }
  const openSuggestions = next.suggestions.filter((s) => s.status === 'open')
  while (queue.length > 0) {
    const t = queue.pop()!
    for (const edge of adjacency.edgesAt.get(t) ?? []) {
      take(edge)
      const via = viaConnector(edge)
      if (via) markDirty(via)
    }
    // A connector's hops merge every edge it carries from one asset: all of them, with all the
    // edges between their ends (an asset edge is dropped where field edges detail it).
    for (const edge of adjacency.edgesVia.get(t) ?? []) {
      if (!take(edge)) continue
      const from = top(edge.from)
      const to = top(edge.to)
      for (const other of adjacency.edgesAt.get(from) ?? []) {
        const ends = [top(other.from), top(other.to)]
        if (ends.includes(to) && ends.includes(from)) take(other)
      }
    }
    for (const s of openSuggestions) {
      if (top(s.from) === t) reach(top(s.to))
      if (top(s.to) === t) reach(top(s.from))
    }
  }

  // The subgraph: the dirty nodes whole, the ends their edges and suggestions reach, the focus.
  const nodes = new Map<string, LineageNode>()
  const addNode = (urn: string | undefined) => {
    if (!urn || nodes.has(urn)) return
    const node = byUrn.get(urn)
    if (!node) return
    nodes.set(urn, node)
    if (node.level === 'field' && node.assetUrn) addNode(node.assetUrn)
  }
  for (const t of dirty) {
    addNode(t)
    for (const field of adjacency.fieldsOf.get(t) ?? []) addNode(field.urn)
  }
  for (const edge of edges.values()) {
    addNode(edge.from)
    addNode(edge.to)
  }
  for (const s of openSuggestions) {
    if (dirty.has(top(s.from)) || dirty.has(top(s.to))) {
      addNode(s.from)
      addNode(s.to)
    }
  }
  addNode(graph.focus)
  return {
    dirty,
    subgraph: {
      ...(graph.focus !== undefined ? { focus: graph.focus } : {}),
      // In the graph's order: toCyElements draws in the order it is given.
      nodes: graph.nodes.filter((node) => nodes.has(node.urn)),
      edges: [...edges.values()].sort(
        (a, b) => adjacency.edgeOrder.get(a.id)! - adjacency.edgeOrder.get(b.id)!,
      ),
      frontier: graph.frontier,
      ...(graph.collapsed ? { collapsed: graph.collapsed } : {}),
    },
  }
}
