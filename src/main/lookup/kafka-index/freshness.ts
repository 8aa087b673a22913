import type { ApiErrorShape } from '../../../shared/api/errors'
import type { LookupIndexFreshness, LookupIndexStatus } from '../../../shared/model/lookup'
import type { PartitionOffsets } from '../../connectors/kafka/sample-messages'
import type { LookupIndexPosition } from '../../store/lookup-index-repository'

/**
 * Freshness of the index from its stored positions and, when Kafka answered, the live high
 * watermarks (pure). A partition never indexed counts from its low watermark: all of it is lag.
 */
export function freshnessOf(input: {
  source: string
  topics: readonly string[]
  positions: readonly LookupIndexPosition[]
  live: readonly PartitionOffsets[] | undefined
  entries: number
  now: Date
}): LookupIndexFreshness {
  const wanted = new Set(input.topics)
  // Only the wanted topics' positions: a probe asks about one topic of a source's hundreds.
  const positions = input.positions.filter((p) => wanted.has(p.topic))
  const stored = input.live
    ? new Map(positions.map((p) => [`${p.topic}\u0000${p.partition}`, p]))
    : undefined
  const rows: Array<{
    topic: string
    partition: number
    indexed: bigint
    high: bigint
    low?: bigint
    caughtUpAt?: string
  }> = []
  if (input.live) {
    for (const l of input.live) {
      const s = stored?.get(`${l.topic}\u0000${l.partition}`)
      const indexed = s ? (s.nextOffset < l.low ? l.low : s.nextOffset) : l.low
      rows.push({
        topic: l.topic,
        partition: l.partition,
        indexed,
        high: l.high,
        low: l.low,
        ...(s?.caughtUpAt ? { caughtUpAt: s.caughtUpAt } : {}),
      })
    }
  } else {
    for (const s of positions)
      rows.push({
        topic: s.topic,
        partition: s.partition,
        indexed: s.nextOffset,
        high: s.highWatermark,
        ...(s.caughtUpAt ? { caughtUpAt: s.caughtUpAt } : {}),
      })
  }
  const topics = new Map<string, LookupIndexFreshness['topics'][number]>()
  let lastCatchUpAt: string | undefined
  for (const r of rows.sort((a, b) =>
    a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
  )) {
    const lag = r.high > r.indexed ? Number(r.high - r.indexed) : 0
    const t = topics.get(r.topic) ?? { topic: r.topic, lag: 0, partitions: [] }
    t.lag += lag
    t.partitions.push({
      partition: r.partition,
      indexedOffset: Number(r.indexed),
      highWatermark: Number(r.high),
      ...(r.low !== undefined ? { lowWatermark: Number(r.low) } : {}),
      lag,
      ...(r.caughtUpAt ? { caughtUpAt: r.caughtUpAt } : {}),
    })
    topics.set(r.topic, t)
    if (r.caughtUpAt && (!lastCatchUpAt || r.caughtUpAt > lastCatchUpAt))
      lastCatchUpAt = r.caughtUpAt
  }
  return {
    source: input.source,
    checkedAt: input.now.toISOString(),
    live: input.live !== undefined,
    entries: input.entries,
    ...(lastCatchUpAt ? { lastCatchUpAt } : {}),
    topics: [...topics.values()],
  }
}

/**
 * Share of the retained messages that is indexed, 0..1: (indexed - low) / (high - low) summed over
 * partitions. Without low watermarks (Kafka not asked), what is not lag counts as indexed.
 */
export function indexedShare(freshness: LookupIndexFreshness): number {
  let total = 0
  let done = 0
  for (const t of freshness.topics)
    for (const p of t.partitions) {
      const low = p.lowWatermark ?? 0
      total += Math.max(0, p.highWatermark - low)
      done += Math.max(0, Math.min(p.indexedOffset, p.highWatermark) - low)
    }
  return total === 0 ? 1 : done / total
}

/**
 * A source's index status from its freshness and what its manager is doing (pure). No partition
 * known yet (never indexed, or the first catch-up has not listed them) is 0%, never current.
 */
export function indexStatusOf(input: {
  source: string
  running: boolean
  fields: number
  building: boolean
  error?: ApiErrorShape
  freshness: LookupIndexFreshness
  now: Date
}): LookupIndexStatus {
  const { freshness } = input
  const known = freshness.topics.some((t) => t.partitions.length > 0)
  const progress = known ? indexedShare(freshness) : 0
  const lag = freshness.topics.reduce((n, t) => n + t.lag, 0)
  const state: LookupIndexStatus['state'] = input.error
    ? 'failed'
    : input.building && progress < 1
      ? 'building'
      : !input.running
        ? 'stopped'
        : lag === 0 && known
          ? 'current'
          : 'behind'
  return {
    source: input.source,
    state,
    running: input.running,
    progress,
    fields: input.fields,
    ...(freshness.lastCatchUpAt
      ? { ageMs: Math.max(0, input.now.getTime() - Date.parse(freshness.lastCatchUpAt)) }
      : {}),
    freshness,
    ...(input.error ? { error: input.error } : {}),
  }
}
