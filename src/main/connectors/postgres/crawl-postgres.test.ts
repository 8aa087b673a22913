import { describe, expect, it } from 'vitest'
import { mapPostgresCatalog, type PgCatalogRows } from './crawl-map'
import { PG_CRAWL_QUERIES } from './crawl-queries'
import { countingRunner, postgresCrawlDatabases, readPostgresCatalog } from './crawl-postgres'
import { parsePostgresSource } from './parse-url'

/** Rows shaped as pg returns them: int8 oids as strings, arrays as arrays, json parsed. */
function catalog(tables: number): PgCatalogRows {
  const relations = Array.from({ length: tables }, (_, i) => ({
    oid: String(1000 + i),
    schema: 'dbo',
    name: i === 0 ? 'Customer' : `T${i}`,
    relkind: 'r',
    reltuples: i === 0 ? 2014 : -1,
    description: i === 0 ? 'People we sell to' : null,
    publications: i === 0 ? ['sightline_crm_pub'] : [],
  }))
  return {
    database: {
      database: 'crm',
      description: null,
      schemas: [{ name: 'dbo', description: null }],
      unreadable: 2,
    },
    relations: [
      ...relations,
      {
        oid: '9',
        schema: 'dbo',
        name: 'Address',
        relkind: 'r',
        reltuples: 2506,
        description: null,
        publications: [],
      },
      {
        oid: '10',
        schema: 'dbo',
        name: 'v/x',
        relkind: 'v',
        reltuples: 0,
        description: null,
        publications: [],
      },
    ],
    columns: [
      {
        oid: '1000',
        name: 'CustomerId',
        ordinal: 1,
        declared_type: 'integer',
        nullable: false,
        default_expr: null,
        generated_expr: null,
        identity: 'a',
        description: 'Surrogate key',
      },
      {
        oid: '1000',
        name: 'Email',
        ordinal: 2,
        declared_type: 'character varying(200)',
        nullable: true,
        default_expr: "'x'::character varying",
        generated_expr: null,
        identity: '',
        description: null,
      },
      {
        oid: '9',
        name: 'CustomerId',
        ordinal: 2,
        declared_type: 'integer',
        nullable: false,
        default_expr: null,
        generated_expr: null,
        identity: '',
        description: null,
      },
    ],
    constraints: [
      {
        oid: '1000',
        name: 'Customer_pkey',
        type: 'p',
        columns: ['CustomerId'],
        ref_schema: null,
        ref_table: null,
        ref_columns: [],
      },
      {
        oid: '1000',
        name: 'Customer_Email_key',
        type: 'u',
        columns: ['Email'],
        ref_schema: null,
        ref_table: null,
        ref_columns: [],
      },
      {
        oid: '9',
        name: 'Address_CustomerId_fkey',
        type: 'f',
        columns: ['CustomerId'],
        ref_schema: 'dbo',
        ref_table: 'Customer',
        ref_columns: ['CustomerId'],
      },
    ],
    indexes: [
      {
        oid: '1000',
        name: 'Customer_pkey',
        is_unique: true,
        is_primary: true,
        method: 'btree',
        columns: ['CustomerId'],
      },
    ],
  }
}

describe('mapPostgresCatalog', () => {
  const batch = mapPostgresCatalog('amper-pg', catalog(1), 7)
  const customer = batch.tables.find((t) => t.name === 'Customer')!
  const address = batch.tables.find((t) => t.name === 'Address')!
  it('builds URNs per DESIGN.md §4', () => {
    expect(batch.urn).toBe('postgres://amper-pg/crm')
    expect(customer.urn).toBe('postgres://amper-pg/crm/dbo/Customer')
    expect(customer.fields[1]!.urn).toBe('postgres://amper-pg/crm/dbo/Customer#Email')
    expect(batch.tables.find((t) => t.kind === 'view')!.urn).toBe(
      'postgres://amper-pg/crm/dbo/v%2Fx',
    )
  })
  it('maps fields, keys, indexes, counts, comments and publications', () => {
    expect(customer).toMatchObject({
      rowCount: 2014,
      description: 'People we sell to',
      primaryKey: { name: 'Customer_pkey', columns: ['CustomerId'] },
      uniqueKeys: [{ columns: ['Email'] }],
      indexes: [{ name: 'Customer_pkey', primary: true, unique: true, method: 'btree' }],
      cdc: { tracked: true, publications: ['sightline_crm_pub'] },
    })
    expect(customer.fields[0]).toMatchObject({
      ordinal: 1,
      declaredType: 'integer',
      nullable: false,
      identity: { generation: 'always' },
      description: 'Surrogate key',
    })
    expect(customer.fields[1]).toMatchObject({ default: "'x'::character varying" })
    expect(address.foreignKeys).toEqual([
      {
        name: 'Address_CustomerId_fkey',
        columns: ['CustomerId'],
        references: 'postgres://amper-pg/crm/dbo/Customer',
        referencedColumns: ['CustomerId'],
      },
    ])
    expect(address.cdc.tracked).toBe(false)
  })
  it('leaves unknown counts out (never analysed, views) and notes unreadable tables', () => {
    expect(batch.tables.find((t) => t.name === 'v/x')!.rowCount).toBeUndefined()
    expect(mapPostgresCatalog('s', catalog(3), 7).tables[1]!.rowCount).toBeUndefined()
    expect(batch.notes[0]).toMatch(/2 table\(s\) or view\(s\) in crm are not readable/)
  })
})

describe('readPostgresCatalog', () => {
  const fake = (tables: number) => {
    const rows = catalog(tables)
    const answers = new Map<string, unknown[]>([
      [PG_CRAWL_QUERIES.PG_DATABASE, [rows.database]],
      [PG_CRAWL_QUERIES.PG_RELATIONS, rows.relations],
      [PG_CRAWL_QUERIES.PG_COLUMNS, rows.columns],
      [PG_CRAWL_QUERIES.PG_CONSTRAINTS, rows.constraints],
      [PG_CRAWL_QUERIES.PG_INDEXES, rows.indexes],
    ])
    const sent: string[] = []
    const runner = countingRunner({
      query: <R>(sql: string) => {
        sent.push(sql)
        return Promise.resolve((answers.get(sql) ?? []) as R[])
      },
    })
    return { runner, sent }
  }
  it('sends the same seven statements for 1 table as for 5,000', async () => {
    const small = fake(1)
    const large = fake(5_000)
    const a = await readPostgresCatalog(small.runner)
    const b = await readPostgresCatalog(large.runner)
    expect(a.relations).toHaveLength(3)
    expect(b.relations).toHaveLength(5_002)
    expect(small.runner.count()).toBe(7)
    expect(large.runner.count()).toBe(7)
    expect(small.sent[0]).toMatch(/^BEGIN .*READ ONLY$/)
    expect(small.sent.at(-1)).toBe('COMMIT')
  })
  it('rolls back when a query fails', async () => {
    const sent: string[] = []
    const runner = {
      query: <R>(sql: string): Promise<R[]> => {
        sent.push(sql)
        return sql === PG_CRAWL_QUERIES.PG_RELATIONS
          ? Promise.reject(new Error('boom'))
          : Promise.resolve([{ database: 'crm' }] as R[])
      },
    }
    await expect(readPostgresCatalog(runner)).rejects.toThrow('boom')
    expect(sent.at(-1)).toBe('ROLLBACK')
  })
  it('every query reads only and skips extension-owned objects', () => {
    for (const sql of Object.values(PG_CRAWL_QUERIES)) {
      expect(sql).not.toMatch(/\b(insert|update|delete|create|alter|drop|truncate)\b/i)
      expect(sql).toMatch(/deptype = 'e'/)
    }
  })
})

describe('postgresCrawlDatabases', () => {
  it('crawls the listed databases, else options.databases, else the URL database', () => {
    const target = parsePostgresSource({
      url: 'postgres://h/crm',
      options: { databases: 'crm,orders,legacy' },
    })
    expect(postgresCrawlDatabases(target, {})).toEqual(['crm', 'orders', 'legacy'])
    expect(postgresCrawlDatabases(target, { databases: ['orders'] })).toEqual(['orders'])
  })
})
