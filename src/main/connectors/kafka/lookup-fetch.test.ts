import { describe, expect, it } from 'vitest'
import type { RawCluster, RawRecord } from './kafka-client'
import { fetchOffsets, readPartitionRange } from './lookup-fetch'

/**
 * The fetch loops' bookkeeping against a broker stand-in that answers like Kafka does: whole
 * batches of 4 records from the batch holding the asked offset, gaps where records were
 * compacted away, OFFSET_OUT_OF_RANGE below the low watermark. Real brokers: lookup-kafka.test.ts.
 */
function fakeCluster(offsets: number[], low = 0) {
  const fetches: bigint[] = []
  const record = (o: number): RawRecord => ({
    offset: String(o),
    key: Buffer.from(`k${o % 3}`),
    value: Buffer.from(`v${o}`),
    timestamp: '0',
  })
  const cluster = {
    findBroker: () =>
      Promise.resolve({
        fetch: (args: { topics: Array<{ partitions: Array<{ fetchOffset: string }> }> }) => {
          const at = BigInt(args.topics[0]!.partitions[0]!.fetchOffset)
          fetches.push(at)
          if (at < BigInt(low))
            return Promise.resolve({
              responses: [
                {
                  topicName: 't',
                  partitions: [{ partition: 0, errorCode: 1, highWatermark: '0', messages: [] }],
                },
              ],
            })
          const batch = Math.floor(Number(at) / 4)
          const messages = offsets
            .filter((o) => Math.floor(o / 4) >= batch && Math.floor(o / 4) <= batch)
            .map(record)
          // An empty batch (all compacted): the broker moves on to the next one.
          const next =
            messages.length > 0
              ? messages
              : offsets
                  .filter((o) => o > Number(at))
                  .slice(0, 4)
                  .map(record)
          return Promise.resolve({
            responses: [
              {
                topicName: 't',
                partitions: [{ partition: 0, errorCode: 0, highWatermark: '99', messages: next }],
              },
            ],
          })
        },
      }),
  } as unknown as RawCluster
  return { cluster, fetches }
}

const noAbort = <T>(p: Promise<T>) => p
const where = { topic: 't', partition: 0, leader: 1 }

describe('readPartitionRange', () => {
  it('reads [from, to) in order, dropping what whole batches bring from before and after', async () => {
    const { cluster, fetches } = fakeCluster([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    const seen: string[] = []
    let bytes = 0
    for await (const chunk of readPartitionRange(
      cluster,
      { ...where, from: 2n, to: 10n },
      { abortable: noAbort },
    )) {
      seen.push(...chunk.records.map((r) => r.offset))
      bytes += chunk.bytes
    }
    expect(seen).toEqual(['2', '3', '4', '5', '6', '7', '8', '9'])
    expect(fetches).toEqual([2n, 4n, 8n])
    // Whole batches count: offsets 0-11 were all on the wire.
    expect(bytes).toBeGreaterThan(0)
  })

  it('steps over compaction gaps', async () => {
    const { cluster } = fakeCluster([0, 1, 9, 10])
    const seen: string[] = []
    for await (const chunk of readPartitionRange(
      cluster,
      { ...where, from: 0n, to: 11n },
      { abortable: noAbort },
    ))
      seen.push(...chunk.records.map((r) => r.offset))
    expect(seen).toEqual(['0', '1', '9', '10'])
  })
})

describe('fetchOffsets', () => {
  it('returns exactly the asked offsets, one fetch per batch, and names the missing ones', async () => {
    const { cluster, fetches } = fakeCluster([4, 5, 6, 7, 8, 10, 11, 20], 4)
    const got = await fetchOffsets(
      cluster,
      { ...where, low: 4n, high: 21n },
      [5n, 7n, 9n, 20n, 2n, 5n, 30n],
      { abortable: noAbort },
    )
    expect(got.records.map((r) => r.offset)).toEqual(['5', '7', '20'])
    expect(got.missing.sort((a, b) => Number(a - b))).toEqual([2n, 9n, 30n])
    expect(fetches).toEqual([5n, 9n, 20n])
  })
})
