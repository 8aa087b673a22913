import { ApiError } from '../../../shared/api'
import type { RawCluster, RawMetadata } from './kafka-client'
import { knownTopics, watermarks } from './lookup-fetch'
import type { Abortable } from './abortable'
import type { PartitionOffsets } from './sample-messages'

/**
 * A topic's partitions (leaders and watermarks) for the lookup connector, which the lookup pool
 * keeps open across lookups (lookup/execute/connector-pool.ts). Before each read the connector
 * asked Kafka for metadata, then ListOffsets: two round trips queued before every Fetch, and a
 * lookup reads a topic in several steps at once (crm.dbo.Customer by key, by email, by phone).
 * - Leaders (metadata) are kept LEADERS_TTL_MS: they change on a broker failure or a
 *   reassignment, after which the read fails, `forget` drops the topic and the next read asks.
 * - Watermarks are kept WATERMARKS_TTL_MS and shared by the reads asking at once: a read ends at
 *   the high watermark as it was at most that long before it began. The lookup index itself is
 *   polled every 5 s, so this adds no staleness a lookup could see.
 * Loads run without the caller's signal (each caller waits under its own), so one cancelled
 * lookup does not fail the others sharing the answer; the client's request timeout bounds them.
 */
export const LEADERS_TTL_MS = 60_000
export const WATERMARKS_TTL_MS = 1_000

interface Kept<T> {
  at: number
  value: Promise<T>
}

export class LookupPartitions {
  private readonly leaders = new Map<string, Kept<RawMetadata['topicMetadata'][number]>>()
  private readonly offsets = new Map<string, Kept<PartitionOffsets[]>>()

  constructor(
    private readonly cluster: RawCluster,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The topic's partitions, from what is kept when fresh enough; fails if Kafka lacks it.
   * `onRequests` is told how many requests this call sent (none when all was kept).
   */
  async get(
    topic: string,
    abortable: Abortable,
    onRequests?: (n: number) => void,
  ): Promise<PartitionOffsets[]> {
    return abortable(
      this.kept(this.offsets, topic, WATERMARKS_TTL_MS, async () => {
        const meta = await this.kept(this.leaders, topic, LEADERS_TTL_MS, () => {
          onRequests?.(1)
          return this.metadataOf(topic)
        })
        // One ListOffsets per leader for each end (lookup-fetch.ts `watermarks`).
        onRequests?.(2 * new Set(meta.partitionMetadata.map((p) => p.leader)).size)
        return watermarks(this.cluster, [meta], (p) => p)
      }),
    )
  }

  /** Drops what is kept of the topic (a read failed: leaders may have moved). */
  forget(topic: string): void {
    this.leaders.delete(topic)
    this.offsets.delete(topic)
  }

  private async metadataOf(topic: string): Promise<RawMetadata['topicMetadata'][number]> {
    const { known } = knownTopics(await this.cluster.metadata({ topics: [topic] }), [topic])
    if (!known[0])
      throw new ApiError('not-found', `Kafka has no topic "${topic}".`, {
        reason: 'no-topic',
        topics: [topic],
      })
    return known[0]
  }

  private kept<T>(
    map: Map<string, Kept<T>>,
    topic: string,
    ttlMs: number,
    load: () => Promise<T>,
  ): Promise<T> {
    const hit = map.get(topic)
    if (hit && this.now() - hit.at < ttlMs) return hit.value
    const value = load()
    map.set(topic, { at: this.now(), value })
    // A failed load is not kept: the next read asks again.
    value.catch(() => {
      if (map.get(topic)?.value === value) map.delete(topic)
    })
    return value
  }
}

/**
 * True when a query names an offset at or past a kept high watermark (the lookup index caught up
 * after the watermarks were read): its records exist, so the watermarks are asked again rather
 * than the offsets being counted as gone.
 */
export function keptBehind(
  partitions: readonly PartitionOffsets[],
  q: {
    partition?: number
    fromOffset?: string
    offsets?: ReadonlyArray<{ partition: number; offset: string }>
  },
): boolean {
  const high = new Map(partitions.map((p) => [p.partition, p.high]))
  /** `offset` is past the kept high watermark (a record there, or a position after it). */
  const past = (partition: number | undefined, offset: string | undefined, isRecord: boolean) => {
    if (partition === undefined || offset === undefined || !/^\d{1,19}$/.test(offset)) return false
    const h = high.get(partition)
    return h !== undefined && (isRecord ? BigInt(offset) >= h : BigInt(offset) > h)
  }
  return (
    past(q.partition, q.fromOffset, false) ||
    (q.offsets ?? []).some((o) => past(o.partition, o.offset, true))
  )
}
