import { describe, expect, it } from 'vitest'
import type { CrawlDatabaseBatch } from '../../../src/main/connectors/crawl-model'
import { relationalAssets } from '../../../src/main/crawl/relational-assets'

const T = 'postgres://crm/crm/public'
const batch: CrawlDatabaseBatch = {
  kind: 'database',
  urn: 'postgres://crm/crm',
  database: 'crm',
  description: 'CRM',
  schemas: [
    { urn: T, name: 'public', description: 'default' },
    { urn: 'postgres://crm/crm/audit', name: 'audit' },
  ],
  tables: [
    {
      urn: `${T}/customer`,
      kind: 'table',
      database: 'crm',
      schema: 'public',
      name: 'customer',
      description: 'People',
      rowCount: 42,
      fields: [
        {
          urn: `${T}/customer#id`,
          name: 'id',
          ordinal: 1,
          declaredType: 'integer',
          nullable: false,
          identity: { generation: 'always' },
        },
        {
          urn: `${T}/customer#Email`,
          name: 'Email',
          ordinal: 2,
          declaredType: 'text',
          nullable: true,
          description: 'contact',
        },
      ],
      primaryKey: { name: 'customer_pkey', columns: ['id'] },
      uniqueKeys: [{ name: 'customer_email_key', columns: ['Email'] }],
      foreignKeys: [],
      indexes: [
        { name: 'customer_pkey', columns: ['id'], unique: true, primary: true, method: 'btree' },
      ],
      cdc: { tracked: true, publications: ['dbz'] },
    },
    {
      urn: `${T}/order%20line`,
      kind: 'table',
      database: 'crm',
      schema: 'public',
      name: 'order line',
      fields: [
        {
          urn: `${T}/order%20line#customer_id`,
          name: 'customer_id',
          ordinal: 1,
          declaredType: 'integer',
          nullable: false,
          default: '0',
        },
      ],
      uniqueKeys: [],
      foreignKeys: [
        {
          name: 'fk_cust',
          columns: ['customer_id'],
          references: `${T}/customer`,
          referencedColumns: ['id'],
        },
      ],
      indexes: [],
      cdc: { tracked: false },
      temporal: { type: 'SYSTEM_VERSIONED_TEMPORAL_TABLE', historyTable: `${T}/order_history` },
    },
    {
      urn: `${T}/v_customer`,
      kind: 'view',
      database: 'crm',
      schema: 'public',
      name: 'v_customer',
      fields: [],
      uniqueKeys: [],
      foreignKeys: [],
      indexes: [],
      cdc: { tracked: false },
    },
  ],
  notes: ['1 table(s) or view(s) in crm are not readable by this login and were left out.'],
  statements: 5,
}

describe('relationalAssets', () => {
  const assets = relationalAssets(batch, 'postgres')
  const byUrn = new Map(assets.map((a) => [a.urn, a]))

  it('yields the database, its schemas and its tables and views, with parents and paths', () => {
    expect(assets.map((a) => [a.kind, a.urn, a.parent])).toEqual([
      ['database', 'postgres://crm/crm', undefined],
      ['schema', T, 'postgres://crm/crm'],
      ['schema', 'postgres://crm/crm/audit', 'postgres://crm/crm'],
      ['table', `${T}/customer`, T],
      ['table', `${T}/order%20line`, T],
      ['view', `${T}/v_customer`, T],
    ])
    expect(byUrn.get('postgres://crm/crm')).toMatchObject({
      source: 'crm',
      platform: 'postgres',
      description: 'CRM',
      counts: { children: 2 },
      notes: [expect.stringMatching(/not readable/)],
    })
    expect(byUrn.get(T)).toMatchObject({
      counts: { children: 3 },
      description: 'default',
      path: ['crm', 'public'],
    })
    expect(byUrn.get('postgres://crm/crm/audit')?.counts).toEqual({ children: 0 })
    expect(byUrn.get(`${T}/order%20line`)?.path).toEqual(['crm', 'public', 'order line'])
  })

  it('maps fields with primaryKey and references flags, keys, indexes and counts', () => {
    const customer = byUrn.get(`${T}/customer`)!
    expect(customer).toMatchObject({
      description: 'People',
      counts: { rows: 42 },
      primaryKey: { name: 'customer_pkey', columns: ['id'] },
      uniqueKeys: [{ name: 'customer_email_key', columns: ['Email'] }],
      indexes: [
        { name: 'customer_pkey', columns: ['id'], unique: true, primary: true, method: 'btree' },
      ],
      properties: { cdc: { tracked: true, publications: ['dbz'] } },
    })
    expect(customer.fields).toEqual([
      {
        urn: `${T}/customer#id`,
        path: 'id',
        name: 'id',
        ordinal: 1,
        declaredType: 'integer',
        nullable: false,
        identity: { generation: 'always' },
        primaryKey: true,
      },
      {
        urn: `${T}/customer#Email`,
        path: 'Email',
        name: 'Email',
        ordinal: 2,
        declaredType: 'text',
        nullable: true,
        description: 'contact',
      },
    ])
    const line = byUrn.get(`${T}/order%20line`)!
    expect(line.fields[0]).toMatchObject({ references: `${T}/customer#id`, default: '0' })
    expect(line.fields[0]!.primaryKey).toBeUndefined()
    expect(line.foreignKeys).toEqual([
      {
        name: 'fk_cust',
        columns: ['customer_id'],
        references: `${T}/customer`,
        referencedColumns: ['id'],
      },
    ])
    expect(line.properties).toEqual({
      cdc: { tracked: false },
      temporal: { type: 'SYSTEM_VERSIONED_TEMPORAL_TABLE', historyTable: `${T}/order_history` },
    })
    expect(line.counts).toBeUndefined()
  })

  it('produces plain JSON', () => {
    expect(JSON.parse(JSON.stringify(assets))).toEqual(assets)
  })
})
