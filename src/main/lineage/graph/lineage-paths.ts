import type { LineageEdge, LineagePath } from '../../../shared/model/lineage'
import type { LineageIndex } from './lineage-index'
import { GraphBuilder } from './lineage-queries'

/**
 * The k shortest simple paths between two nodes (Yen's algorithm over hop counts), downstream
 * from `from` to `to`. When none run that way but some run from `to` to `from`, those are
 * returned with `from` and `to` swapped, so the answer always reads in the direction data flows.
 * Two fields: field level; an asset on either end: asset level.
 */

type Adjacent = (urn: string) => readonly LineageEdge[]

/** Fewest hops from `source` to `target` avoiding some nodes and edges; the edges, or undefined. */
function shortest(
  out: Adjacent,
  source: string,
  target: string,
  bannedNodes: ReadonlySet<string>,
  bannedEdges: ReadonlySet<string>,
): LineageEdge[] | undefined {
  if (source === target) return []
  const via = new Map<string, LineageEdge>()
  const seen = new Set([source])
  let frontier = [source]
  while (frontier.length > 0) {
    const next: string[] = []
    for (const urn of frontier)
      for (const edge of out(urn)) {
        if (bannedEdges.has(edge.id) || bannedNodes.has(edge.to) || seen.has(edge.to)) continue
        seen.add(edge.to)
        via.set(edge.to, edge)
        if (edge.to === target) {
          const path: LineageEdge[] = []
          for (let at = target; at !== source;) {
            const e = via.get(at)!
            path.push(e)
            at = e.from
          }
          return path.reverse()
        }
        next.push(edge.to)
      }
    frontier = next
  }
  return undefined
}

const keyOf = (path: readonly LineageEdge[]) => path.map((e) => e.id).join(',')

export function kShortestPaths(
  out: Adjacent,
  from: string,
  to: string,
  k: number,
): LineageEdge[][] {
  const first = shortest(out, from, to, new Set(), new Set())
  if (!first || first.length === 0) return []
  const found: LineageEdge[][] = [first]
  const candidates: LineageEdge[][] = []
  const known = new Set([keyOf(first)])
  while (found.length < k) {
    const previous = found[found.length - 1]!
    for (let i = 0; i < previous.length; i++) {
      const spur = i === 0 ? from : previous[i - 1]!.to
      const root = previous.slice(0, i)
      const rootKey = keyOf(root)
      const bannedEdges = new Set<string>()
      for (const p of found)
        if (p.length > i && keyOf(p.slice(0, i)) === rootKey) bannedEdges.add(p[i]!.id)
      const bannedNodes = new Set<string>([from, ...root.map((e) => e.to)])
      bannedNodes.delete(spur)
      const tail = shortest(out, spur, to, bannedNodes, bannedEdges)
      if (!tail) continue
      const path = [...root, ...tail]
      const key = keyOf(path)
      if (known.has(key)) continue
      known.add(key)
      candidates.push(path)
    }
    if (candidates.length === 0) break
    candidates.sort((a, b) => a.length - b.length)
    found.push(candidates.shift()!)
  }
  return found
}

export function lineagePaths(
  index: LineageIndex,
  from: string,
  to: string,
  maxPaths: number,
): LineagePath {
  const a = index.nodes.get(from)
  const b = index.nodes.get(to)
  if (!a || !b) throw new Error(`No lineage node ${a ? to : from}`)
  const level = a.level === 'field' && b.level === 'field' ? 'field' : 'asset'
  const at = (urn: string) => (level === 'asset' ? (index.nodes.get(urn)?.assetUrn ?? urn) : urn)
  const out: Adjacent = (urn) => index.out(urn, level)
  let [start, end] = [at(from), at(to)]
  let paths = kShortestPaths(out, start, end, maxPaths)
  if (paths.length === 0) {
    const reverse = kShortestPaths(out, end, start, maxPaths)
    if (reverse.length > 0) {
      paths = reverse
      ;[start, end] = [end, start]
    }
  }
  const graph = new GraphBuilder(index)
  graph.addNode(start)
  graph.addNode(end)
  for (const path of paths) for (const edge of path) graph.addEdge(edge)
  return {
    from: start,
    to: end,
    paths: paths.map((p) => p.map((e) => e.id)),
    graph: graph.build(start),
  }
}
