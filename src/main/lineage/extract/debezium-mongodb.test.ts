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
} from './test-support'

const MONGO = source('singleview', 'mongodb', ['mongo1:27017', 'mongo2:27017'])
const KAFKA = source('events', 'kafka')
const assets = [
  collection('singleview', 'inventory', 'customers', ['_id', 'email', 'name.first', 'ssn']),
  collection('singleview', 'inventory', 'orders', ['_id', 'total']),
  collection('singleview', 'admin', 'users', ['_id']),
]

describe('Debezium MongoDB source', () => {
  it('captures included collections into <prefix>.<db>.<collection>, field by field', () => {
    const batch = extractConnectLineage(
      snapshot(
        [MONGO, KAFKA],
        [
          ...assets,
          connector('inventory-cdc', {
            'connector.class': 'io.debezium.connector.mongodb.MongoDbConnector',
            'mongodb.connection.string': 'mongodb://mongo1:27017/?replicaSet=rs0',
            'topic.prefix': 'dbserver1',
            'collection.include.list': 'inventory\\.cust.*',
            'field.exclude.list': 'inventory.customers.ssn',
            'field.renames': 'inventory.customers.name.first:given',
          }),
        ],
      ),
    )
    expect(assetEdges(batch)).toEqual([
      'mongodb:inventory.customers -> kafka:dbserver1.inventory.customers',
    ])
    expect(fieldEdges(batch)).toEqual([
      'mongodb:inventory.customers#_id -> kafka:dbserver1.inventory.customers#after._id',
      'mongodb:inventory.customers#_id -> kafka:dbserver1.inventory.customers#key.id',
      'mongodb:inventory.customers#email -> kafka:dbserver1.inventory.customers#after.email',
      'mongodb:inventory.customers#name.first -> kafka:dbserver1.inventory.customers#after.name.given',
    ])
    expect(
      edge(
        batch,
        'mongodb:inventory.customers#name.first',
        'kafka:dbserver1.inventory.customers#after.name.given',
      )!.transform,
    ).toEqual({ type: 'rename', from: 'name.first', to: 'name.given' })
  })

  it('reads the legacy mongodb.name / mongodb.hosts and unwraps with ExtractNewDocumentState', () => {
    const batch = extractConnectLineage(
      snapshot(
        [MONGO, KAFKA],
        [
          ...assets,
          connector('legacy', {
            'connector.class': 'io.debezium.connector.mongodb.MongoDbConnector',
            'mongodb.hosts': 'rs0/mongo2:27017',
            'mongodb.name': 'fulfillment',
            'database.include.list': 'inventory',
            'collection.exclude.list': 'inventory\\.customers',
            transforms: 'unwrap',
            'transforms.unwrap.type':
              'io.debezium.connector.mongodb.transforms.ExtractNewDocumentState',
          }),
        ],
      ),
    )
    expect(fieldEdges(batch)).toEqual([
      'mongodb:inventory.orders#_id -> kafka:fulfillment.inventory.orders#_id',
      'mongodb:inventory.orders#_id -> kafka:fulfillment.inventory.orders#key.id',
      'mongodb:inventory.orders#total -> kafka:fulfillment.inventory.orders#total',
    ])
    expect(
      edge(batch, 'mongodb:inventory.orders#total', 'kafka:fulfillment.inventory.orders#total')!
        .origin,
    ).toMatchObject({
      configKeys: expect.arrayContaining([
        'mongodb.name',
        'mongodb.hosts',
        'database.include.list',
        'collection.exclude.list',
      ]),
    })
  })
})
