import { BSON, MongoServerError, type Collection, type Document } from 'mongodb'
import { describe, expect, it, vi } from 'vitest'
import { countDocuments } from './crawl-count'
import { isSampleUnsupported, sampleCollection, type SampleCapability } from './crawl-sample'

/**
 * The sampling algorithm on a scripted collection (the real server is in the integration suite):
 * what is read, when sampling grows and stops, and the fallback without `$sample`.
 */
interface Script {
  /** The n-th document the collection hands out. */
  doc: (n: number) => Document
  sampleSupported?: boolean
  /** `$sample` hands out documents from 0 again on each call (duplicates across rounds). */
  repeat?: boolean
  /** Documents the collection holds (default: unbounded): find runs out there. */
  total?: number
}

function fakeCollection(script: Script) {
  let next = 0
  const calls: string[] = []
  const cursor = (docs: Document[]) => ({ toArray: () => Promise.resolve(docs) })
  const coll = {
    aggregate(pipeline: Document[]) {
      if (pipeline[0]?.$collStats) {
        calls.push('collStats')
        return cursor([{ ns: 'db.c', count: 1234 }])
      }
      const size = (pipeline[0]?.$sample as { size: number }).size
      calls.push(`sample ${size}`)
      if (script.sampleSupported === false) {
        return {
          toArray: () =>
            Promise.reject(
              new MongoServerError({
                ok: 0,
                code: 238,
                codeName: 'NotImplemented',
                errmsg: '`aggregate` stage "$sample" is not implemented yet',
              }),
            ),
        }
      }
      if (script.repeat) next = 0
      const docs = Array.from({ length: size }, () => script.doc(next++))
      return cursor(docs)
    },
    find(_filter: Document, opts: { limit: number; batchSize: number; skip?: number }) {
      calls.push(`find ${opts.limit}/${opts.batchSize}${opts.skip ? ` skip ${opts.skip}` : ''}`)
      const skip = opts.skip ?? 0
      const limit = Math.min(opts.limit, (script.total ?? Infinity) - skip)
      let at = 0
      let buffer: Document[] = []
      return {
        toArray: () => Promise.resolve(Array.from({ length: opts.limit }, (_, i) => script.doc(i))),
        // Batches as a server sends them: batchSize at a time, up to the limit.
        hasNext() {
          if (buffer.length === 0 && at < limit) {
            const n = Math.min(opts.batchSize, limit - at)
            if (at > 0) calls.push(`getMore ${n}`)
            buffer = Array.from({ length: n }, (_, i) => script.doc(skip + at + i))
            at += n
          }
          return Promise.resolve(buffer.length > 0)
        },
        readBufferedDocuments(n: number) {
          return buffer.splice(0, n)
        },
        close() {
          calls.push('close')
          return Promise.resolve()
        },
      }
    },
  }
  return { coll: coll as unknown as Collection<Document>, calls }
}

const base = { start: 100, max: 1000, timeoutMs: 1000 }

describe('sampleCollection', () => {
  it('stops after the first sample when its second half brought no new paths', async () => {
    const { coll, calls } = fakeCollection({ doc: (n) => ({ _id: n, a: 1 }) })
    const r = await sampleCollection(coll, { ...base, count: 10_000, capability: {} })
    expect(calls).toEqual(['sample 100'])
    expect(r).toMatchObject({ sampled: 100, method: 'sample', capped: false, complete: false })
  })

  it('doubles while new paths appear, and stops when a round finds none', async () => {
    const { coll, calls } = fakeCollection({
      doc: (n) => ({ _id: n, a: 1, ...(n === 70 ? { late: 1 } : {}) }),
    })
    const r = await sampleCollection(coll, { ...base, count: 10_000, capability: {} })
    expect(calls).toEqual(['sample 100', 'sample 100'])
    expect(r.sampled).toBe(200)
    expect(r.inferrer.paths().find((p) => p.path === 'late')).toMatchObject({ seen: 1 })
  })

  it('stops at the cap and says new paths were still appearing', async () => {
    const { coll, calls } = fakeCollection({
      doc: (n) => ({ _id: n, [`g${Math.floor(n / 30)}`]: 1 }),
    })
    const r = await sampleCollection(coll, { ...base, count: 10_000, capability: {} })
    expect(calls).toEqual(['sample 100', 'sample 100', 'sample 200', 'sample 400', 'sample 200'])
    expect(r).toMatchObject({ sampled: 1000, capped: true })
  })

  it('counts a document drawn twice once', async () => {
    const { coll } = fakeCollection({ doc: (n) => ({ _id: `id${n}`, [`g${n}`]: 1 }), repeat: true })
    const r = await sampleCollection(coll, { ...base, count: 10_000, capability: {} })
    expect(r.sampled).toBe(100)
    expect(r.inferrer.documents).toBe(100)
  })

  it('reads a collection within the first sample size whole, with find', async () => {
    const { coll, calls } = fakeCollection({ doc: (n) => ({ _id: n }) })
    const r = await sampleCollection(coll, { ...base, count: 40, capability: {} })
    expect(calls).toEqual(['find 100/100'])
    expect(r).toMatchObject({ method: 'all', complete: true })
  })

  it('without $sample, learns it once and grows through one cursor in natural order, closed after', async () => {
    const capability: SampleCapability = {}
    const doc = (n: number) => ({ _id: n, a: 1, ...(n === 70 ? { late: 1 } : {}) })
    const first = fakeCollection({ doc, sampleSupported: false })
    const r = await sampleCollection(first.coll, { ...base, count: 10_000, capability })
    expect(capability.sample).toBe(false)
    expect(first.calls).toEqual(['sample 100', 'find 1000/100', 'getMore 100', 'close'])
    expect(r).toMatchObject({ method: 'natural', sampled: 200, reads: 3 })
    const second = fakeCollection({ doc: (n) => ({ _id: n }), sampleSupported: false })
    await sampleCollection(second.coll, { ...base, count: 10_000, capability })
    expect(second.calls).toEqual(['find 1000/100', 'close'])
  })
})

describe('sampleCollection without a known count', () => {
  it('takes a round that came back short for the whole collection, and asks for no count', async () => {
    const { coll, calls } = fakeCollection({
      doc: (n) => ({ _id: n, a: 1 }),
      sampleSupported: false,
      // Seven documents in all: the cursor runs out inside the first round.
      total: 7,
    })
    const onPartial = vi.fn()
    const r = await sampleCollection(coll, { ...base, capability: { sample: false }, onPartial })
    expect(r).toMatchObject({ sampled: 7, complete: true, method: 'all' })
    expect(onPartial).not.toHaveBeenCalled()
    expect(calls).toEqual(['find 1000/100', 'close'])
  })

  it('says once, after the first round, that the collection was not read whole', async () => {
    const { coll } = fakeCollection({
      doc: (n) => ({ _id: n, a: 1, ...(n === 70 ? { late: 1 } : {}) }),
      sampleSupported: false,
    })
    const onPartial = vi.fn()
    const r = await sampleCollection(coll, { ...base, capability: { sample: false }, onPartial })
    expect(r).toMatchObject({ sampled: 200, complete: false, method: 'natural' })
    expect(onPartial).toHaveBeenCalledTimes(1)
  })

  it('grown through one cursor, reads the same shape as the same documents read at once', async () => {
    const doc = (n: number) => ({
      _id: n,
      a: n % 3 === 0 ? 'x' : n,
      ...(n === 70 ? { late: { deep: [1, 'two'] } } : {}),
      ...(n >= 150 ? { later: true } : {}),
    })
    const grown = fakeCollection({ doc, sampleSupported: false })
    const g = await sampleCollection(grown.coll, { ...base, capability: { sample: false } })
    expect(grown.calls.filter((c) => c.startsWith('find'))).toHaveLength(1)
    const once = fakeCollection({ doc, sampleSupported: false })
    const o = await sampleCollection(once.coll, {
      ...base,
      start: g.sampled,
      max: g.sampled,
      capability: { sample: false },
    })
    expect(o.sampled).toBe(g.sampled)
    expect(g.inferrer.paths()).toEqual(o.inferrer.paths())
  })
})

describe('sampleCollection with a byte budget', () => {
  const MB = 2 ** 20
  // About 1 MB of BSON each, like the bench estate's marketing segments (100k ids apiece).
  const big = (n: number) => ({ _id: n, ids: Array.from({ length: 70_000 }, () => 'C0000001') })
  const natural = { ...base, capability: { sample: false } }

  it('reads megabyte documents one at a time and stops once the budget is spent', async () => {
    const size = BSON.calculateObjectSize(big(0))
    const { coll, calls } = fakeCollection({ doc: big, sampleSupported: false, total: 8 })
    const onPartial = vi.fn()
    const r = await sampleCollection(coll, { ...natural, byteBudget: 4 * MB, onPartial })
    const expected = Math.ceil((4 * MB) / size)
    expect(r.sampled).toBe(expected)
    expect(r).toMatchObject({ complete: false, method: 'natural', capped: false })
    expect(r.byteLimited).toEqual({ budget: 4 * MB, bytes: expected * size })
    expect(onPartial).toHaveBeenCalledTimes(1)
    // The first document alone, then one per batch after it; the cursor closed.
    expect(calls).toEqual([
      'find 1/1',
      'find 999/1 skip 1',
      ...Array.from({ length: expected - 2 }, () => 'getMore 1'),
      'close',
    ])
  })

  it('reads small documents as without a budget, after the first alone', async () => {
    const doc = (n: number) => ({ _id: n, a: 1, ...(n === 70 ? { late: 1 } : {}) })
    const weighed = fakeCollection({ doc, sampleSupported: false })
    const w = await sampleCollection(weighed.coll, { ...natural, byteBudget: 4 * MB })
    expect(weighed.calls).toEqual(['find 1/1', 'find 999/100 skip 1', 'getMore 100', 'close'])
    const plain = fakeCollection({ doc, sampleSupported: false })
    const p = await sampleCollection(plain.coll, natural)
    expect(w.byteLimited).toBeUndefined()
    expect(w.sampled).toBe(p.sampled)
    expect(w.inferrer.paths()).toEqual(p.inferrer.paths())
  })

  it('a collection smaller than the budget is read whole', async () => {
    const { coll } = fakeCollection({ doc: big, sampleSupported: false, total: 2 })
    const r = await sampleCollection(coll, { ...natural, byteBudget: 4 * MB })
    expect(r).toMatchObject({ sampled: 2, complete: true, method: 'all' })
    expect(r.byteLimited).toBeUndefined()
  })
})

describe('countDocuments', () => {
  it('reads the count from $collStats', async () => {
    const { coll, calls } = fakeCollection({ doc: (n) => ({ _id: n }) })
    const capability: SampleCapability = {}
    expect(await countDocuments(coll, capability, 1000)).toBe(1234)
    expect(calls).toEqual(['collStats'])
    expect(capability.collStats).toBe(true)
  })
})

describe('isSampleUnsupported', () => {
  it.each([
    [{ code: 238, codeName: 'NotImplemented', message: 'x' }, true],
    [{ code: 40324, message: "Unrecognized pipeline stage name: '$sample'" }, true],
    [{ message: '$sample is not supported by this server' }, true],
    [{ code: 13, codeName: 'Unauthorized', message: 'not authorized' }, false],
    [new Error('connection closed'), false],
    [undefined, false],
  ])('%o -> %s', (err, expected) => {
    expect(isSampleUnsupported(err)).toBe(expected)
  })
})
