import http from 'node:http'
import type { AddressInfo } from 'node:net'
import avro from 'avsc'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RegistrySchemas } from './avro-decoder'
import { connectFields } from './connect-schema'
import { decodeBytes } from './decode-message'
import { readPart } from './read-message'
import { PartShape, type PartRead } from './topic-shape'

/** A Debezium change event as the estate's JsonConverter (schemas.enable=true) writes it. */
const DEBEZIUM_VALUE = {
  schema: {
    type: 'struct',
    name: 'crm.dbo.Customer.Envelope',
    optional: false,
    fields: [
      {
        type: 'struct',
        name: 'crm.dbo.Customer.Value',
        optional: true,
        field: 'before',
        fields: [
          { type: 'int32', optional: false, field: 'CustomerId' },
          { type: 'string', optional: true, field: 'Email' },
          {
            type: 'int32',
            optional: true,
            name: 'io.debezium.time.Date',
            version: 1,
            field: 'DateOfBirth',
          },
        ],
      },
      {
        type: 'struct',
        name: 'crm.dbo.Customer.Value',
        optional: true,
        field: 'after',
        fields: [
          { type: 'int32', optional: false, field: 'CustomerId' },
          { type: 'string', optional: true, field: 'Email' },
          {
            type: 'int32',
            optional: true,
            name: 'io.debezium.time.Date',
            version: 1,
            field: 'DateOfBirth',
          },
        ],
      },
      {
        type: 'struct',
        name: 'io.debezium.connector.postgresql.Source',
        optional: false,
        field: 'source',
        fields: [{ type: 'string', optional: false, field: 'table' }],
      },
      { type: 'string', optional: false, field: 'op' },
      { type: 'int64', optional: true, field: 'ts_ms' },
    ],
  },
  payload: {
    before: null,
    after: { CustomerId: 7, Email: 'a@example.test', DateOfBirth: 3650 },
    source: { table: 'Customer' },
    op: 'r',
    ts_ms: 1764000000000,
  },
}
const DEBEZIUM_KEY = {
  schema: {
    type: 'struct',
    name: 'crm.dbo.Customer.Key',
    optional: false,
    fields: [{ type: 'int32', optional: false, field: 'CustomerId' }],
  },
  payload: { CustomerId: 7 },
}

const AVRO_SCHEMA = {
  type: 'record',
  name: 'FraudScore',
  fields: [
    { name: 'customerId', type: 'long' },
    { name: 'deviceId', type: ['null', 'string'], default: null },
    { name: 'reasons', type: { type: 'array', items: 'string' } },
    { name: 'scoredAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
    {
      name: 'address',
      type: { type: 'record', name: 'Address', fields: [{ name: 'postcode', type: 'string' }] },
    },
  ],
}
const avroType = avro.Type.forSchema(AVRO_SCHEMA as avro.Schema)

function wire(schemaId: number, body: Buffer): Buffer {
  const header = Buffer.alloc(5)
  header.writeInt32BE(schemaId, 1)
  return Buffer.concat([header, body])
}

const json = (v: unknown) => Buffer.from(JSON.stringify(v))

/** A tiny Confluent-compatible registry on loopback: schema 42 only. */
let server: http.Server
let registryUrl = ''
let requests = 0
beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests++
    if (req.url === '/schemas/ids/42') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ schema: JSON.stringify(AVRO_SCHEMA) }))
    } else {
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error_code: 40403, message: 'Schema not found' }))
    }
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  registryUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

const registryRef = (url: string) => ({ name: 'registry', url, options: {} })

describe('decodeBytes', () => {
  it('tells tombstones, empty values, JSON, text and bytes apart', () => {
    expect(decodeBytes(null)).toEqual({ kind: 'null' })
    expect(decodeBytes(Buffer.alloc(0))).toEqual({ kind: 'empty' })
    expect(decodeBytes(json({ a: 1 }))).toEqual({ kind: 'json', value: { a: 1 } })
    expect(decodeBytes(Buffer.from('42'))).toEqual({ kind: 'json', value: 42 })
    expect(decodeBytes(Buffer.from('C-000123'))).toEqual({ kind: 'string', value: 'C-000123' })
    expect(decodeBytes(Buffer.from('{not json'))).toEqual({ kind: 'string', value: '{not json' })
    expect(decodeBytes(Buffer.from([0xff, 0xfe, 0x80]))).toEqual({ kind: 'binary', bytes: 3 })
    expect(decodeBytes(Buffer.from([0x41, 0x01, 0x02]))).toEqual({ kind: 'binary', bytes: 3 })
  })

  it('recognises a Connect / Debezium envelope by its schema and payload', () => {
    const d = decodeBytes(json(DEBEZIUM_VALUE))
    expect(d.kind).toBe('connect')
    // A JSON object that merely has a `schema` key is plain JSON.
    expect(decodeBytes(json({ schema: 'x', payload: 1 })).kind).toBe('json')
  })

  it('splits the Confluent wire format: magic byte 0 and a 4-byte schema id', () => {
    const d = decodeBytes(wire(42, Buffer.from([1, 2])))
    expect(d).toEqual({ kind: 'wire', schemaId: 42, body: Buffer.from([1, 2]) })
  })
})

describe('connectFields', () => {
  it('lists the declared Connect types by path, logical names first', () => {
    const fields = connectFields(DEBEZIUM_VALUE.schema, '')
    const byPath = Object.fromEntries(fields.map((f) => [f.path, f]))
    expect(Object.keys(byPath)).toEqual([
      'before',
      'before.CustomerId',
      'before.Email',
      'before.DateOfBirth',
      'after',
      'after.CustomerId',
      'after.Email',
      'after.DateOfBirth',
      'source',
      'source.table',
      'op',
      'ts_ms',
    ])
    expect(byPath['after.DateOfBirth']).toMatchObject({
      declaredType: 'io.debezium.time.Date',
      nullable: true,
    })
    expect(byPath['after.CustomerId']).toMatchObject({ declaredType: 'int32', nullable: false })
    expect(byPath.after!.declaredType).toBe('struct')
  })

  it('gives array elements their own path, and a scalar schema the root path', () => {
    const tags = connectFields(
      { type: 'struct', fields: [{ type: 'array', field: 'tags', items: { type: 'string' } }] },
      '',
    )
    expect(tags.map((f) => [f.path, f.declaredType])).toEqual([
      ['tags', 'array<string>'],
      ['tags[]', 'string'],
    ])
    expect(connectFields({ type: 'int64', optional: true }, 'key')).toEqual([
      { path: 'key', declaredType: 'int64', nullable: true },
    ])
  })
})

describe('readPart and PartShape', () => {
  const urnOf = (p: string) => `kafka://events/t#${p}`

  it('turns a Debezium topic into key.* and before/after fields with samples', async () => {
    const registry = new RegistrySchemas(undefined, undefined, 1000)
    const keys = new PartShape('key', 100)
    const values = new PartShape('', 100)
    for (let i = 0; i < 3; i++) {
      keys.add((await readPart(json(DEBEZIUM_KEY), registry)).read)
      values.add((await readPart(json(DEBEZIUM_VALUE), registry)).read)
    }
    const k = keys.result(urnOf, 3)
    const v = values.result(urnOf, 3)
    expect(k.fields.map((f) => [f.path, f.declaredType, f.primaryKey])).toEqual([
      ['key.CustomerId', 'int32', true],
    ])
    expect(v.encoding).toBe('debezium-json')
    expect(v.schemaSource).toBe('debezium-schema')
    expect(v.fields.find((f) => f.path === 'after.Email')?.urn).toBe('kafka://events/t#after.Email')
    expect(v.samples['kafka://events/t#after.Email']).toEqual([
      'a@example.test',
      'a@example.test',
      'a@example.test',
    ])
    expect(v.samples['kafka://events/t#before']).toEqual([null, null, null])
    expect(k.samples['kafka://events/t#key.CustomerId']).toEqual([7, 7, 7])
  })

  it('decodes Avro with magic byte through the registry, one schema request per id', async () => {
    const registry = new RegistrySchemas(registryRef(registryUrl), undefined, 2000)
    const before = requests
    const shape = new PartShape('', 2)
    for (let i = 0; i < 3; i++) {
      const body = avroType.toBuffer({
        customerId: 10 + i,
        deviceId: i === 0 ? null : 'dev-1',
        reasons: ['velocity', 'geo'],
        scoredAt: 1764000000000,
        address: { postcode: 'AB1 2CD' },
      })
      shape.add((await readPart(wire(42, body), registry)).read)
    }
    expect(requests - before).toBe(1)
    const r = shape.result(urnOf, 3)
    expect(r.encoding).toBe('avro')
    expect(r.schemaSource).toBe('registry')
    expect(r.fields.map((f) => [f.path, f.declaredType, f.nullable])).toEqual([
      ['customerId', 'long', false],
      ['deviceId', 'string', true],
      ['reasons', 'array<string>', false],
      ['reasons[]', 'string', false],
      ['scoredAt', 'long (timestamp-millis)', false],
      ['address', 'record Address', false],
      ['address.postcode', 'string', false],
    ])
    // At most sampleSize values per field.
    expect(r.samples['kafka://events/t#customerId']).toEqual([10, 11])
    expect(r.samples['kafka://events/t#deviceId']).toEqual([null, 'dev-1'])
    expect(r.samples['kafka://events/t#reasons[]']).toEqual(['velocity', 'geo'])
  })

  it('reads wire-format bytes with an unknown schema id as binary, without failing the registry', async () => {
    const registry = new RegistrySchemas(registryRef(registryUrl), undefined, 2000)
    const { read, registryError } = await readPart(wire(7, Buffer.from([1, 2, 3])), registry)
    expect(read).toMatchObject({ kind: 'failed', encoding: 'binary' })
    expect(registryError).toBeUndefined()
  })

  it('labels Avro messages when the registry is unreachable', async () => {
    const registry = new RegistrySchemas(registryRef('http://127.0.0.1:1'), undefined, 2000)
    const { read, registryError } = await readPart(wire(42, Buffer.from([2])), registry)
    expect(read).toMatchObject({ kind: 'failed', encoding: 'avro' })
    expect((read as Extract<PartRead, { kind: 'failed' }>).note).toMatch(/registry unreachable/i)
    expect(registryError?.shape.code).toBe('unreachable')
  })

  it('infers plain JSON values, keeps text keys as `key`, counts tombstones and bytes', async () => {
    const registry = new RegistrySchemas(undefined, undefined, 1000)
    const keys = new PartShape('key', 100)
    const values = new PartShape('', 100)
    const messages: Array<[Buffer | null, Buffer | null]> = [
      [Buffer.from('s-1'), json({ sessionId: 's-1', page: '/a', tags: ['x'] })],
      [Buffer.from('s-2'), json({ sessionId: 's-2', page: null })],
      [Buffer.from('s-3'), null],
    ]
    for (const [k, v] of messages) {
      keys.add((await readPart(k, registry)).read)
      values.add((await readPart(v, registry)).read)
    }
    const k = keys.result(urnOf, 3)
    const v = values.result(urnOf, 3)
    expect(k.encoding).toBe('string')
    expect(k.fields).toEqual([
      expect.objectContaining({ path: 'key', primaryKey: true, presence: { seen: 3, of: 3 } }),
    ])
    expect(v.encoding).toBe('json')
    expect(v.schemaSource).toBe('inferred')
    const session = v.fields.find((f) => f.path === 'sessionId')!
    expect(session.presence).toEqual({ seen: 2, of: 3 })
    expect(session.types?.[0]?.type).toBe('string')
    expect(v.fields.some((f) => f.path === 'page')).toBe(true)
    expect(v.samples['kafka://events/t#sessionId']).toEqual(['s-1', 's-2'])

    const bytes = new PartShape('', 100)
    bytes.add((await readPart(Buffer.from([0xc3, 0x28]), registry)).read)
    bytes.add((await readPart(Buffer.alloc(0), registry)).read)
    bytes.add((await readPart(Buffer.from([0xff]), registry)).read)
    const b = bytes.result(urnOf, 3)
    expect(b.encoding).toBe('binary')
    expect(b.fields).toEqual([])
    expect(b.notes.join(' ')).toMatch(/mixed: 2 binary, 1 empty/)
  })
})
