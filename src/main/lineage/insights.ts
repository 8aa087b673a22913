import type { CatalogAsset, JsonValue } from '../../shared/model/catalog'
import type { LineageInsight } from '../../shared/model/lineage'
import type { LineageIndex } from './graph/lineage-index'

/**
 * Estate insights (issue 6 item 5), from the current catalogue and the lineage graph:
 * - `cdc-not-captured`: a table with CDC on (SQL Server capture instance, PostgreSQL publication)
 *   whose columns no connector reads;
 * - `captured-without-cdc`: a SQL Server table a connector is configured to capture whose CDC is
 *   off (Debezium's SQL Server connector reads the change tables, so it gets nothing). PostgreSQL
 *   is left out: Debezium can create its own publication there;
 * - `personal-data-flow`: a table with personal fields whose data reaches topics and collections;
 * - `topic-unconsumed`: a topic no consumer group reads, no sink is configured on and that feeds
 *   nothing declared;
 * - `connector-failed`: a connector or one of its tasks in FAILED state;
 * - `dangling-edge`: an edge names an asset the catalogue does not have (plus what the producers
 *   reported themselves).
 */

export interface InsightsInput {
  assets: readonly CatalogAsset[]
  index: LineageIndex
  /** What the edge producers reported (unmatched connector configs...). */
  producerInsights?: readonly LineageInsight[]
}

type Props = Record<string, JsonValue> | undefined

function obj(value: JsonValue | undefined): Record<string, JsonValue> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined
}

function arr(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : []
}

/** true: CDC on; false: known to be off; undefined: the crawl does not say. */
function cdcState(props: Props): boolean | undefined {
  const cdc = obj(props?.cdc)
  if (!cdc) return undefined
  if (typeof cdc.tracked === 'boolean') return cdc.tracked
  if (typeof cdc.enabled === 'boolean') return cdc.enabled
  return undefined
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** Topic names that some consumer group of a cluster reads (cluster `consumerGroups[].members[].topics`). */
function consumedTopics(assets: readonly CatalogAsset[]): Set<string> {
  const topics = new Set<string>()
  for (const a of assets) {
    if (a.kind !== 'cluster') continue
    for (const group of arr(a.properties?.consumerGroups)) {
      const g = obj(group)
      for (const t of arr(g?.topics)) if (typeof t === 'string') topics.add(`${a.source}\u0000${t}`)
      for (const member of arr(g?.members))
        for (const t of arr(obj(member)?.topics))
          if (typeof t === 'string') topics.add(`${a.source}\u0000${t}`)
    }
  }
  return topics
}

export function estateInsights(input: InsightsInput): LineageInsight[] {
  const { assets, index } = input
  const insights: LineageInsight[] = []
  const captured = (urn: string) =>
    index.out(urn, 'asset').some((e) => e.origin.kind === 'extracted')
  const consumed = consumedTopics(assets)

  for (const asset of assets) {
    const label = asset.path.join('.')
    if (asset.kind === 'table') {
      const cdc = cdcState(asset.properties)
      if (cdc === true && !captured(asset.urn))
        insights.push({
          kind: 'cdc-not-captured',
          severity: 'warning',
          urn: asset.urn,
          message: `${label} has CDC enabled but no connector captures it`,
        })
      if (cdc === false && asset.platform === 'sqlserver' && captured(asset.urn))
        insights.push({
          kind: 'captured-without-cdc',
          severity: 'error',
          urn: asset.urn,
          message: `${label} is configured for capture but CDC is not enabled on it: the connector gets no changes`,
          related: index.out(asset.urn, 'asset').map((e) => e.via.urn ?? e.via.name),
        })
    }
    if (asset.kind === 'topic') {
      const groups = arr(asset.properties?.consumerGroups)
      const read =
        groups.length > 0 ||
        consumed.has(`${asset.source}\u0000${asset.path[asset.path.length - 1]}`) ||
        index.out(asset.urn, 'asset').length > 0
      if (!read)
        insights.push({
          kind: 'topic-unconsumed',
          severity: 'info',
          urn: asset.urn,
          message: `${label}: no consumer group reads it, no sink is configured on it and it feeds nothing declared`,
        })
    }
    if (asset.kind === 'connector') {
      const state = obj(asset.properties?.status)?.state
      const failedTasks = arr(asset.properties?.tasks)
        .map(obj)
        .filter((t) => t?.state === 'FAILED')
        .map((t) => String(t?.id))
      if (state === 'FAILED' || failedTasks.length > 0)
        insights.push({
          kind: 'connector-failed',
          severity: 'error',
          urn: asset.urn,
          message:
            state === 'FAILED'
              ? `connector ${asset.name} is FAILED`
              : `connector ${asset.name}: task${failedTasks.length === 1 ? '' : 's'} ${failedTasks.join(', ')} FAILED`,
        })
    }
  }

  // Personal data that leaves its table: everything downstream at asset level.
  for (const asset of assets) {
    if (asset.kind !== 'table' && asset.kind !== 'view') continue
    const categories = new Set<string>()
    for (const f of index.fieldsOf.get(asset.urn) ?? []) {
      const pd = index.nodes.get(f)?.personalData
      if (pd && pd.by !== 'lineage') categories.add(pd.category)
    }
    if (categories.size === 0) continue
    const reached = new Set<string>()
    let frontier = [asset.urn]
    while (frontier.length > 0) {
      const next: string[] = []
      for (const at of frontier)
        for (const e of index.out(at, 'asset'))
          if (!reached.has(e.to) && e.to !== asset.urn) {
            reached.add(e.to)
            next.push(e.to)
          }
      frontier = next
    }
    const targets = [...reached].filter((u) => {
      const k = index.nodes.get(u)?.kind
      return k === 'topic' || k === 'collection'
    })
    if (targets.length === 0) continue
    const topics = targets.filter((u) => index.nodes.get(u)?.kind === 'topic').length
    insights.push({
      kind: 'personal-data-flow',
      severity: 'info',
      urn: asset.urn,
      message: `${asset.path.join('.')} holds personal data (${[...categories].sort().join(', ')}) that flows to ${plural(topics, 'topic')} and ${plural(targets.length - topics, 'collection')}`,
      related: targets.sort(),
    })
  }

  // Edges naming assets the catalogue does not have (model nodes are declared, not crawled).
  const dangling = new Map<string, Set<string>>()
  for (const edge of index.assetEdges)
    for (const [end, other] of [
      [edge.from, edge.to],
      [edge.to, edge.from],
    ] as const) {
      const node = index.nodes.get(end)
      if (node && !node.catalogued && node.platform !== 'model') {
        const set = dangling.get(end) ?? new Set<string>()
        set.add(other)
        dangling.set(end, set)
      }
    }
  for (const [urn, others] of dangling)
    insights.push({
      kind: 'dangling-edge',
      severity: 'warning',
      urn,
      message: `lineage names ${urn}, which the catalogue does not have (not crawled yet, or a config or declaration is wrong)`,
      related: [...others].sort(),
    })

  const seen = new Set(insights.map((i) => `${i.kind}\u0000${i.urn}`))
  for (const i of input.producerInsights ?? [])
    if (!seen.has(`${i.kind}\u0000${i.urn}`)) {
      seen.add(`${i.kind}\u0000${i.urn}`)
      insights.push(i)
    }
  const order = { error: 0, warning: 1, info: 2 }
  return insights.sort(
    (a, b) =>
      order[a.severity] - order[b.severity] ||
      a.kind.localeCompare(b.kind) ||
      (a.urn < b.urn ? -1 : 1),
  )
}
