import { describe, expect, it } from 'vitest'
import type { RawBroker, RawCluster, RawMetadata } from './kafka-client'
import { abortableBy } from './abortable'
import {
  keptBehind,
  LEADERS_TTL_MS,
  LookupPartitions,
  WATERMARKS_TTL_MS,
} from './lookup-partitions'

/** A cluster of one broker holding `topic` in two partitions, counting what it is asked. */
function fakeCluster() {
  const asked = { metadata: 0, listOffsets: 0 }
  let high = 10
  const held: Array<() => void> = []
  const gate = { hold: false }
  const broker: RawBroker = {
    listOffsets: async ({ topics }) => {
      asked.listOffsets++
      if (gate.hold) await new Promise<void>((r) => held.push(r))
      return {
        responses: topics.map((t) => ({
          topic: t.topic,
          partitions: t.partitions.map((p) => ({
            partition: p.partition,
            errorCode: 0,
            offset: String(p.timestamp === -2 ? 0 : high),
          })),
        })),
      }
    },
    fetch: async () => ({ responses: [] }),
  }
  const cluster = {
    metadata: async ({ topics }: { topics?: string[] } = {}): Promise<RawMetadata> => {
      asked.metadata++
      return {
        brokers: [],
        clusterId: 'c',
        controllerId: 1,
        topicMetadata: (topics ?? [])
          .filter((t) => t === 'crm.dbo.Customer')
          .map((topic) => ({
            topic,
            partitionMetadata: [0, 1].map((partitionId) => ({
              partitionId,
              leader: 1,
              replicas: [1],
              isr: [1],
            })),
          })),
      }
    },
    findBroker: async () => broker,
  } as unknown as RawCluster
  return {
    cluster,
    asked,
    gate,
    setHigh: (h: number) => (high = h),
    releaseAll: () => held.splice(0).forEach((r) => r()),
  }
}

const noAbort = abortableBy(undefined, () => new Error('cancelled'))

describe('partitions kept by the lookup connector', () => {
  it('asks Kafka once for the reads of one moment, and again once the watermarks are old', async () => {
    let now = 0
    const k = fakeCluster()
    const parts = new LookupPartitions(k.cluster, () => now)
    let requests = 0
    const count = (n: number) => (requests += n)
    const [a, b] = await Promise.all([
      parts.get('crm.dbo.Customer', noAbort, count),
      parts.get('crm.dbo.Customer', noAbort, count),
    ])
    expect(a).toEqual(b)
    expect(a.map((p) => [p.partition, p.leader, p.low, p.high])).toEqual([
      [0, 1, 0n, 10n],
      [1, 1, 0n, 10n],
    ])
    // One metadata request and one ListOffsets per end, for both reads.
    expect(k.asked).toEqual({ metadata: 1, listOffsets: 2 })
    expect(requests).toBe(3)
    // Watermarks are asked again after their time; leaders are kept longer.
    k.setHigh(12)
    now += WATERMARKS_TTL_MS
    expect((await parts.get('crm.dbo.Customer', noAbort, count))[0]!.high).toBe(12n)
    expect(k.asked).toEqual({ metadata: 1, listOffsets: 4 })
    now += LEADERS_TTL_MS
    await parts.get('crm.dbo.Customer', noAbort)
    expect(k.asked).toEqual({ metadata: 2, listOffsets: 6 })
  })

  it('forgets a topic after a failed read, and keeps no failure', async () => {
    const k = fakeCluster()
    const parts = new LookupPartitions(k.cluster, () => 0)
    await parts.get('crm.dbo.Customer', noAbort)
    parts.forget('crm.dbo.Customer')
    await parts.get('crm.dbo.Customer', noAbort)
    expect(k.asked.metadata).toBe(2)
    await expect(parts.get('nope', noAbort)).rejects.toMatchObject({
      code: 'not-found',
      message: 'Kafka has no topic "nope".',
    })
    await expect(parts.get('nope', noAbort)).rejects.toMatchObject({ code: 'not-found' })
    expect(k.asked.metadata).toBe(4)
  })

  it('a cancelled read leaves the others sharing its answer unharmed', async () => {
    const k = fakeCluster()
    const parts = new LookupPartitions(k.cluster, () => 0)
    k.gate.hold = true
    const stop = new AbortController()
    const cancelled = parts.get(
      'crm.dbo.Customer',
      abortableBy(stop.signal, () => new Error('cancelled')),
    )
    const other = parts.get('crm.dbo.Customer', noAbort)
    stop.abort()
    await expect(cancelled).rejects.toThrow('cancelled')
    // Both ends of the shared ListOffsets are still on the wire when the first reader gives up.
    while (k.asked.listOffsets < 2) await new Promise((r) => setImmediate(r))
    k.releaseAll()
    expect((await other).length).toBe(2)
    expect(k.asked).toEqual({ metadata: 1, listOffsets: 2 })
  })

  it('asks again when the lookup index names a record past the kept high watermark', () => {
    const kept = [0, 1].map((partition) => ({
      topic: 't',
      partition,
      leader: 1,
      low: 0n,
      high: 10n,
    }))
    expect(keptBehind(kept, { offsets: [{ partition: 1, offset: '9' }] })).toBe(false)
    expect(keptBehind(kept, { offsets: [{ partition: 1, offset: '10' }] })).toBe(true)
    // The index's position at the watermark is caught up; past it, the index is newer.
    expect(keptBehind(kept, { partition: 0, fromOffset: '10' })).toBe(false)
    expect(keptBehind(kept, { partition: 0, fromOffset: '11' })).toBe(true)
    expect(keptBehind(kept, { offsets: [{ partition: 5, offset: '99' }] })).toBe(false)
    expect(keptBehind(kept, { offsets: [{ partition: 0, offset: 'x' }] })).toBe(false)
  })
})
