import { describe, expect, it } from 'vitest'
import type { LookupPlanStep } from '../../../shared/model/lookup'
import type { LookupHit, LookupOutcome, LookupQuery } from '../../connectors/connector'
import { QueryCache } from './query-cache'

const ORDERS = 'postgres://amper-pg/orders/sales/orders'

const step = (id: string, more: Partial<LookupPlanStep> = {}) =>
  ({
    id,
    source: 'amper-pg',
    platform: 'postgres',
    assetUrn: ORDERS,
    fieldUrn: `${ORDERS}#customer_id`,
    access: 'index',
    match: 'equals',
    input: { kind: 'identifier', identifierKind: 'customer-number' },
    reason: '',
    strength: 'weak',
    ...more,
  }) as LookupPlanStep

const query = (
  values: Array<string | number>,
  match: LookupQuery['match'] = 'equals',
): LookupQuery => ({
  assetPath: ['orders', 'sales', 'orders'],
  fieldPath: 'customer_id',
  values,
  match,
  rowCap: 10,
  timeoutMs: 1000,
})

const order = (id: number, customer: number): LookupHit => ({
  recordKey: { order_id: id },
  values: { order_id: id, customer_id: customer },
})

/** A source holding orders of customers 42 (two) and 43 (one); counts the queries asked. */
function source() {
  const asked: Array<Array<string | number>> = []
  const all = [order(1, 42), order(2, 42), order(3, 43)]
  const ask = async (q: LookupQuery): Promise<LookupOutcome> => {
    asked.push(q.values)
    const wanted = new Set(q.values.map(String))
    return { hits: all.filter((h) => wanted.has(String(h.values.customer_id))), capped: false }
  }
  return { asked, ask }
}

describe('QueryCache: a field is asked once per value within a lookup', () => {
  it('reuses the answer of the same values, even while it is in flight', async () => {
    const cache = new QueryCache()
    const { asked, ask } = source()
    const [a, b] = await Promise.all([
      cache.run(step('s1'), query(['42', 42]), ask),
      cache.run(step('s2'), query([42, '42']), ask),
    ])
    expect(asked).toEqual([['42', 42]])
    expect(b.outcome.hits).toEqual(a.outcome.hits)
    expect([a.askedValues, b.askedValues, b.reusedValues]).toEqual([2, 0, 2])
  })

  it('asks only the values not asked yet, and answers the others from the earlier hits', async () => {
    const cache = new QueryCache()
    const { asked, ask } = source()
    await cache.run(step('s1'), query([42]), ask)
    const both = await cache.run(step('s2'), query([42, 43]), ask)
    expect(asked).toEqual([[42], [43]])
    expect(both.outcome.hits.map((h) => h.recordKey.order_id).sort()).toEqual([1, 2, 3])
    expect([both.askedValues, both.reusedValues]).toEqual([1, 1])
    const again = await cache.run(step('s3'), query([43]), ask)
    expect(asked).toHaveLength(2)
    expect(again.outcome.hits.map((h) => h.recordKey.order_id)).toEqual([3])
  })

  it('keeps apart other fields, other match modes, lookup-index steps and capped answers', async () => {
    const cache = new QueryCache()
    const { asked, ask } = source()
    await cache.run(step('s1'), query([42]), ask)
    await cache.run(step('s2', { fieldUrn: `${ORDERS}#order_id` }), query([42]), ask)
    await cache.run(step('s3'), query([42], 'trimmed'), ask)
    await cache.run(step('s4'), query([42, 43], 'trimmed'), ask) // not exact: asked whole
    await cache.run(step('s5', { access: 'lookup-index' }), query([42]), ask)
    await cache.run(step('s6', { access: 'lookup-index' }), query([42, 43]), ask)
    expect(asked).toEqual([[42], [42], [42], [42, 43], [42], [42, 43]])

    const capped = new QueryCache()
    const cut = async (q: LookupQuery): Promise<LookupOutcome> => ({
      ...(await ask(q)),
      capped: true,
    })
    await capped.run(step('s1'), query([42]), cut)
    await capped.run(step('s2'), query([42, 43]), ask)
    expect(asked.slice(-2)).toEqual([[42], [42, 43]])
  })

  it('asks again after a failure', async () => {
    const cache = new QueryCache()
    const { asked, ask } = source()
    const failing = () => Promise.reject(new Error('down'))
    await expect(cache.run(step('s1'), query([42]), failing)).rejects.toThrow('down')
    await cache.run(step('s2'), query([42]), ask)
    expect(asked).toEqual([[42]])
  })

  it('does not count the bytes of a reused answer twice', async () => {
    const cache = new QueryCache()
    const kafka = async (): Promise<LookupOutcome> => ({
      hits: [],
      capped: false,
      bytesFetched: 900,
    })
    await cache.run(step('s1', { access: 'partition' }), query([42]), kafka)
    const reused = await cache.run(step('s2', { access: 'partition' }), query([42]), kafka)
    expect(reused.outcome.bytesFetched).toBe(0)
  })
})
