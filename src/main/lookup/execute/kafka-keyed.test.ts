import { describe, expect, it } from 'vitest'
import type { CatalogAsset, CatalogField } from '../../../shared/model/catalog'
import type { LookupPlanStep } from '../../../shared/model/lookup'
import type { LookupOutcome, LookupQuery } from '../../connectors/connector'
import type { LineageSnapshot } from '../../lineage/lineage-inputs'
import { KafkaQueue, keyedQueries, runKeyed } from './kafka-keyed'

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
