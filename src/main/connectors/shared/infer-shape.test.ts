import { Binary, Decimal128, Double, Int32, Long, ObjectId } from 'mongodb'
import { describe, expect, it } from 'vitest'
import { createShapeInferrer, inferredFields, observedTypeOf, scalarValue } from './infer-shape'

function shapeOf(docs: Record<string, unknown>[], opts = {}) {
  const inferrer = createShapeInferrer(opts)
  for (const doc of docs) inferrer.add(doc)
  return inferrer
}

describe('createShapeInferrer', () => {
  it('walks nested documents and arrays by path, in order of first appearance', () => {
    const inferrer = shapeOf([
      { _id: 1, contact: { email: 'a@example.com' }, addresses: [{ postcode: 'AB1 2CD' }] },
      { _id: 2, contact: { email: null, phone: '0700' }, tags: ['x', 'y'], addresses: [] },
    ])
    expect(inferrer.documents).toBe(2)
    expect(inferrer.paths().map((p) => p.path)).toEqual([
      '_id',
      'contact',
      'contact.email',
      'addresses',
      'addresses[]',
      'addresses[].postcode',
      'contact.phone',
      'tags',
      'tags[]',
    ])
    const byPath = new Map(inferrer.paths().map((p) => [p.path, p]))
    expect(byPath.get('contact.email')).toMatchObject({
      seen: 2,
      types: [
        { type: 'string', count: 1 },
        { type: 'null', count: 1 },
      ],
    })
    expect(byPath.get('addresses[].postcode')?.seen).toBe(1)
    expect(byPath.get('tags[]')).toMatchObject({ seen: 1, types: [{ type: 'string', count: 2 }] })
    expect(byPath.get('addresses')).toMatchObject({ seen: 2, types: [{ type: 'array', count: 2 }] })
  })

  it('counts a path once per document however often arrays repeat it', () => {
    const inferrer = shapeOf([{ a: [{ b: 1 }, { b: 2 }, { b: 3 }] }, { a: [{ c: 1 }] }])
    const byPath = new Map(inferrer.paths().map((p) => [p.path, p]))
    expect(byPath.get('a[].b')).toMatchObject({ seen: 1, types: [{ type: 'number', count: 3 }] })
    expect(byPath.get('a[]')).toMatchObject({ seen: 2, types: [{ type: 'object', count: 4 }] })
  })

  it('recognises BSON types and keeps scalar values as plain JSON', () => {
    const oid = new ObjectId('64b7f0c2a1b2c3d4e5f60718')
    const when = new Date('2024-01-02T03:04:05.000Z')
    const inferrer = shapeOf([
      {
        _id: oid,
        at: when,
        amount: Decimal128.fromString('12.50'),
        big: Long.fromString('9007199254740993'),
        small: Long.fromNumber(42),
        n: new Int32(7),
        d: new Double(1.5),
        bin: new Binary(Buffer.from('hi')),
        ok: true,
        nothing: null,
        re: /x/,
        bi: 5n,
      },
    ])
    const types = Object.fromEntries(inferrer.paths().map((p) => [p.path, p.types[0]?.type]))
    expect(types).toEqual({
      _id: 'objectId',
      at: 'date',
      amount: 'decimal',
      big: 'long',
      small: 'long',
      n: 'int',
      d: 'number',
      bin: 'binary',
      ok: 'boolean',
      nothing: 'null',
      re: 'other',
      bi: 'long',
    })
    const values = inferrer.values()
    expect(values.get('_id')).toEqual(['64b7f0c2a1b2c3d4e5f60718'])
    expect(values.get('at')).toEqual(['2024-01-02T03:04:05.000Z'])
    expect(values.get('amount')).toEqual(['12.50'])
    expect(values.get('big')).toEqual(['9007199254740993'])
    expect(values.get('small')).toEqual([42])
    expect(values.get('n')).toEqual([7])
    expect(values.get('d')).toEqual([1.5])
    expect(values.get('bin')).toEqual([Buffer.from('hi').toString('base64')])
    expect(values.get('nothing')).toEqual([null])
    expect(values.has('re')).toBe(false)
    expect(observedTypeOf(new Uint8Array(2))).toBe('binary')
    expect(scalarValue({ a: 1 })).toBeUndefined()
  })

  it('caps the values kept per path, and keeps none at 0', () => {
    const docs = Array.from({ length: 50 }, (_, i) => ({ v: i }))
    expect(shapeOf(docs, { maxValuesPerPath: 10 }).values().get('v')).toHaveLength(10)
    expect(shapeOf(docs, { maxValuesPerPath: 0 }).values().size).toBe(0)
  })

  it('stops at maxPaths and counts the distinct paths it dropped', () => {
    const docs = Array.from({ length: 100 }, (_, i) => ({ [`f${i}`]: i, [`g${i % 10}`]: { x: 1 } }))
    const inferrer = shapeOf(docs, { maxPaths: 20 })
    expect(inferrer.pathCount).toBe(20)
    expect(inferrer.paths()).toHaveLength(20)
    // 100 f-paths + 10 g-paths + 10 g.x paths = 120 distinct; 20 kept. Dropped g-objects are not
    // walked, so their x-children are not counted.
    expect(inferrer.truncated.paths).toBeGreaterThanOrEqual(95)
    expect(inferrer.truncated.paths).toBeLessThanOrEqual(100)
    // Seen again: not counted twice.
    const before = inferrer.truncated.paths
    inferrer.add(docs[99]!)
    expect(inferrer.truncated.paths).toBe(before)
  })

  it('follows at most maxDepth levels of a 100-deep document, without recursion trouble', () => {
    let deep: Record<string, unknown> = { leaf: 'x' }
    for (let i = 0; i < 100; i++) deep = { n: deep }
    let deepArrays: unknown = 1
    for (let i = 0; i < 100; i++) deepArrays = [deepArrays]
    const inferrer = shapeOf([{ deep, deepArrays }], { maxDepth: 10 })
    expect(inferrer.truncated.depth).toBe(2)
    const paths = inferrer.paths().map((p) => p.path)
    expect(paths).toContain('deep.n.n.n.n.n.n.n.n.n')
    expect(paths).not.toContain('deep.n.n.n.n.n.n.n.n.n.n')
    expect(paths).toContain('deepArrays[][][][][][][][][]')
    expect(paths.length).toBe(20)
    // The default bound, and a silly one, both stay finite.
    expect(shapeOf([{ deep }]).pathCount).toBe(32)
    expect(shapeOf([{ deep }], { maxDepth: 1e9 }).pathCount).toBe(102)
  })

  it('treats prototype-ish keys as plain names', () => {
    const doc = JSON.parse('{"__proto__": {"x": 1}, "constructor": 2, "toString": "s"}') as Record<
      string,
      unknown
    >
    const paths = shapeOf([doc])
      .paths()
      .map((p) => p.path)
    expect(paths).toEqual(['__proto__', '__proto__.x', 'constructor', 'toString'])
  })
})

describe('inferredFields', () => {
  it('maps presence and nullability', () => {
    const inferrer = shapeOf([{ a: 1, b: null }, { a: 2 }])
    const fields = inferredFields(inferrer.paths(), inferrer.documents, (p) => `urn#${p}`)
    expect(fields).toEqual([
      {
        urn: 'urn#a',
        path: 'a',
        name: 'a',
        types: [{ type: 'number', count: 2 }],
        nullable: false,
        presence: { seen: 2, of: 2 },
      },
      {
        urn: 'urn#b',
        path: 'b',
        name: 'b',
        types: [{ type: 'null', count: 1 }],
        nullable: true,
        presence: { seen: 1, of: 2 },
      },
    ])
  })
})

describe('createShapeInferrer values', () => {
  it('cuts kept strings to maxValueLength', () => {
    const values = shapeOf([{ s: 'x'.repeat(10_000) }, { s: 'short' }], { maxValueLength: 100 })
      .values()
      .get('s') as string[]
    expect(values.map((v) => v.length)).toEqual([100, 5])
  })
})
