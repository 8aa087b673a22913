import { describe, expect, it } from 'vitest'
import {
  connectJsonKeyBytes,
  jacksonString,
  parseConnectJsonKey,
  schemaJson,
  stringKeyBytes,
  type ConnectSchema,
} from './connect-json-key'
import { keyPartition } from './key-partition'

/** Keys exactly as read from the reference estate's topics (Debezium PostgreSQL, JsonConverter). */
const CUSTOMER_KEY_4 =
  '{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"CustomerId"}],"optional":false,"name":"crm.dbo.Customer.Key"},"payload":{"CustomerId":4}}'
const ORDER_KEY_13 =
  '{"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"order_id"}],"optional":false,"name":"orders.sales.orders.Key"},"payload":{"order_id":13}}'

const customerKeySchema: ConnectSchema = {
  type: 'struct',
  optional: false,
  name: 'crm.dbo.Customer.Key',
  fields: [{ type: 'int32', optional: false, field: 'CustomerId' }],
}

describe('connectJsonKeyBytes', () => {
  it('writes a Debezium key byte for byte as JsonConverter does', () => {
    expect(connectJsonKeyBytes(customerKeySchema, { CustomerId: 4 }).toString()).toBe(
      CUSTOMER_KEY_4,
    )
  })

  it('rebuilds any key under a schema read from one sampled key', () => {
    const { schema, payload } = parseConnectJsonKey(Buffer.from(ORDER_KEY_13))
    expect(payload).toEqual({ order_id: 13 })
    expect(connectJsonKeyBytes(schema, { order_id: 13 }).toString()).toBe(ORDER_KEY_13)
    expect(connectJsonKeyBytes(schema, { order_id: 14 }).toString()).toBe(
      ORDER_KEY_13.replace('13}}', '14}}'),
    )
  })

  it('orders schema members as asJsonSchema: type, fields, optional, name, version, doc, parameters, default', () => {
    const schema: ConnectSchema = {
      default: 7,
      parameters: { a: 'b' },
      doc: 'd',
      version: 1,
      name: 'n',
      optional: true,
      type: 'int64',
    }
    expect(schemaJson(schema)).toBe(
      '{"type":"int64","optional":true,"name":"n","version":1,"doc":"d","parameters":{"a":"b"},"default":7}',
    )
  })

  it('puts "field" last in each struct field and keeps field order in the payload', () => {
    const schema: ConnectSchema = {
      type: 'struct',
      optional: false,
      name: 'db.s.t.Key',
      fields: [
        { type: 'string', optional: false, name: 'io.debezium.data.Uuid', version: 1, field: 'id' },
        { type: 'int64', optional: false, field: 'tenant' },
      ],
    }
    const bytes = connectJsonKeyBytes(schema, { tenant: 9007199254740993n, id: 'a"b' })
    expect(bytes.toString()).toBe(
      '{"schema":{"type":"struct","fields":[{"type":"string","optional":false,"name":"io.debezium.data.Uuid","version":1,"field":"id"},{"type":"int64","optional":false,"field":"tenant"}],"optional":false,"name":"db.s.t.Key"},"payload":{"id":"a\\"b","tenant":9007199254740993}}',
    )
  })

  it('writes the bare payload when schemas are disabled', () => {
    expect(
      connectJsonKeyBytes(
        customerKeySchema,
        { CustomerId: 42 },
        { schemasEnable: false },
      ).toString(),
    ).toBe('{"CustomerId":42}')
  })

  it('refuses values that do not fit the schema, and floating point', () => {
    expect(() => connectJsonKeyBytes(customerKeySchema, { CustomerId: 2 ** 31 })).toThrow(/range/)
    expect(() => connectJsonKeyBytes(customerKeySchema, { CustomerId: '4x' })).toThrow(/integer/)
    expect(() => connectJsonKeyBytes(customerKeySchema, {})).toThrow(/required/)
    expect(() => connectJsonKeyBytes({ type: 'double', optional: false }, 1.5)).toThrow(
      /floating point/,
    )
  })

  it('refuses keys that are not a JsonConverter envelope', () => {
    expect(() => parseConnectJsonKey(Buffer.from('C00000042'))).toThrow(/not JSON/)
    expect(() => parseConnectJsonKey(Buffer.from('{"CustomerId":4}'))).toThrow(/envelope/)
  })
})

describe('jacksonString', () => {
  it('escapes control characters with upper-case hex, as Jackson does', () => {
    expect(jacksonString('a\u001fb')).toBe('"a\\u001Fb"')
    expect(jacksonString('t\tn\nq"s\\')).toBe('"t\\tn\\nq\\"s\\\\"')
  })

  it('leaves non-ASCII and / raw', () => {
    expect(jacksonString('Seán/Łukasz 😀')).toBe('"Seán/Łukasz 😀"')
  })

  it('refuses an unpaired surrogate', () => {
    expect(() => jacksonString('\ud800x')).toThrow(/surrogate/)
  })
})

describe('keyPartition', () => {
  it('hashes string keys as their UTF-8 bytes', () => {
    expect(stringKeyBytes('C00000042')).toEqual(Buffer.from('C00000042'))
    // murmur2("21") = -973932308 (Kafka's UtilsTest): toPositive % 6 = 2.
    expect(keyPartition({ kind: 'string' }, '21', 6).partition).toBe((-973932308 & 0x7fffffff) % 6)
    expect(keyPartition({ kind: 'string' }, 21, 6).keyBytes.toString()).toBe('21')
  })

  it('returns the serialized Debezium key with its partition', () => {
    const { keyBytes, partition } = keyPartition(
      { kind: 'connect-json', schema: customerKeySchema },
      { CustomerId: 4 },
      6,
    )
    expect(keyBytes.toString()).toBe(CUSTOMER_KEY_4)
    // Read from the estate: CustomerId 4 is in partition 5 of crm.dbo.Customer.
    expect(partition).toBe(5)
  })
})
