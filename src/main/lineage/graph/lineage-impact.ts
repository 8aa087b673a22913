import type { CategoryId } from '../../../shared/model/personal-data'
import type { LineageImpact, LineageNode } from '../../../shared/model/lineage'
import type { LineageIndex } from './lineage-index'
import { seedsAt } from './lineage-queries'

/** Nodes downstream of no owner team are counted under this name. */
export const UNOWNED = '(no owner)'

function counted<K extends string>(keys: readonly K[]): Array<{ key: K; count: number }> {
  const counts = new Map<K, number>()
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1)
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1))
}

/**
 * Everything downstream of a field (field level) or an asset (asset level), each with its hops,
 * owner team and personal-data category (its own, or carried by lineage), grouped for an impact
 * review: who to tell, which categories are involved, which platforms.
 */
export function lineageImpact(index: LineageIndex, urn: string): LineageImpact {
  const start = index.nodes.get(urn)
  if (!start) throw new Error(`No lineage node ${urn}`)
  const level = start.level
  const seeds = seedsAt(index, urn, level)
  const hops = new Map<string, number>(seeds.map((s) => [s, 0]))
  let frontier = seeds
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: string[] = []
    for (const at of frontier)
      for (const edge of index.out(at, level))
        if (!hops.has(edge.to)) {
          hops.set(edge.to, depth)
          next.push(edge.to)
        }
    frontier = next
  }
  const downstream: LineageImpact['downstream'] = []
  const nodes: LineageNode[] = []
  for (const [at, h] of hops) {
    if (h === 0) continue
    const node = index.nodes.get(at)
    if (!node) continue
    nodes.push(node)
    const item: LineageImpact['downstream'][number] = { urn: at, hops: h }
    if (node.owner) item.owner = node.owner
    if (node.personalData) item.category = node.personalData.category
    downstream.push(item)
  }
  downstream.sort((a, b) => a.hops - b.hops || (a.urn < b.urn ? -1 : 1))
  return {
    urn,
    downstream,
    byOwner: counted(nodes.map((n) => n.owner ?? UNOWNED)).map(({ key, count }) => ({
      owner: key,
      count,
    })),
    byCategory: counted(
      nodes.flatMap((n) => (n.personalData ? [n.personalData.category as CategoryId] : [])),
    ).map(({ key, count }) => ({ category: key, count })),
    byPlatform: counted(nodes.map((n) => n.platform)).map(({ key, count }) => ({
      platform: key,
      count,
    })),
  }
}
