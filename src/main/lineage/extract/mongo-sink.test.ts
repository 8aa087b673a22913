import { describe, expect, it } from 'vitest'
import { extractConnectLineage } from './extract-connect-lineage'
import {
  assetEdges,
  collection,
  connector,
  edge,
  fieldEdges,
  snapshot,
  source,
  topic,
} from './test-support'

const MONGO = source('singleview', 'mongodb', ['mongo:27017'])
const KAFKA = source('events', 'kafka')
const SINK = 'com.mongodb.kafka.connect.MongoSinkConnector'
const sink = (config: Record<string, string>) =>
  connector(
    'sink',
    { 'connector.class': SINK, 'connection.uri': 'mongodb://mongo:27017', ...config },
    { type: 'sink' },
  )

const returns = topic('events', 'returns.requests', ['orderId', 'reason', 'notes', 'key'])
const cdc = topic('events', 'crm.dbo.Customer', [
  'after.CustomerId',
  'after.Email',
  'before.Email',
  'key.CustomerId',
  'op',
  'source.lsn',
])

describe('MongoDB sink', () => {
  it('copies value fields to the same paths of database.collection', () => {
    const batch = extractConnectLineage(
      snapshot(
        [MONGO, KAFKA],
        [
          returns,
          collection('singleview', 'ops', 'returns', ['_id', 'orderId', 'reason']),
          sink({ topics: 'returns.requests', database: 'ops', collection: 'returns' }),
        ],
      ),
    )
    expect(assetEdges(batch)).toEqual(['kafka:returns.requests -> mongodb:ops.returns'])
    // The catalogued collection has no notes field; the key does not reach the document.
    expect(fieldEdges(batch)).toEqual([
      'kafka:returns.requests#orderId -> mongodb:ops.returns#orderId',
      'kafka:returns.requests#reason -> mongodb:ops.returns#reason',
    ])
    expect(
      edge(batch, 'kafka:returns.requests#orderId', 'mongodb:ops.returns#orderId')!.origin,
    ).toMatchObject({
      connectorClass: SINK,
      configKeys: ['topics', 'database', 'collection'],
    })
  })

  it('reads topics.regex as a dynamic set, and topic.override.<topic>.collection', () => {
    const batch = extractConnectLineage(
      snapshot(
        [MONGO, KAFKA],
        [
          returns,
          topic('events', 'returns.archive', ['orderId']),
          topic('events', 'orders', ['orderId']),
          sink({
            'topics.regex': 'returns\\..*',
            database: 'ops',
            'topic.override.returns.archive.collection': 'returns_archive',
          }),
        ],
      ),
    )
    expect(assetEdges(batch)).toEqual([
      'kafka:returns.archive -> mongodb:ops.returns_archive',
      'kafka:returns.requests -> mongodb:ops.returns.requests',
    ])
    const e = edge(batch, 'kafka:returns.archive#orderId', 'mongodb:ops.returns_archive#orderId')!
    expect(e.origin).toMatchObject({
      dynamic: true,
      configKeys: expect.arrayContaining([
        'topics.regex',
        'topic.override.returns.archive.collection',
      ]),
    })
  })

  it('marks FieldPathNamespaceMapper mappings dynamic and says so', () => {
    const batch = extractConnectLineage(
      snapshot(
        [MONGO, KAFKA],
        [
          returns,
          collection('singleview', 'ops', 'returns_uk', ['orderId']),
          collection('singleview', 'ops', 'returns_fr', ['orderId']),
          collection('singleview', 'other', 'x', ['orderId']),
          sink({
            topics: 'returns.requests',
            database: 'ops',
            'namespace.mapper':
              'com.mongodb.kafka.connect.sink.namespace.mapping.FieldPathNamespaceMapper',
            'namespace.mapper.value.collection.field': 'country',
          }),
        ],
      ),
    )
    expect(assetEdges(batch)).toEqual([
      'kafka:returns.requests -> mongodb:ops.returns_fr',
      'kafka:returns.requests -> mongodb:ops.returns_uk',
    ])
    const e = edge(batch, 'kafka:returns.requests#orderId', 'mongodb:ops.returns_uk#orderId')!
    expect(e.origin).toMatchObject({ dynamic: true })
    expect(e.origin.kind === 'extracted' && e.origin.note).toMatch(
      /Dynamic namespace.*field "country"/,
    )
  })

  it('unwraps Debezium change events with the RDBMS CDC handler: after.X -> X, key -> _id', () => {
    const batch = extractConnectLineage(
      snapshot(
        [MONGO, KAFKA],
        [
          cdc,
          sink({
            topics: 'crm.dbo.Customer',
            database: 'crm',
            collection: 'customers',
            'change.data.capture.handler':
              'com.mongodb.kafka.connect.sink.cdc.debezium.rdbms.RdbmsHandler',
          }),
        ],
      ),
    )
    expect(fieldEdges(batch)).toEqual([
      'kafka:crm.dbo.Customer#after.CustomerId -> mongodb:crm.customers#CustomerId',
      'kafka:crm.dbo.Customer#after.Email -> mongodb:crm.customers#Email',
      'kafka:crm.dbo.Customer#key.CustomerId -> mongodb:crm.customers#_id.CustomerId',
    ])
  })

  it('maps the key to _id with ProvidedInKeyStrategy, and applies projection and renames', () => {
    const batch = extractConnectLineage(
      snapshot(
        [MONGO, KAFKA],
        [
          returns,
          sink({
            topics: 'returns.requests',
            database: 'ops',
            'document.id.strategy':
              'com.mongodb.kafka.connect.sink.processor.id.strategy.ProvidedInKeyStrategy',
            'value.projection.type': 'blocklist',
            'value.projection.list': 'notes',
            'field.renamer.mapping': '[{"oldName":"value.reason","newName":"why"}]',
          }),
        ],
      ),
    )
    expect(fieldEdges(batch)).toEqual([
      'kafka:returns.requests#key -> mongodb:ops.returns.requests#_id',
      'kafka:returns.requests#orderId -> mongodb:ops.returns.requests#orderId',
      'kafka:returns.requests#reason -> mongodb:ops.returns.requests#why',
    ])
    expect(
      edge(batch, 'kafka:returns.requests#reason', 'mongodb:ops.returns.requests#why')!.transform,
    ).toEqual({
      type: 'rename',
      from: 'reason',
      to: 'why',
    })
  })

  it('reports a sink to a MongoDB that no source is', () => {
    const batch = extractConnectLineage(
      snapshot(
        [MONGO, source('other', 'mongodb', ['m2:27017']), KAFKA],
        [
          returns,
          connector('s', {
            'connector.class': SINK,
            'connection.uri': 'mongodb://elsewhere:27017',
            topics: 'returns.requests',
            database: 'ops',
          }),
        ],
      ),
    )
    expect(batch.edges).toEqual([])
    expect(batch.insights[0]!.message).toMatch(/elsewhere:27017/)
  })
})
