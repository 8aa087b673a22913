import { describe, expect, it } from 'vitest'
import type { RawBroker, RawCluster, RawRecord } from './kafka-client'
import { openKafkaClients } from './kafka-client'
import { fetchSamples, planSamples, type PartitionOffsets } from './sample-messages'
import { isInternalTopic } from './topic-assets'

const p = (partition: number, low: number, high: number, topic = 't'): PartitionOffsets => ({
  topic,
  partition,
  leader: 1,
  low: BigInt(low),
  high: BigInt(high),
})

describe('planSamples', () => {
  it('takes the newest messages, spread evenly over partitions', () => {
    const plans = planSamples([p(0, 0, 1000), p(1, 0, 1000), p(2, 0, 1000), p(3, 0, 1000)], 100)
    expect(plans.map((x) => [x.partition, Number(x.to - x.from), Number(x.to)])).toEqual([
      [0, 25, 1000],
      [1, 25, 1000],
      [2, 25, 1000],
      [3, 25, 1000],
    ])
  })

  it('gives what a short partition lacks to the others, and skips empty ones', () => {
    const plans = planSamples([p(0, 0, 5), p(1, 10, 10), p(2, 100, 1000)], 100)
    const take = Object.fromEntries(plans.map((x) => [x.partition, Number(x.to - x.from)]))
    expect(take).toEqual({ 0: 5, 2: 95 })
  })

  it('never plans more than a topic holds, nor anything for sampleSize 0', () => {
    const plans = planSamples([p(0, 0, 3), p(1, 0, 4, 'u')], 100)
    expect(plans.map((x) => [x.topic, Number(x.to - x.from)])).toEqual([
      ['t', 3],
      ['u', 4],
    ])
    expect(planSamples([p(0, 0, 3)], 0)).toEqual([])
  })
})

describe('fetchSamples', () => {
  /** A broker whose partitions hold offsets 0..n-1, returned in batches of 4 (as a log would). */
  function fakeCluster(sizes: Record<number, number>) {
    const fetches: number[] = []
    const broker: RawBroker = {
      fetch: async ({ topics }) => {
        fetches.push(topics.flatMap((t) => t.partitions).length)
        return {
          responses: topics.map((t) => ({
            topicName: t.topic,
            partitions: t.partitions.map(({ partition, fetchOffset }) => {
              const start = Math.floor(Number(fetchOffset) / 4) * 4
              const messages: RawRecord[] = []
              for (let o = start; o < Math.min(start + 4, sizes[partition]!); o++)
                messages.push({
                  offset: String(o),
                  key: null,
                  value: Buffer.from(String(o)),
                  timestamp: '0',
                })
              return { partition, errorCode: 0, highWatermark: String(sizes[partition]), messages }
            }),
          })),
        }
      },
    }
    const cluster = { findBroker: async () => broker } as unknown as RawCluster
    return { cluster, fetches }
  }

  it('reads exactly the planned ranges with one request per leader and round', async () => {
    const { cluster, fetches } = fakeCluster({ 0: 10, 1: 7 })
    const plans = planSamples([p(0, 0, 10), p(1, 0, 7)], 10)
    const out = await fetchSamples(cluster, plans, {
      deadline: Date.now() + 5000,
      abortable: (x) => x,
    })
    const offsets = out.records.get('t')!.map((r) => r.offset)
    expect(offsets.sort()).toEqual(['2', '3', '4', '5', '5', '6', '7', '8', '9', '6'].sort())
    expect(out.incomplete).toEqual([])
    // Every round is one request covering all pending partitions of the leader.
    expect(out.requests).toBe(fetches.length)
    expect(fetches[0]).toBe(2)
  })
})

describe('fetchSamples when a leader fails', () => {
  it("gives up that leader's partitions with a reason, keeps the rest", async () => {
    const broker: RawBroker = {
      fetch: async ({ topics }) => ({
        responses: topics.map((t) => ({
          topicName: t.topic,
          partitions: t.partitions.map(({ partition, fetchOffset }) => ({
            partition,
            errorCode: 0,
            highWatermark: '3',
            messages: [{ offset: fetchOffset, key: null, value: null, timestamp: '0' }],
          })),
        })),
      }),
    }
    const cluster = {
      findBroker: async ({ nodeId }: { nodeId: string }) => {
        if (nodeId === '2') throw new Error('broker 2 is gone')
        return broker
      },
    } as unknown as RawCluster
    const plans = planSamples(
      [p(0, 0, 3), { ...p(1, 0, 3), leader: 2 }, { ...p(2, 0, 3), leader: -1 }],
      9,
    )
    const out = await fetchSamples(cluster, plans, {
      deadline: Date.now() + 5000,
      abortable: (x) => x,
    })
    expect(out.records.get('t')?.length).toBe(3)
    expect(out.incomplete).toEqual([
      { topic: 't', partition: 1, reason: 'broker 2 is gone' },
      { topic: 't', partition: 2, reason: 'no leader' },
    ])
  })
})

describe('isInternalTopic', () => {
  it('hides Kafka, registry and Connect storage topics, not application topics', () => {
    for (const t of [
      '__consumer_offsets',
      '__transaction_state',
      '_schemas',
      '_connect-configs',
      'connect-offsets',
      'sightline-connect-configs',
      'sightline-connect-status',
      'my_connect_offsets',
    ])
      expect(isInternalTopic(t), t).toBe(true)
    for (const t of [
      'crm.dbo.Customer',
      'web.clickstream.v1',
      'connector-events',
      'reconnect-status-feed',
    ])
      expect(isInternalTopic(t), t).toBe(false)
  })
})

describe('openKafkaClients', () => {
  it('finds the kafkajs internals the sampling needs (guards a kafkajs upgrade)', async () => {
    const clients = openKafkaClients(
      { brokers: [{ host: '127.0.0.1', port: 1 }], tls: false },
      1000,
    )
    for (const m of ['metadata', 'findBroker', 'fetchTopicsOffset', 'findLeaderForPartitions'])
      expect(typeof (clients.cluster as unknown as Record<string, unknown>)[m]).toBe('function')
    await clients.close()
  })
})
