import { describe, expect, it } from 'vitest'
import type { RawCluster, RawRecord } from './kafka-client'
import { fetchOffsets, readPartitionRange } from './lookup-fetch'
import { FetchedBatches, KEEP_MS } from './fetched-batches'
import { DecodedBatch } from './record-batches'

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

describe('fetchOffsets with the answers a connector keeps', () => {
  const span = { ...where, low: 0n, high: 99n }
  const offsetsOf = (got: { records: RawRecord[] }) => got.records.map((r) => r.offset)

  it('answers offsets a kept answer spans without a fetch, and fetches what it does not', async () => {
    const { cluster, fetches } = fakeCluster([4, 5, 6, 7, 8, 9, 10, 11, 12])
    let now = 0
    const batches = new FetchedBatches(() => now)
    const first = await fetchOffsets(cluster, span, [5n], { abortable: noAbort, batches })
    expect(offsetsOf(first)).toEqual(['5'])
    expect(first.bytes).toBeGreaterThan(0)
    // Another step of the lookup: 4 and 7 are in the batch already read, 9 is not.
    const second = await fetchOffsets(cluster, span, [4n, 7n, 9n], { abortable: noAbort, batches })
    expect(offsetsOf(second)).toEqual(['4', '7', '9'])
    expect(fetches).toEqual([5n, 9n])
    // Only what came over the wire counts as fetched.
    expect(second.bytes).toBeLessThan(first.bytes + first.bytes)
    now += KEEP_MS
    await fetchOffsets(cluster, span, [6n], { abortable: noAbort, batches })
    expect(fetches).toEqual([5n, 9n, 6n])
  })

  it("a read waits for the same partition's fetch on the wire, then reuses its answer", async () => {
    const { cluster, fetches } = fakeCluster([4, 5, 6, 7])
    const batches = new FetchedBatches()
    const [a, b] = await Promise.all([
      fetchOffsets(cluster, span, [5n], { abortable: noAbort, batches }),
      fetchOffsets(cluster, span, [6n], { abortable: noAbort, batches }),
    ])
    expect([offsetsOf(a), offsetsOf(b)]).toEqual([['5'], ['6']])
    expect(fetches).toEqual([5n])
    expect(b.bytes).toBe(0)
  })

  it('names an offset compacted out of a kept batch as missing, without a fetch', async () => {
    const { cluster, fetches } = fakeCluster([4, 5, 7])
    const batches = new FetchedBatches()
    await fetchOffsets(cluster, span, [4n], { abortable: noAbort, batches })
    const got = await fetchOffsets(cluster, span, [6n], { abortable: noAbort, batches })
    expect(got.records).toEqual([])
    expect(got.missing).toEqual([6n])
    expect(fetches).toEqual([4n])
  })

  it('keeps at most its byte budget, dropping the oldest answers first', () => {
    let now = 0
    const batches = new FetchedBatches(() => now, KEEP_MS, 100)
    const rec = (o: number, size: number): RawRecord => ({
      offset: String(o),
      key: null,
      value: Buffer.alloc(size),
      timestamp: '0',
    })
    batches.keep('t', 0, [new DecodedBatch([rec(0, 40), rec(1, 20)])])
    now += 1
    batches.keep('t', 1, [new DecodedBatch([rec(10, 50)])])
    // 60 + 50 bytes is over the budget: the older answer goes.
    expect(batches.keptBytes).toBe(50)
    expect(batches.covering('t', 0, 1n)).toBeUndefined()
    expect(batches.covering('t', 1, 10n)).toBeDefined()
    // Larger than the whole budget: not kept at all.
    batches.keep('t', 2, [new DecodedBatch([rec(20, 101)])])
    expect(batches.covering('t', 2, 20n)).toBeUndefined()
  })

  it('lets answers older than the keep time go as new ones come, however many were kept', () => {
    let now = 0
    const batches = new FetchedBatches(() => now, 100, 1_000_000)
    const rec = (o: number): RawRecord => ({
      offset: String(o),
      key: null,
      value: Buffer.alloc(10),
      timestamp: '0',
    })
    // 3,000 answers, one a millisecond, over six partitions: each keep lets the expired go.
    for (let i = 0; i < 3_000; i++) {
      batches.keep('t', i % 6, [new DecodedBatch([rec(i)])])
      now += 1
    }
    // The last keep (at 2,999) kept those from 2,900 on: the last 100, 10 bytes each.
    expect(batches.keptBytes).toBe(1_000)
    expect(batches.covering('t', 2_899 % 6, 2_899n)).toBeUndefined()
    // Now 3,000: the one kept at 2,900 has just reached the keep time too.
    expect(batches.covering('t', 2_900 % 6, 2_900n)).toBeUndefined()
    expect(batches.covering('t', 2_901 % 6, 2_901n)).toBeDefined()
    expect(batches.covering('t', 2_999 % 6, 2_999n)).toBeDefined()
  })
})
