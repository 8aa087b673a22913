import { describe, expect, it } from 'vitest'
import type { CatalogAsset, CatalogField } from '../../../shared/model/catalog'
import type { LookupPlanStep } from '../../../shared/model/lookup'
import type { LookupOutcome, LookupQuery } from '../../connectors/connector'
import type { LineageSnapshot } from '../../lineage/lineage-inputs'
import type { IndexProbeQuery, LookupIndexProbe } from './index-step'
import {
  boundKeyed,
  KafkaQueue,
  keyedQueries,
  runKeyed,
  UNINDEXED_RECENT_MESSAGES,
  UNINDEXED_TAIL_MESSAGES,
  unindexedTail,
} from './kafka-keyed'

const TOPIC = 'kafka://events/crm.dbo.Customer'

function field(path: string, more: Partial<CatalogField> = {}): CatalogField {
  return { urn: `${TOPIC}#${path}`, path, name: path, ...more } as CatalogField
}

/** crm.dbo.Customer's CDC topic as the crawl records it: a Debezium int32 key, 6 partitions. */
const asset = {
  urn: TOPIC,
  source: 'events',
  platform: 'kafka',
  kind: 'topic',
  name: 'crm.dbo.Customer',
  path: ['crm.dbo.Customer'],
  counts: { partitions: 6 },
  properties: { keyEncoding: 'debezium-json' },
  fields: [
    field('key.CustomerId', { primaryKey: true, declaredType: 'int32' }),
    field('after.Email', { declaredType: 'string' }),
  ],
} as unknown as CatalogAsset
const snapshot: LineageSnapshot = { assets: new Map([[TOPIC, asset]]), sources: [] }

const step = (fieldPath: string, access: LookupPlanStep['access']) =>
  ({
    id: 's5',
    source: 'events',
    platform: 'kafka',
    assetUrn: TOPIC,
    fieldUrn: `${TOPIC}#${fieldPath}`,
    access,
    match: 'equals',
    input: { kind: 'identifier', identifierKind: 'customer-number' },
    reason: '',
    strength: 'strong',
  }) as LookupPlanStep

const query = (values: Array<string | number>): LookupQuery => ({
  assetPath: ['crm.dbo.Customer'],
  fieldPath: 'key.CustomerId',
  values,
  match: 'equals',
  rowCap: 10,
  timeoutMs: 1000,
})

describe('keyed Kafka queries', () => {
  it('turns CustomerIds into Debezium key bytes, one query per partition they land in', () => {
    const out = keyedQueries(step('key.CustomerId', 'partition'), query([2, '2', 1]), snapshot)!
    // Where the small estate's topic holds them (read from the broker): 1 in 4, 2 in 0.
    expect(out.map((q) => q.partition)).toEqual([0, 4])
    const key = Buffer.from(out[0]!.keyBytesHex![0]!, 'hex').toString()
    expect(key).toBe(
      '{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"CustomerId"}],"optional":false,"name":"crm.dbo.Customer.Key"},"payload":{"CustomerId":2}}',
    )
    // `2` and `'2'` are one key.
    expect(out[0]!.keyBytesHex).toHaveLength(1)
  })

  it('leaves a non-key field alone and skips values the key type cannot hold', () => {
    expect(keyedQueries(step('after.Email', 'scan'), query(['a@b.c']), snapshot)).toBeUndefined()
    expect(keyedQueries(step('key.CustomerId', 'partition'), query(['C1']), snapshot)).toEqual([])
  })

  it('adds the partitions’ answers up within the row cap, in partition order', async () => {
    const hit = (p: number) => ({ recordKey: { partition: p }, values: {} })
    const queries = [0, 1, 2].map((partition) => ({ ...query([1]), partition, rowCap: 3 }))
    const out = await runKeyed(queries, async (q) => ({
      hits: [hit(q.partition!), hit(q.partition!)],
      capped: false,
      bytesFetched: 10,
    }))
    expect(out.hits.map((h) => h.recordKey.partition)).toEqual([0, 0, 1])
    expect(out.capped).toBe(true)
    expect(out.bytesFetched).toBe(30)
  })

  it('runs a source’s queries at once up to its bound', async () => {
    const queue = new KafkaQueue(2)
    let inFlight = 0
    let most = 0
    const releases: Array<() => void> = []
    const task = () =>
      queue.run('events', async () => {
        most = Math.max(most, ++inFlight)
        await new Promise<void>((r) => releases.push(r))
        inFlight--
      })
    const all = Promise.all([task(), task(), task(), task(), task()])
    while (releases.length < 2) await new Promise((r) => setImmediate(r))
    expect(inFlight).toBe(2)
    while (releases.length > 0 || inFlight > 0) {
      releases.shift()?.()
      await new Promise((r) => setImmediate(r))
    }
    await all
    expect(most).toBe(2)
  })

  it('with a bound of one runs one at a time, and goes on after a failure', async () => {
    const queue = new KafkaQueue(1)
    const order: string[] = []
    let release: (() => void) | undefined
    const first = queue.run('events', async (): Promise<LookupOutcome> => {
      order.push('first starts')
      await new Promise<void>((r) => (release = r))
      order.push('first ends')
      throw new Error('broken')
    })
    const second = queue.run('events', async () => void order.push('second'))
    // Let the first task start (the queue chains it after a settled promise).
    while (!release) await new Promise((r) => setImmediate(r))
    expect(order).toEqual(['first starts'])
    release()
    await expect(first).rejects.toThrow('broken')
    await second
    expect(order).toEqual(['first starts', 'first ends', 'second'])
  })
})

describe('keyed reads bounded by the lookup index', () => {
  const keyed = () => keyedQueries(step('key.CustomerId', 'partition'), query([2, 1]), snapshot)!
  const index = (answer: Partial<Awaited<ReturnType<LookupIndexProbe['probe']>>>) => {
    const asked: IndexProbeQuery[] = []
    const probe: LookupIndexProbe = {
      probe: async (q) => {
        asked.push(q)
        return { covered: true, offsets: [], lag: 0, capped: false, ...answer }
      },
    }
    return { probe, asked }
  }

  it("reads the index's offsets for the keys and only the tail after its position", async () => {
    const { probe, asked } = index({
      offsets: [
        { partition: 4, offset: '17' },
        { partition: 0, offset: '3' },
        { partition: 0, offset: '9' },
      ],
      positions: [
        { partition: 0, offset: '340' },
        { partition: 4, offset: '300' },
      ],
    })
    const out = await boundKeyed(step('key.CustomerId', 'partition'), keyed(), probe)
    // Probed by the keys' exact bytes (the record-key entries), never by the parsed values.
    expect(asked).toEqual([
      expect.objectContaining({
        topic: 'crm.dbo.Customer',
        fieldPath: '@key',
        values: [...new Set(keyed().flatMap((q) => q.keyBytesHex ?? []))],
      }),
    ])
    expect(asked[0]!.values.length).toBeGreaterThan(0)
    expect(out.indexed).toBe(true)
    // The tail bound stays: an index still building leaves a long tail after its position.
    const T = UNINDEXED_TAIL_MESSAGES
    expect(out.queries.map((q) => [q.partition, q.fromOffset, q.offsets, q.tailMessages])).toEqual([
      [
        0,
        '340',
        [
          { partition: 0, offset: '3' },
          { partition: 0, offset: '9' },
        ],
        T,
      ],
      [4, '300', [{ partition: 4, offset: '17' }], T],
    ])
  })

  it('bounds a partition the index has not reached, and every one without the index', async () => {
    const { probe } = index({ positions: [{ partition: 0, offset: '340' }] })
    const partial = await boundKeyed(step('key.CustomerId', 'partition'), keyed(), probe)
    expect(partial.queries.map((q) => [q.partition, q.fromOffset, q.tailMessages])).toEqual([
      [0, '340', UNINDEXED_TAIL_MESSAGES],
      [4, undefined, UNINDEXED_TAIL_MESSAGES],
    ])
    const uncovered = await boundKeyed(
      step('key.CustomerId', 'partition'),
      keyed(),
      index({ covered: false }).probe,
    )
    expect(uncovered.indexed).toBe(false)
    expect(uncovered.queries.every((q) => q.tailMessages === UNINDEXED_TAIL_MESSAGES)).toBe(true)
    const none = await boundKeyed(step('key.CustomerId', 'partition'), keyed(), undefined)
    expect(none.queries.every((q) => q.tailMessages === UNINDEXED_TAIL_MESSAGES)).toBe(true)
  })

  it('reads a topic the index holds without its record keys as if there were no index', async () => {
    // Indexed through other fields only (an index built before record keys, or being rebuilt):
    // a small topic is read whole, a large one in its newest messages, said as incomplete.
    const { probe } = index({
      covered: false,
      positions: [
        { partition: 0, offset: '340' },
        { partition: 4, offset: '300' },
      ],
    })
    const sized = (messages: number) =>
      ({ ...asset, counts: { partitions: 6, messages } }) as unknown as CatalogAsset
    const big: LineageSnapshot = { assets: new Map([[TOPIC, sized(999_974)]]), sources: [] }
    const out = await boundKeyed(step('key.CustomerId', 'partition'), keyed(), probe, big)
    expect(out.indexed).toBe(false)
    expect(out.queries.map((q) => [q.partition, q.fromOffset, q.offsets, q.tailMessages])).toEqual([
      [0, undefined, undefined, UNINDEXED_RECENT_MESSAGES],
      [4, undefined, undefined, UNINDEXED_RECENT_MESSAGES],
    ])
    const small: LineageSnapshot = { assets: new Map([[TOPIC, sized(6 * 1_600)]]), sources: [] }
    const whole = await boundKeyed(step('key.CustomerId', 'partition'), keyed(), probe, small)
    expect(whole.queries.map((q) => [q.fromOffset, q.tailMessages])).toEqual([
      [undefined, UNINDEXED_TAIL_MESSAGES],
      [undefined, UNINDEXED_TAIL_MESSAGES],
    ])
  })

  it('reads a small topic whole without the index, a large one only in its newest messages', async () => {
    const sized = (messages: number) =>
      ({ ...asset, counts: { partitions: 6, messages } }) as unknown as CatalogAsset
    expect(unindexedTail(sized(6 * 1_600))).toBe(UNINDEXED_TAIL_MESSAGES)
    expect(unindexedTail(sized(999_974))).toBe(UNINDEXED_RECENT_MESSAGES)
    expect(unindexedTail(undefined)).toBe(UNINDEXED_TAIL_MESSAGES)
    const big: LineageSnapshot = { assets: new Map([[TOPIC, sized(999_974)]]), sources: [] }
    const out = await boundKeyed(step('key.CustomerId', 'partition'), keyed(), undefined, big)
    expect(out.queries.every((q) => q.tailMessages === UNINDEXED_RECENT_MESSAGES)).toBe(true)
  })

  it('says capped when the index matched more offsets than the row cap', async () => {
    const { probe } = index({ capped: true, positions: [] })
    expect((await boundKeyed(step('key.CustomerId', 'partition'), keyed(), probe)).capped).toBe(
      true,
    )
  })
})
