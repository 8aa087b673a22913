import { describe, expect, it } from 'vitest'
import { extractConnectLineage } from './extract-connect-lineage'
import { debeziumTopic } from './debezium-relational'
import {
  assetEdges,
  connector,
  database,
  edge,
  fieldEdges,
  kafkaCluster,
  snapshot,
  source,
  table,
  topic,
} from './test-support'

const SQLSERVER = 'io.debezium.connector.sqlserver.SqlServerConnector'
const POSTGRES = 'io.debezium.connector.postgresql.PostgresConnector'
const KAFKA = source('events', 'kafka', ['broker:9092'])
const MSSQL = source('crm-sql', 'sqlserver', ['sqlserver.internal:1433'])
const sql = (db: string, schema: string, name: string, cols: string[], tracked = true) =>
  table('crm-sql', [db, schema, name], cols, { platform: 'sqlserver', cdc: { tracked } })

describe('Debezium SQL Server', () => {
  // The documentation's shape: one connector, several databases, topic.prefix.
  const config = {
    'connector.class': SQLSERVER,
    'database.hostname': 'sqlserver.internal',
    'database.port': '1433',
    'database.user': 'debezium',
    'database.password': '***',
    'database.names': 'crm,billing',
    'topic.prefix': 'fulfillment',
    'table.include.list': 'dbo\\.Customer,dbo\\.Invoice.*',
    'column.exclude.list': 'dbo\\.Customer\\.Notes',
    'schema.history.internal.kafka.topic': 'schemahistory.fulfillment',
  }
  const assets = [
    sql('crm', 'dbo', 'Customer', ['CustomerId', 'Email', 'Notes']),
    sql('crm', 'dbo', 'Address', ['AddressId', 'CustomerId']),
    sql('billing', 'dbo', 'InvoiceLine', ['InvoiceLineId', 'Amount']),
    sql('billing', 'dbo', 'Invoice', ['InvoiceId', 'Total'], false),
  ]

  it('captures the included tables of every database into <prefix>.<db>.<schema>.<table>', () => {
    const batch = extractConnectLineage(
      snapshot([MSSQL, KAFKA], [...assets, connector('crm-cdc', config)]),
    )
    expect(assetEdges(batch)).toEqual([
      'sqlserver:billing.dbo.InvoiceLine -> kafka:fulfillment.billing.dbo.InvoiceLine',
      'sqlserver:crm.dbo.Customer -> kafka:fulfillment.crm.dbo.Customer',
    ])
    const edges = fieldEdges(batch)
    expect(edges).toContain(
      'sqlserver:crm.dbo.Customer#Email -> kafka:fulfillment.crm.dbo.Customer#after.Email',
    )
    expect(edges).toContain(
      'sqlserver:crm.dbo.Customer#Email -> kafka:fulfillment.crm.dbo.Customer#before.Email',
    )
    expect(edges).toContain(
      'sqlserver:crm.dbo.Customer#CustomerId -> kafka:fulfillment.crm.dbo.Customer#key.CustomerId',
    )
    expect(edges).not.toContain(
      'sqlserver:crm.dbo.Customer#Email -> kafka:fulfillment.crm.dbo.Customer#key.Email',
    )
    // column.exclude.list drops the column from the value.
    expect(edges.filter((e) => e.includes('#Notes'))).toEqual([])
    const e = edge(
      batch,
      'sqlserver:crm.dbo.Customer#Email',
      'kafka:fulfillment.crm.dbo.Customer#after.Email',
    )!
    expect(e.transform).toEqual({ type: 'identity' })
    expect(e.origin).toMatchObject({
      kind: 'extracted',
      connector: 'crm-cdc',
      connectorClass: SQLSERVER,
      configKeys: expect.arrayContaining(['topic.prefix', 'database.names', 'table.include.list']),
    })
    // The only Kafka source was used, and the edge says so.
    expect(e.origin.kind === 'extracted' && e.origin.note).toMatch(/only Kafka source/)
    expect(e.assetEdge).toBe(
      batch.edges.find((x) => x.level === 'asset' && x.from.endsWith('/Customer'))!.id,
    )
  })

  it('reports an included table without CDC, and a database no source has', () => {
    const withUnknownDb = { ...config, 'database.names': 'crm,billing,hr' }
    const batch = extractConnectLineage(
      snapshot([MSSQL, KAFKA], [...assets, connector('crm-cdc', withUnknownDb)]),
    )
    // (Info insights say the topics are not catalogued yet.)
    const warnings = batch.insights.filter((i) => i.severity !== 'info')
    expect(warnings.map((i) => i.kind).sort()).toEqual(['captured-without-cdc', 'dangling-edge'])
    expect(warnings.find((i) => i.kind === 'dangling-edge')!.message).toMatch(/"hr"/)
    expect(batch.insights.find((i) => i.kind === 'captured-without-cdc')!.urn).toMatch(/Invoice$/)
  })

  it('reads the legacy 1.x keys: database.server.name, database.dbname, table.whitelist', () => {
    const legacy = {
      'connector.class': SQLSERVER,
      'database.hostname': 'sqlserver.internal',
      'database.dbname': 'crm',
      'database.server.name': 'mssql1',
      'table.whitelist': 'dbo.customer',
    }
    const batch = extractConnectLineage(
      snapshot([MSSQL, KAFKA], [...assets, connector('legacy', legacy)]),
    )
    // 1.x topics had no database segment; the whitelist is case-insensitive.
    expect(assetEdges(batch)).toEqual(['sqlserver:crm.dbo.Customer -> kafka:mssql1.dbo.Customer'])
    expect(
      edge(batch, 'sqlserver:crm.dbo.Customer#Email', 'kafka:mssql1.dbo.Customer#after.Email')!
        .origin,
    ).toMatchObject({
      configKeys: expect.arrayContaining([
        'database.server.name',
        'database.dbname',
        'table.whitelist',
      ]),
    })
  })

  it('turns an untranslatable include regex into an error insight, not a guess', () => {
    const bad = { ...config, 'table.include.list': 'dbo\\.Cust++' }
    const batch = extractConnectLineage(
      snapshot([MSSQL, KAFKA], [...assets, connector('bad', bad)]),
    )
    expect(batch.edges).toEqual([])
    expect(batch.insights[0]).toMatchObject({ kind: 'dangling-edge', severity: 'error' })
    expect(batch.insights[0]!.message).toMatch(/possessive/)
  })
})

describe('Debezium PostgreSQL', () => {
  const PG = source('amper-pg', 'postgres', ['db.internal:5432'])
  const KAFKA_A = source('events', 'kafka', ['broker:9092'])
  const KAFKA_B = source('analytics', 'kafka', ['other:9092'])
  const pgTable = (schema: string, name: string, cols: string[], pubs: string[]) =>
    table('amper-pg', ['crm', schema, name], cols, {
      cdc: { tracked: pubs.length > 0, publications: pubs },
    })
  const assets = [
    pgTable('dbo', 'Customer', ['CustomerId', 'Email'], ['dbz_crm']),
    pgTable('dbo', 'Audit', ['AuditId'], []),
    pgTable('staging', 'Load', ['LoadId'], ['dbz_crm']),
    kafkaCluster('events', 'cluster-A'),
    kafkaCluster('analytics', 'cluster-B'),
    topic('events', 'crm.dbo.Customer', [
      'after.CustomerId',
      'after.Email',
      'key.CustomerId',
      'op',
    ]),
  ]
  const config = {
    'connector.class': POSTGRES,
    'database.hostname': 'db.internal',
    'database.dbname': 'crm',
    'topic.prefix': 'crm',
    'schema.include.list': 'dbo',
    'publication.name': 'dbz_crm',
    'publication.autocreate.mode': 'disabled',
  }

  it('follows schema.include.list and the publication, and the Kafka cluster by id', () => {
    const batch = extractConnectLineage(
      snapshot(
        [PG, KAFKA_A, KAFKA_B],
        [...assets, connector('crm-cdc', config, { kafkaClusterId: 'cluster-A' })],
      ),
    )
    expect(assetEdges(batch)).toEqual(['postgres:crm.dbo.Customer -> kafka:crm.dbo.Customer'])
    // The topic is catalogued without before.*: only the fields it has get edges.
    expect(fieldEdges(batch)).toEqual([
      'postgres:crm.dbo.Customer#CustomerId -> kafka:crm.dbo.Customer#after.CustomerId',
      'postgres:crm.dbo.Customer#CustomerId -> kafka:crm.dbo.Customer#key.CustomerId',
      'postgres:crm.dbo.Customer#Email -> kafka:crm.dbo.Customer#after.Email',
    ])
    const e = edge(batch, 'postgres:crm.dbo.Customer#Email', 'kafka:crm.dbo.Customer#after.Email')!
    expect(e.origin.kind === 'extracted' && e.origin.note).toBeFalsy()
    expect(e.origin).toMatchObject({ configKeys: expect.arrayContaining(['publication.name']) })
  })

  it('notes active topics (as Connect reports them) that the config does not explain', () => {
    const batch = extractConnectLineage(
      snapshot(
        [PG, KAFKA_A],
        [
          ...assets,
          connector('crm-cdc', config, { topics: ['crm.dbo.Customer', 'crm.dbo.Mystery', 'crm'] }),
        ],
      ),
    )
    expect(batch.insights.map((i) => i.message)).toEqual([
      'crm-cdc: Connect reports topic "crm.dbo.Mystery" active, which its config as read does not explain.',
    ])
  })

  it('cannot choose between two Kafka clusters without a matching id', () => {
    const batch = extractConnectLineage(
      snapshot(
        [PG, KAFKA_A, KAFKA_B],
        [...assets, connector('crm-cdc', config, { kafkaClusterId: 'unknown' })],
      ),
    )
    expect(batch.edges).toEqual([])
    expect(batch.insights[0]!.message).toMatch(/Kafka cluster/)
  })

  it('matches a Docker-internal hostname by the database when one source has it, and says so', () => {
    const docker = { ...config, 'database.hostname': 'postgres', 'database.port': '5432' }
    const batch = extractConnectLineage(
      snapshot(
        [PG, KAFKA_A],
        [...assets, connector('crm-cdc', docker, { kafkaClusterId: 'cluster-A' })],
      ),
    )
    const e = edge(batch, 'postgres:crm.dbo.Customer#Email', 'kafka:crm.dbo.Customer#after.Email')!
    expect(e.origin.kind === 'extracted' && e.origin.note).toMatch(
      /matched "amper-pg" by database "crm"/,
    )
  })

  it('honours message.key.columns and draws uncatalogued topics in full', () => {
    const keyed = {
      ...config,
      'schema.include.list': 'staging',
      'message.key.columns': 'staging\\.load:LoadId',
    }
    const batch = extractConnectLineage(
      snapshot(
        [PG, KAFKA_A],
        [
          ...assets.slice(0, 4),
          connector('crm-cdc', keyed),
          database('amper-pg', 'postgres', 'crm'),
        ],
      ),
    )
    expect(fieldEdges(batch)).toEqual([
      'postgres:crm.staging.Load#LoadId -> kafka:crm.staging.Load#after.LoadId',
      'postgres:crm.staging.Load#LoadId -> kafka:crm.staging.Load#before.LoadId',
      'postgres:crm.staging.Load#LoadId -> kafka:crm.staging.Load#key.LoadId',
    ])
    expect(batch.insights.map((i) => i.severity)).toEqual(['info']) // the topic is not catalogued
  })
})

describe('Debezium MySQL and topic names', () => {
  it('names topics per connector family', () => {
    expect(debeziumTopic('mysql', 'shop', 'inventory', '', 'orders', false)).toBe(
      'shop.inventory.orders',
    )
    expect(debeziumTopic('postgres', 'crm', 'crm', 'dbo', 'Customer', false)).toBe(
      'crm.dbo.Customer',
    )
    expect(debeziumTopic('sqlserver', 'p', 'crm', 'dbo', 'Customer', true)).toBe(
      'p.crm.dbo.Customer',
    )
    expect(debeziumTopic('sqlserver', 'p', 'crm', 'dbo', 'Customer', false)).toBe('p.dbo.Customer')
  })

  it('reports a MySQL source as outside the workspace', () => {
    const batch = extractConnectLineage(
      snapshot(
        [KAFKA],
        [
          connector('shop', {
            'connector.class': 'io.debezium.connector.mysql.MySqlConnector',
            'database.hostname': 'mysql',
            'topic.prefix': 'shop',
            'database.include.list': 'inventory',
          }),
        ],
      ),
    )
    expect(batch.edges).toEqual([])
    expect(batch.insights[0]!.message).toMatch(/MySQL at mysql:3306/)
  })
})
