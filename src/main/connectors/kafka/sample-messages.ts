import type { RawBroker, RawCluster, RawRecord } from './kafka-client'

/** One partition's offsets and leader, as the crawl read them. */
export interface PartitionOffsets {
  topic: string
  partition: number
  leader: number
  low: bigint
  high: bigint
}

/** What to read of one partition: offsets [from, to), `to` being the high watermark. */
export interface SamplePlan {
  topic: string
  partition: number
  leader: number
  from: bigint
  to: bigint
}

/**
 * The newest `sampleSize` messages of a topic spread over its partitions: each partition gets an
 * equal share, and what a short partition cannot give goes to the others (water-filling). Counts
 * are watermark differences, so compacted or transactional partitions may give fewer.
 */
export function planSamples(
  partitions: readonly PartitionOffsets[],
  sampleSize: number,
): SamplePlan[] {
  if (sampleSize <= 0) return []
  const byTopic = new Map<string, PartitionOffsets[]>()
  for (const p of partitions) {
    if (p.high <= p.low) continue
    const list = byTopic.get(p.topic) ?? []
    list.push(p)
    byTopic.set(p.topic, list)
  }
  const plans: SamplePlan[] = []
  for (const list of byTopic.values()) {
    const take = new Map<PartitionOffsets, number>()
    let left = sampleSize
    let open = list.filter((p) => p.high - p.low > 0n)
    while (left > 0 && open.length > 0) {
      const share = Math.max(1, Math.floor(left / open.length))
      const next: PartitionOffsets[] = []
      for (const p of open) {
        if (left <= 0) break
        const has = Number(p.high - p.low) - (take.get(p) ?? 0)
        const n = Math.min(share, has, left)
        take.set(p, (take.get(p) ?? 0) + n)
        left -= n
        if (has > n) next.push(p)
      }
      open = next
    }
    for (const [p, n] of take)
      if (n > 0)
        plans.push({
          topic: p.topic,
          partition: p.partition,
          leader: p.leader,
          from: p.high - BigInt(n),
          to: p.high,
        })
  }
  return plans
}

export interface FetchSamplesOptions {
  /** Bytes asked per partition and round (the broker still returns a first batch that is larger). */
  maxBytesPerPartition?: number
  /** Bytes asked per request. */
  maxBytesPerRequest?: number
  /** Rounds at most; a partition that gives nothing for 3 rounds is given up. */
  maxRounds?: number
  /** Wall-clock bound (ms since epoch) after which sampling stops with what it has. */
  deadline: number
  /** Rejects (on cancel) when aborted. */
  abortable: <T>(p: Promise<T>) => Promise<T>
}

export interface SampleResult {
  records: Map<string, RawRecord[]>
  /** Fetch requests sent. */
  requests: number
  /** Partitions whose planned range was not read completely. */
  incomplete: Array<{ topic: string; partition: number; reason: string }>
}

/**
 * Reads the planned ranges with raw Fetch requests: no consumer group, no join, no offsets
 * committed. Each round sends ONE Fetch per leader broker covering every partition still
 * pending there, so requests grow with rounds and brokers, not with topics.
 */
export async function fetchSamples(
  cluster: RawCluster,
  plans: readonly SamplePlan[],
  opts: FetchSamplesOptions,
): Promise<SampleResult> {
  const perPartition = opts.maxBytesPerPartition ?? 256 * 1024
  const perRequest = opts.maxBytesPerRequest ?? 32 * 1024 * 1024
  const maxRounds = opts.maxRounds ?? 20
  const state = plans.map((p) => ({
    plan: p,
    next: p.from,
    empty: 0,
    error: p.leader < 0 ? 'no leader' : '',
  }))
  const records = new Map<string, RawRecord[]>()
  let requests = 0
  for (let round = 0; round < maxRounds && Date.now() < opts.deadline; round++) {
    const pending = state.filter((s) => s.next < s.plan.to && s.empty < 3 && !s.error)
    if (pending.length === 0) break
    const byLeader = new Map<number, typeof pending>()
    for (const s of pending) {
      const list = byLeader.get(s.plan.leader) ?? []
      list.push(s)
      byLeader.set(s.plan.leader, list)
    }
    let progress = false
    await Promise.all(
      [...byLeader.entries()].map(async ([leader, list]) => {
        const topics = new Map<
          string,
          Array<{ partition: number; fetchOffset: string; maxBytes: number }>
        >()
        for (const s of list) {
          const parts = topics.get(s.plan.topic) ?? []
          parts.push({
            partition: s.plan.partition,
            fetchOffset: s.next.toString(),
            maxBytes: perPartition,
          })
          topics.set(s.plan.topic, parts)
        }
        let response: Awaited<ReturnType<RawBroker['fetch']>>
        try {
          const broker = await opts.abortable(cluster.findBroker({ nodeId: String(leader) }))
          requests++
          response = await opts.abortable(
            broker.fetch({
              replicaId: -1,
              isolationLevel: 0,
              maxWaitTime: 0,
              minBytes: 0,
              maxBytes: perRequest,
              topics: [...topics.entries()].map(([topic, partitions]) => ({ topic, partitions })),
            }),
          )
        } catch (err) {
          // One leader failing (moved, down) costs its partitions, not the whole sample.
          if ((err as { name?: string }).name === 'ApiError') throw err
          const reason = err instanceof Error ? err.message.slice(0, 200) : String(err)
          for (const s of list) s.error = reason
          return
        }
        const index = new Map(list.map((s) => [`${s.plan.topic}\u0000${s.plan.partition}`, s]))
        for (const t of response.responses) {
          for (const p of t.partitions) {
            const s = index.get(`${t.topicName}\u0000${p.partition}`)
            if (!s) continue
            if (p.errorCode !== 0) {
              s.error = `error code ${p.errorCode}`
              continue
            }
            const before = s.next
            for (const r of p.messages) {
              const offset = BigInt(r.offset)
              // A fetch returns whole batches: records before `next` and past `to` are not ours.
              if (offset < s.next || offset >= s.plan.to) continue
              s.next = offset + 1n
              if (r.isControlRecord) continue
              const list = records.get(s.plan.topic) ?? []
              list.push(r)
              records.set(s.plan.topic, list)
            }
            if (s.next > before) progress = true
            else s.empty++
          }
        }
      }),
    )
    // No partition moved on: more rounds would only repeat the same answers.
    if (!progress) break
  }
  const incomplete = state
    .filter((s) => s.next < s.plan.to)
    .map((s) => ({
      topic: s.plan.topic,
      partition: s.plan.partition,
      reason:
        s.error ||
        (Date.now() >= opts.deadline
          ? 'deadline'
          : 'no more records (compaction, transaction markers or size)'),
    }))
  return { records, requests, incomplete }
}
