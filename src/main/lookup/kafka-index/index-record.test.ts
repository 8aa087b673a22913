import { describe, expect, it } from 'vitest'
import { RegistrySchemas } from '../../connectors/kafka/avro-decoder'
import type { RawRecord } from '../../connectors/kafka/kafka-client'
import { isKeyPath, pickPath } from '../../connectors/kafka/lookup-decode'
import { readPart } from '../../connectors/kafka/read-message'
import type { LookupIndexEntry } from '../../store/lookup-index-repository'
import { normalisePhone } from '../identifiers/normalise'
import {
  indexHmac,
  recordKeyField,
  recordKeyToken,
  tokenOf,
  type IndexedField,
} from './index-fields'
import { connectPayloadOf, TopicEntryMaker } from './index-record'
import { prefetching } from './kafka-lookup-indexer'

const key = Buffer.alloc(32, 9)
const registry = new RegistrySchemas(undefined, undefined, 1_000)

const keySchema = {
  type: 'struct',
  optional: false,
  name: 'crm.dbo.Customer.Key',
  fields: [{ field: 'CustomerId', type: 'int32', optional: false }],
}
const row = (opt: boolean) => ({
  type: 'struct',
  optional: opt,
  name: 'crm.dbo.Customer.Value',
  fields: [
    { field: 'CustomerId', type: 'int32', optional: false },
    { field: 'Email', type: 'string', optional: true },
    { field: 'MobilePhone', type: 'string', optional: true },
  ],
})
const valueSchema = {
  type: 'struct',
  optional: false,
  name: 'crm.dbo.Customer.Envelope',
  fields: [
    { ...row(true), field: 'before' },
    { ...row(true), field: 'after' },
    { field: 'op', type: 'string', optional: false },
  ],
}
const envelope = (schema: unknown, payload: unknown) =>
  Buffer.from(JSON.stringify({ schema, payload }))
const record = (offset: number, k: Buffer | null, v: Buffer | null): RawRecord =>
  ({ offset: String(offset), key: k, value: v, isControlRecord: false }) as unknown as RawRecord

const fields: IndexedField[] = [
  { topic: 't', path: 'key.CustomerId', kind: 'customer-number' },
  { topic: 't', path: 'after.Email', kind: 'email' },
  { topic: 't', path: 'before.Email', kind: 'email' },
  { topic: 't', path: 'after.MobilePhone', kind: 'phone' },
  { topic: 't', path: 'before.MobilePhone', kind: 'phone' },
  { topic: 't', path: 'customerEmail', kind: 'email' },
]

/** The straightforward path the index used before: full decode, then every field. */
async function reference(records: RawRecord[]): Promise<LookupIndexEntry[]> {
  const out: LookupIndexEntry[] = []
  for (const r of records) {
    const k = (await readPart(r.key, registry)).read
    const v = (await readPart(r.value, registry)).read
    for (const f of fields)
      for (const raw of pickPath(isKeyPath(f.path) ? k : v, f.path)) {
        const token = tokenOf(f.kind, raw)
        if (token)
          out.push({ hmac: indexHmac(key, token), field: f.path, offset: BigInt(r.offset) })
      }
  }
  return out
}

async function made(records: RawRecord[]): Promise<LookupIndexEntry[]> {
  const maker = new TopicEntryMaker(fields, key, () => registry)
  const out: LookupIndexEntry[] = []
  for (const r of records) await maker.add(r, out)
  return out
}

describe('index entries made cheaply', () => {
  it('reads the payload of a Connect envelope alone, and nothing that is not one', () => {
    const payload = { before: null, after: { CustomerId: 7, Email: 'a"b@x.com' }, op: 'r' }
    expect(connectPayloadOf(envelope(valueSchema, payload))?.value).toEqual(payload)
    expect(connectPayloadOf(Buffer.from('{"payload":1}'))).toBeUndefined()
    expect(
      connectPayloadOf(Buffer.from(`${JSON.stringify({ schema: {}, payload: 1 })}\n`)),
    ).toBeUndefined()
    expect(
      connectPayloadOf(Buffer.from(JSON.stringify({ schema: { type: 'x' }, payload: 1 }))),
    ).toEqual({ value: 1 })
    // A schema parameter that looks like the payload member: the rest does not parse.
    const tricky = Buffer.from(
      '{"schema":{"type":"string","parameters":{"a":1,"payload":2}},"payload":"v"}',
    )
    expect(connectPayloadOf(tricky)).toBeUndefined()
  })

  it('gives exactly the entries of the full decoder, CDC envelopes, JSON, tombstones and all', async () => {
    const records = [
      record(
        0,
        envelope(keySchema, { CustomerId: 7 }),
        envelope(valueSchema, {
          before: null,
          after: { CustomerId: 7, Email: ' Ann@Example.COM ', MobilePhone: '07911 123456' },
          op: 'r',
        }),
      ),
      record(
        1,
        envelope(keySchema, { CustomerId: 7 }),
        envelope(valueSchema, {
          before: { CustomerId: 7, Email: ' Ann@Example.COM ', MobilePhone: '07911 123456' },
          after: { CustomerId: 7, Email: 'ann@new.example', MobilePhone: '+44 (0)7911 123457' },
          op: 'u',
        }),
      ),
      record(2, envelope(keySchema, { CustomerId: 8 }), null),
      // Not an envelope after all: read as plain JSON by the full decoder.
      record(3, Buffer.from('8'), Buffer.from(JSON.stringify({ customerEmail: 'b@example.com' }))),
      record(4, null, Buffer.from('{"schema":{"type":"struct"},"payload":{"after":{broken')),
    ]
    const mine = await made(records)
    expect(mine).toEqual(await reference(records))
    expect(mine.map((e) => `${e.offset}:${e.field}`)).toEqual([
      '0:key.CustomerId',
      '0:after.Email',
      '0:after.MobilePhone',
      '1:key.CustomerId',
      '1:after.Email',
      '1:before.Email',
      '1:after.MobilePhone',
      '1:before.MobilePhone',
      '2:key.CustomerId',
      '3:customerEmail',
    ])
  })

  it("indexes a keyed record's exact key bytes, found by the hex a keyed query carries", () => {
    const keyBytes = envelope(keySchema, { CustomerId: 7 })
    const maker = new TopicEntryMaker(
      [recordKeyField('t'), { topic: 't', path: 'after.Email', kind: 'email' }],
      key,
      () => registry,
    )
    const out: LookupIndexEntry[] = []
    const value = envelope(valueSchema, { before: null, after: { Email: 'a@x.com' }, op: 'r' })
    void maker.add(record(5, keyBytes, value), out)
    void maker.add(record(6, keyBytes, null), out) // a tombstone: erasure plans need it
    void maker.add(record(7, null, value), out) // no key: no record-key entry
    const byKey = indexHmac(key, recordKeyToken(keyBytes.toString('hex').toUpperCase())!)
    expect(out.filter((e) => e.field === '@key')).toEqual([
      { hmac: byKey, field: '@key', offset: 5n },
      { hmac: byKey, field: '@key', offset: 6n },
    ])
    expect(out.filter((e) => e.field === 'after.Email').map((e) => e.offset)).toEqual([5n, 7n])
    // Another key's bytes (the same number as a string key) are another token.
    expect(recordKeyToken(Buffer.from('7'))).not.toBe(recordKeyToken(keyBytes))
    expect(recordKeyToken('not hex')).toBeUndefined()
    expect(recordKeyToken('abc')).toBeUndefined()
    expect(tokenOf('record-key', keyBytes.toString('hex'))).toBe(recordKeyToken(keyBytes))
  })

  it('indexes the E.164 form the lookup computes for a typed phone', () => {
    for (const raw of [
      '07911 123456',
      '07700 900123',
      '+44 (0)20 7946 0018',
      '0044 7700 900123',
      'tel:+447700900123',
      '12345',
      'n/a',
    ])
      expect(tokenOf('phone', raw)).toBe(
        normalisePhone(raw) ? `phone:${normalisePhone(raw)!.e164}` : undefined,
      )
  })
})

describe('prefetching', () => {
  it('yields in order and closes the source when left early', async () => {
    let closed = false
    async function* source() {
      try {
        for (let i = 0; i < 5; i++) yield i
      } finally {
        closed = true
      }
    }
    const all: number[] = []
    for await (const x of prefetching(source())) all.push(x)
    expect(all).toEqual([0, 1, 2, 3, 4])
    const some: number[] = []
    for await (const x of prefetching(source())) {
      some.push(x)
      if (x === 1) break
    }
    expect(some).toEqual([0, 1])
    expect(closed).toBe(true)
  })
})
