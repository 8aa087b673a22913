import { describe, expect, it } from 'vitest'
import { mapSubject, schemaFields, subjectTopic } from './crawl-map'
import { flattenJsonSchema } from './json-schema-fields'
import { flattenProtobuf } from './protobuf-fields'

describe('flattenJsonSchema', () => {
  it('flattens properties, nested objects, arrays of objects, $refs and null unions', () => {
    const r = flattenJsonSchema({
      type: 'object',
      required: ['id', 'email'],
      properties: {
        id: { type: 'integer' },
        email: { type: 'string', format: 'email', description: 'Contact address' },
        nickname: { type: ['string', 'null'] },
        address: { $ref: '#/definitions/Address' },
        lines: {
          type: 'array',
          items: { type: 'object', properties: { sku: { type: 'string' } } },
        },
        tier: { oneOf: [{ type: 'null' }, { type: 'string', enum: ['gold', 'silver'] }] },
      },
      definitions: {
        Address: {
          type: 'object',
          required: ['postcode'],
          properties: { postcode: { type: 'string' } },
        },
      },
    })
    const byPath = Object.fromEntries(r.fields.map((f) => [f.path, f]))
    expect(r.fields.map((f) => f.path)).toEqual([
      'id',
      'email',
      'nickname',
      'address',
      'address.postcode',
      'lines',
      'lines[].sku',
      'tier',
    ])
    expect(byPath.id).toMatchObject({ declaredType: 'integer', nullable: false })
    expect(byPath.email).toMatchObject({
      declaredType: 'string (email)',
      nullable: false,
      description: 'Contact address',
    })
    expect(byPath.nickname).toMatchObject({ declaredType: 'string', nullable: true })
    expect(byPath.address).toMatchObject({ declaredType: 'object', nullable: true })
    expect(byPath['address.postcode']!.nullable).toBe(false)
    expect(byPath.lines!.declaredType).toBe('array<object>')
    expect(byPath.tier).toMatchObject({ declaredType: 'string {"gold", "silver"}', nullable: true })
  })

  it('does not loop on recursive $refs', () => {
    const r = flattenJsonSchema({
      $ref: '#/$defs/Node',
      $defs: {
        Node: {
          type: 'object',
          properties: { next: { $ref: '#/$defs/Node' }, v: { type: 'number' } },
        },
      },
    })
    expect(r.fields.map((f) => [f.path, f.declaredType])).toEqual([
      ['next', '#/$defs/Node'],
      ['v', 'number'],
    ])
  })
})

describe('flattenProtobuf', () => {
  it('lists the first message’s top-level fields, oneof members included', () => {
    const r = flattenProtobuf(`
      syntax = "proto3";
      package shop.v1;
      // An order
      message Order {
        int64 id = 1;
        string email = 2 [deprecated = true];
        repeated Line lines = 3;
        map<string, string> attrs = 4;
        Address billing = 5;
        optional string note = 6;
        message Line { string sku = 1; }
        oneof payment { string card = 7; string iban = 8; }
        reserved 9;
      }
      message Address { string postcode = 1; }`)
    expect(r.rootType).toBe('message Order')
    expect(r.fields.map((f) => [f.path, f.declaredType, f.nullable])).toEqual([
      ['id', 'int64', false],
      ['email', 'string', false],
      ['lines', 'repeated Line', false],
      ['attrs', 'map<string,string>', false],
      ['billing', 'Address', true],
      ['note', 'string', true],
      ['card', 'string', true],
      ['iban', 'string', true],
    ])
  })

  it('gives a note, not a throw, for what it cannot read', () => {
    expect(flattenProtobuf('garbage').notes[0]).toMatch(/No message found/)
    expect(flattenProtobuf('message A { int32 x = 1;').notes[0]).toMatch(/could not be parsed/)
  })
})

describe('subjects', () => {
  it('derives topic and role with TopicNameStrategy, else marks the strategy', () => {
    expect(subjectTopic('fraud.scores-value')).toEqual({
      strategy: 'topic-name',
      topic: 'fraud.scores',
      role: 'value',
    })
    expect(subjectTopic('crm.dbo.Customer-key')).toEqual({
      strategy: 'topic-name',
      topic: 'crm.dbo.Customer',
      role: 'key',
    })
    expect(subjectTopic('com.x.Order', 'com.x.Order')).toEqual({ strategy: 'record-name' })
    expect(subjectTopic('orders-com.x.Order', 'com.x.Order')).toEqual({
      strategy: 'topic-record-name',
      topic: 'orders',
    })
    expect(subjectTopic('whatever')).toEqual({ strategy: 'unknown' })
  })

  it('an unparseable schema becomes a note, never a throw', () => {
    const r = schemaFields({ schema: '{not json', schemaType: 'AVRO' })
    expect(r.fields).toEqual([])
    expect(r.notes[0]).toMatch(/could not be parsed/)
  })

  it('maps a subject with a capped history note', () => {
    const asset = mapSubject('reg', {
      subject: 'orders-value',
      allVersions: Array.from({ length: 25 }, (_, i) => i + 1),
      schemas: Array.from({ length: 20 }, (_, i) => ({
        version: i + 6,
        id: 100 + i,
        schema: '{"type":"record","name":"O","fields":[{"name":"id","type":"long"}]}',
        schemaType: 'AVRO',
        references: [],
      })),
      compatibility: { level: 'BACKWARD', from: 'global' },
    })
    expect(asset.urn).toBe('schema-registry://reg/orders-value')
    expect(asset.properties).toMatchObject({
      latestVersion: 25,
      versionCount: 25,
      schemaType: 'AVRO',
      topic: 'orders',
      role: 'value',
      compatibility: 'BACKWARD',
    })
    expect((asset.properties?.versions as unknown[]).length).toBe(20)
    expect(asset.fields[0]).toMatchObject({
      urn: 'schema-registry://reg/orders-value#id',
      ordinal: 1,
    })
    expect(asset.notes?.[0]).toMatch(/newest 20 versions: 5 older/)
  })
})
