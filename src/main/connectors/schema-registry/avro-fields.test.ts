import { describe, expect, it } from 'vitest'
import { flattenAvro } from './avro-fields'

const FRAUD = {
  type: 'record',
  name: 'FraudScore',
  namespace: 'com.amperelectricals.fraud',
  fields: [
    { name: 'customerId', type: 'long', doc: 'crm CustomerId' },
    { name: 'score', type: 'double' },
    { name: 'reasons', type: { type: 'array', items: 'string' }, default: [] },
    { name: 'deviceId', type: ['null', 'string'], default: null },
    { name: 'scoredAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
  ],
}

describe('flattenAvro', () => {
  it('lists a flat record with types, nullability, defaults and docs', () => {
    const r = flattenAvro(JSON.stringify(FRAUD))
    expect(r.rootType).toBe('record com.amperelectricals.fraud.FraudScore')
    expect(r.notes).toEqual([])
    expect(r.fields).toEqual([
      {
        path: 'customerId',
        name: 'customerId',
        declaredType: 'long',
        nullable: false,
        description: 'crm CustomerId',
      },
      { path: 'score', name: 'score', declaredType: 'double', nullable: false },
      {
        path: 'reasons',
        name: 'reasons',
        declaredType: 'array<string>',
        nullable: false,
        default: '[]',
      },
      {
        path: 'deviceId',
        name: 'deviceId',
        declaredType: 'string',
        nullable: true,
        default: 'null',
      },
      {
        path: 'scoredAt',
        name: 'scoredAt',
        declaredType: 'long (timestamp-millis)',
        nullable: false,
      },
    ])
  })

  it('flattens nested records, nullable records, arrays of records and named-type reuse', () => {
    const schema = {
      type: 'record',
      name: 'Order',
      namespace: 'shop',
      fields: [
        {
          name: 'billing',
          type: {
            type: 'record',
            name: 'Address',
            fields: [
              { name: 'postcode', type: 'string' },
              {
                name: 'geo',
                type: [
                  'null',
                  { type: 'record', name: 'Geo', fields: [{ name: 'lat', type: 'double' }] },
                ],
              },
            ],
          },
        },
        { name: 'shipping', type: ['null', 'Address'], default: null },
        {
          name: 'lines',
          type: {
            type: 'array',
            items: { type: 'record', name: 'Line', fields: [{ name: 'sku', type: 'string' }] },
          },
        },
        {
          name: 'amount',
          type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 },
        },
        { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID'] } },
        { name: 'attrs', type: { type: 'map', values: 'string' } },
        { name: 'either', type: ['null', 'string', 'long'] },
      ],
    }
    const r = flattenAvro(schema)
    const byPath = Object.fromEntries(r.fields.map((f) => [f.path, f]))
    expect(r.fields.map((f) => f.path)).toEqual([
      'billing',
      'billing.postcode',
      'billing.geo',
      'billing.geo.lat',
      'shipping',
      'shipping.postcode',
      'shipping.geo',
      'shipping.geo.lat',
      'lines',
      'lines[].sku',
      'amount',
      'status',
      'attrs',
      'either',
    ])
    expect(byPath.billing!.declaredType).toBe('record shop.Address')
    expect(byPath.shipping).toMatchObject({ declaredType: 'record shop.Address', nullable: true })
    expect(byPath['billing.geo']).toMatchObject({ declaredType: 'record shop.Geo', nullable: true })
    expect(byPath.lines!.declaredType).toBe('array<record shop.Line>')
    expect(byPath.amount!.declaredType).toBe('bytes (decimal(10,2))')
    expect(byPath.status!.declaredType).toBe('enum shop.Status {NEW, PAID}')
    expect(byPath.attrs!.declaredType).toBe('map<string>')
    expect(byPath.either).toMatchObject({ declaredType: 'union<string,long>', nullable: true })
  })

  it('stops at recursive types and notes unresolved references', () => {
    const r = flattenAvro({
      type: 'record',
      name: 'Node',
      fields: [
        { name: 'value', type: 'int' },
        { name: 'next', type: ['null', 'Node'] },
        { name: 'customer', type: 'com.other.Customer' },
      ],
    })
    expect(r.fields.map((f) => f.path)).toEqual(['value', 'next', 'customer'])
    expect(r.fields[2]!.declaredType).toBe('com.other.Customer')
    expect(r.notes.join(' ')).toMatch(/com\.other\.Customer is defined elsewhere/)
  })

  it('gives a primitive root no fields and caps the field count', () => {
    expect(flattenAvro('"string"')).toEqual({ fields: [], rootType: 'string', notes: [] })
    const wide = {
      type: 'record',
      name: 'W',
      fields: Array.from({ length: 10 }, (_, i) => ({ name: `f${i}`, type: 'int' })),
    }
    const r = flattenAvro(wide, { maxFields: 4 })
    expect(r.fields).toHaveLength(4)
    expect(r.notes[0]).toMatch(/6 more fields/)
  })
})
