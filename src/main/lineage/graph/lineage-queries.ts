import type {
  LineageDirection,
  LineageEdge,
  LineageGraph,
  LineageNode,
} from '../../../shared/model/lineage'
import type { LineageIndex } from './lineage-index'

/** Queries over a LineageIndex: a node's neighbourhood, and the estate overview. */

export interface NeighbourhoodQuery {
  urn: string
  direction: LineageDirection
  depth: number
  /** Default: the URN's own level. A field at asset level is its asset; an asset at field level is its fields. */
  level?: 'asset' | 'field'
  maxFanOut: number
}

/** Collects nodes and edges of a result, with the parent assets of fields (the UI groups by them). */
export class GraphBuilder {
  private readonly nodeUrns = new Set<string>()
  private readonly edges = new Map<string, LineageEdge>()
  readonly frontier = new Set<string>()
  readonly collapsed: Record<string, number> = {}

  constructor(private readonly index: LineageIndex) {}

  addNode(urn: string): void {
    this.nodeUrns.add(urn)
  }

  addEdge(edge: LineageEdge): void {
    this.edges.set(edge.id, edge)
    this.nodeUrns.add(edge.from)
    this.nodeUrns.add(edge.to)
  }

  build(focus?: string): LineageGraph {
    const nodes: LineageNode[] = []
    const seen = new Set<string>()
    const add = (urn: string) => {
      if (seen.has(urn)) return
      const node = this.index.nodes.get(urn)
      if (!node) return
      seen.add(urn)
      if (node.assetUrn) add(node.assetUrn)
      nodes.push(node)
    }
    for (const urn of this.nodeUrns) add(urn)
    const graph: LineageGraph = {
      nodes,
      edges: [...this.edges.values()],
      frontier: [...this.frontier],
    }
    if (focus !== undefined) graph.focus = focus
    if (Object.keys(this.collapsed).length > 0) graph.collapsed = this.collapsed
    return graph
  }
}

/** The URNs a query starts from at `level`. */
export function seedsAt(index: LineageIndex, urn: string, level: 'asset' | 'field'): string[] {
  const node = index.nodes.get(urn)
  if (!node) return []
  if (node.level === level) return [urn]
  if (level === 'asset') return [node.assetUrn ?? urn]
  return index.fieldsOf.get(urn) ?? []
}

/**
 * Breadth-first, each direction on its own (so "both" never wanders up then down to siblings).
 * A node past the depth with more edges, or whose fan-out was cut at `maxFanOut`, is frontier.
 */
export function neighbourhood(index: LineageIndex, q: NeighbourhoodQuery): LineageGraph {
  const focus = index.nodes.get(q.urn)
  if (!focus) throw new Error(`No lineage node ${q.urn}`)
  const result = new GraphBuilder(index)
  if (focus.kind === 'connector') {
    // A connector's lineage is what it moves: its edges, at asset level unless asked for fields.
    result.addNode(q.urn)
    for (const edge of index.carried(q.urn, q.level ?? 'asset')) result.addEdge(edge)
    return result.build(q.urn)
  }
  const level = q.level ?? focus.level
  const seeds = seedsAt(index, q.urn, level)
  for (const seed of seeds) result.addNode(seed)
  const walk = (dir: 'up' | 'down') => {
    const dist = new Map<string, number>(seeds.map((s) => [s, 0]))
    let frontier = seeds
    for (let depth = 0; frontier.length > 0; depth++) {
      const next: string[] = []
      for (const urn of frontier) {
        const edges = dir === 'down' ? index.out(urn, level) : index.in(urn, level)
        if (edges.length === 0) continue
        if (depth >= q.depth) {
          result.frontier.add(urn)
          continue
        }
        let taken = edges
        if (edges.length > q.maxFanOut) {
          taken = edges.slice(0, q.maxFanOut)
          result.collapsed[urn] = (result.collapsed[urn] ?? 0) + edges.length - q.maxFanOut
          result.frontier.add(urn)
        }
        for (const edge of taken) {
          result.addEdge(edge)
          const other = dir === 'down' ? edge.to : edge.from
          if (!dist.has(other)) {
            dist.set(other, depth + 1)
            next.push(other)
          }
        }
      }
      frontier = next
    }
  }
  if (q.direction !== 'down') walk('up')
  if (q.direction !== 'up') walk('down')
  return result.build(q.urn)
}

/**
 * The whole estate at asset level: every data asset, connector (with its state) and model, and
 * the asset edges between them (a connector is on its edges' `via`, not an end of them).
 */
export function overview(index: LineageIndex, sources?: readonly string[]): LineageGraph {
  const only = sources && sources.length > 0 ? new Set(sources) : undefined
  const keep = (node: LineageNode | undefined) =>
    node !== undefined && (!only || only.has(node.source))
  const result = new GraphBuilder(index)
  for (const node of index.nodes.values())
    if (node.level === 'asset' && keep(node)) result.addNode(node.urn)
  for (const edge of index.assetEdges)
    if (keep(index.nodes.get(edge.from)) && keep(index.nodes.get(edge.to))) result.addEdge(edge)
  return result.build()
}
