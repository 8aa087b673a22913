import { describe, expect, it } from 'vitest'
import { extractConnectLineage } from './extract-connect-lineage'
import { parseJdbcUrl } from './jdbc-sink'
import {
  assetEdges,
  connector,
  edge,
  fieldEdges,
  snapshot,
  source,
  table,
  topic,
} from './test-support'

const WAREHOUSE = source('warehouse', 'postgres', ['dwh:5432'])
const KAFKA = source('events', 'kafka')
const flat = topic('events', 'customers', ['id', 'email', 'address.town', 'key.id'])
const envelope = topic('events', 'crm.dbo.Customer', [
  'after.CustomerId',
  'after.Email',
  'before.Email',
  'key.CustomerId',
])

describe('parseJdbcUrl', () => {
  it('reads PostgreSQL, SQL Server and MySQL URLs', () => {
    expect(parseJdbcUrl('jdbc:postgresql://dwh:5432/analytics?ssl=true')).toEqual({
      kind: 'postgres',
      subprotocol: 'postgresql',
      hosts: ['dwh:5432'],
      database: 'analytics',
    })
    expect(parseJdbcUrl('jdbc:sqlserver://SQL01\\PROD:1433;databaseName=crm;encrypt=true')).toEqual(
      { kind: 'sqlserver', subprotocol: 'sqlserver', hosts: ['sql01:1433'], database: 'crm' },
    )
    expect(parseJdbcUrl('jdbc:mysql://shop/db')).toEqual({
      subprotocol: 'mysql',
      hosts: ['shop:3306'],
      database: 'db',
    })
    expect(parseJdbcUrl('not a url')).toBeUndefined()
  })
})

describe('JDBC sinks', () => {
  it('Confluent: ${topic} as the table, top-level fields as columns, record_key primary key', () => {
    const target = table('warehouse', ['analytics', 'public', 'customers'], ['id', 'email'])
    const batch = extractConnectLineage(
      snapshot(
        [WAREHOUSE, KAFKA],
        [
          flat,
          target,
          connector(
            'dwh-sink',
            {
              'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector',
              'connection.url': 'jdbc:postgresql://dwh:5432/analytics',
              topics: 'customers',
              'table.name.format': '${topic}',
              'insert.mode': 'upsert',
              'pk.mode': 'record_key',
              'pk.fields': 'id',
            },
            { type: 'sink' },
          ),
        ],
      ),
    )
    expect(assetEdges(batch)).toEqual(['kafka:customers -> postgres:analytics.public.customers'])
    expect(fieldEdges(batch)).toEqual([
      'kafka:customers#email -> postgres:analytics.public.customers#email',
      'kafka:customers#id -> postgres:analytics.public.customers#id',
      'kafka:customers#key.id -> postgres:analytics.public.customers#id',
    ])
    expect(
      edge(batch, 'kafka:customers#key.id', 'postgres:analytics.public.customers#id')!.origin,
    ).toMatchObject({
      configKeys: expect.arrayContaining(['pk.mode', 'table.name.format']),
    })
  })

  it('Confluent: fields.whitelist restricts the columns; a format names schema.table', () => {
    const batch = extractConnectLineage(
      snapshot(
        [WAREHOUSE, KAFKA],
        [
          flat,
          table('warehouse', ['analytics', 'staging', 'kafka_customers'], ['id', 'email']),
          connector('dwh-sink', {
            'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector',
            'connection.url': 'jdbc:postgresql://dwh:5432/analytics',
            topics: 'customers',
            'table.name.format': 'staging.kafka_${topic}',
            'fields.whitelist': 'email',
          }),
        ],
      ),
    )
    expect(fieldEdges(batch)).toEqual([
      'kafka:customers#email -> postgres:analytics.staging.kafka_customers#email',
    ])
  })

  it('Debezium: reads change events natively (after.X -> X), dots in ${topic} become underscores', () => {
    const batch = extractConnectLineage(
      snapshot(
        [WAREHOUSE, KAFKA],
        [
          envelope,
          table('warehouse', ['analytics', 'public', 'crm_dbo_customer'], ['customerid', 'email']),
          connector('dbz-sink', {
            'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
            'connection.url': 'jdbc:postgresql://dwh:5432/analytics',
            topics: 'crm.dbo.Customer',
            'insert.mode': 'upsert',
            'primary.key.mode': 'record_key',
            'field.exclude.list': 'crm.dbo.Customer:Email',
          }),
        ],
      ),
    )
    // Unquoted PostgreSQL identifiers fold to lower case: the columns are matched case-insensitively.
    expect(fieldEdges(batch)).toEqual([
      'kafka:crm.dbo.Customer#after.CustomerId -> postgres:analytics.public.crm_dbo_customer#customerid',
      'kafka:crm.dbo.Customer#key.CustomerId -> postgres:analytics.public.crm_dbo_customer#customerid',
    ])
  })

  it('reports a JDBC sink to a database Sightline does not catalogue', () => {
    const batch = extractConnectLineage(
      snapshot(
        [WAREHOUSE, KAFKA],
        [
          flat,
          connector('mysql-sink', {
            'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector',
            'connection.url': 'jdbc:mysql://shop:3306/db',
            topics: 'customers',
          }),
        ],
      ),
    )
    expect(batch.edges).toEqual([])
    expect(batch.insights[0]!.message).toMatch(/mysql database/)
  })
})
