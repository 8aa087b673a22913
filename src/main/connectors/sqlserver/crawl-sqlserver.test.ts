import { describe, expect, it } from 'vitest'
import { declaredSqlServerType, mapSqlServerCatalog, type MsColumnRow } from './crawl-map'
import { MS_CRAWL_QUERIES } from './crawl-queries'
import { listedSqlServerDatabases, readSqlServerCatalog } from './crawl-sqlserver'
import { parseSqlServerSource } from './parse-connection'

/**
 * Recordsets shaped exactly as mssql returns them for crawl-queries.ts: the aliases as column
 * names, bit as boolean, int as number, bigint (SUM of rows) as string, char(2) types padded.
 */
const col = (over: Partial<MsColumnRow>): MsColumnRow => ({
  objectId: 101,
  columnId: 1,
  columnName: 'CustomerId',
  typeName: 'int',
  isUserDefinedType: false,
  baseTypeName: 'int',
  maxLength: 4,
  numericPrecision: 10,
  numericScale: 0,
  isNullable: false,
  isIdentity: false,
  isComputed: false,
  defaultDefinition: null,
  computedDefinition: null,
  identitySeed: null,
  identityIncrement: null,
  description: null,
  ...over,
})

function recordsets(extraTables = 0, cdc = true): Map<string, unknown[]> {
  const objects = [
    {
      objectId: 101,
      schemaName: 'dbo',
      objectName: 'Customer',
      objectType: 'U ',
      isTrackedByCdc: true,
      temporalType: 'SYSTEM_VERSIONED_TEMPORAL_TABLE',
      historySchema: 'dbo',
      historyTable: 'CustomerHistory',
      rowEstimate: '2014',
      description: 'People we sell to',
    },
    {
      objectId: 102,
      schemaName: 'dbo',
      objectName: 'Address',
      objectType: 'U ',
      isTrackedByCdc: false,
      temporalType: 'NON_TEMPORAL_TABLE',
      historySchema: null,
      historyTable: null,
      rowEstimate: '2506',
      description: null,
    },
    {
      objectId: 103,
      schemaName: 'dbo',
      objectName: 'vCustomer',
      objectType: 'V ',
      isTrackedByCdc: null,
      temporalType: null,
      historySchema: null,
      historyTable: null,
      rowEstimate: null,
      description: null,
    },
    ...Array.from({ length: extraTables }, (_, i) => ({
      objectId: 1000 + i,
      schemaName: 'filler',
      objectName: `T${i}`,
      objectType: 'U ',
      isTrackedByCdc: false,
      temporalType: 'NON_TEMPORAL_TABLE',
      historySchema: null,
      historyTable: null,
      rowEstimate: '0',
      description: null,
    })),
  ]
  return new Map<string, unknown[]>([
    [MS_CRAWL_QUERIES.MS_DATABASE, [{ databaseName: 'crm', isCdcEnabled: cdc, description: null }]],
    [
      MS_CRAWL_QUERIES.MS_SCHEMAS,
      [{ schemaId: 1, schemaName: 'dbo', description: 'Default schema' }],
    ],
    [MS_CRAWL_QUERIES.MS_OBJECTS, objects],
    [
      MS_CRAWL_QUERIES.MS_COLUMNS,
      [
        col({ isIdentity: true, identitySeed: '1', identityIncrement: '1', description: 'Key' }),
        col({
          columnId: 2,
          columnName: 'Email',
          typeName: 'nvarchar',
          baseTypeName: 'nvarchar',
          maxLength: 400,
          isNullable: true,
          defaultDefinition: "(N'')",
        }),
        col({ objectId: 102, columnId: 2, columnName: 'CustomerId' }),
      ],
    ],
    [
      MS_CRAWL_QUERIES.MS_KEY_COLUMNS,
      [
        {
          objectId: 101,
          keyName: 'PK_Customer',
          keyType: 'PK',
          columnName: 'CustomerId',
          keyOrdinal: 1,
        },
        { objectId: 101, keyName: 'UQ_Email', keyType: 'UQ', columnName: 'Email', keyOrdinal: 1 },
      ],
    ],
    [
      MS_CRAWL_QUERIES.MS_FOREIGN_KEY_COLUMNS,
      [
        {
          objectId: 102,
          keyName: 'FK_Address_Customer',
          columnPosition: 1,
          columnName: 'CustomerId',
          referencedSchema: 'dbo',
          referencedTable: 'Customer',
          referencedColumn: 'CustomerId',
        },
      ],
    ],
    [
      MS_CRAWL_QUERIES.MS_INDEX_COLUMNS,
      [
        {
          objectId: 101,
          indexName: 'PK_Customer',
          indexType: 'CLUSTERED',
          isUnique: true,
          isPrimaryKey: true,
          columnName: 'CustomerId',
          keyOrdinal: 1,
        },
      ],
    ],
    [
      MS_CRAWL_QUERIES.MS_CDC_CAPTURE_INSTANCES,
      [{ objectId: 101, captureInstance: 'dbo_Customer' }],
    ],
  ])
}

function fakeRunner(sets: Map<string, unknown[]>) {
  const sent: string[] = []
  return {
    sent,
    query: <R>(sql: string) => {
      sent.push(sql)
      const rows = sets.get(sql)
      return rows ? Promise.resolve(rows as R[]) : Promise.reject(new Error('unexpected query'))
    },
  }
}

describe('readSqlServerCatalog + mapSqlServerCatalog', async () => {
  const runner = fakeRunner(recordsets())
  const { rows, statements } = await readSqlServerCatalog(runner)
  const batch = mapSqlServerCatalog('crm-prod', rows, statements)
  const customer = batch.tables.find((t) => t.name === 'Customer')!
  const address = batch.tables.find((t) => t.name === 'Address')!

  it('builds URNs per DESIGN.md §4', () => {
    expect(customer.urn).toBe('sqlserver://crm-prod/crm/dbo/Customer')
    expect(customer.fields[1]!.urn).toBe('sqlserver://crm-prod/crm/dbo/Customer#Email')
    expect(batch.schemas).toEqual([
      { urn: 'sqlserver://crm-prod/crm/dbo', name: 'dbo', description: 'Default schema' },
    ])
  })
  it('maps types, nullability, defaults, identity and descriptions', () => {
    expect(customer.fields).toMatchObject([
      {
        name: 'CustomerId',
        ordinal: 1,
        declaredType: 'int',
        nullable: false,
        identity: { seed: '1', increment: '1' },
        description: 'Key',
      },
      { name: 'Email', declaredType: 'nvarchar(200)', nullable: true, default: "(N'')" },
    ])
  })
  it('maps keys, indexes, row counts (bigint strings), CDC and temporal state', () => {
    expect(customer).toMatchObject({
      kind: 'table',
      rowCount: 2014,
      description: 'People we sell to',
      primaryKey: { name: 'PK_Customer', columns: ['CustomerId'] },
      uniqueKeys: [{ name: 'UQ_Email', columns: ['Email'] }],
      indexes: [{ name: 'PK_Customer', primary: true, unique: true, method: 'CLUSTERED' }],
      cdc: { tracked: true, captureInstances: ['dbo_Customer'] },
      temporal: {
        type: 'SYSTEM_VERSIONED_TEMPORAL_TABLE',
        historyTable: 'sqlserver://crm-prod/crm/dbo/CustomerHistory',
      },
    })
    expect(address.foreignKeys).toEqual([
      {
        name: 'FK_Address_Customer',
        columns: ['CustomerId'],
        references: customer.urn,
        referencedColumns: ['CustomerId'],
      },
    ])
    expect(address.temporal).toBeUndefined()
    expect(address.cdc).toEqual({ tracked: false })
    const view = batch.tables.find((t) => t.name === 'vCustomer')!
    expect(view).toMatchObject({ kind: 'view', cdc: { tracked: false } })
    expect(view.rowCount).toBeUndefined()
  })
  it('sends eight statements with CDC on, seven without, whatever the table count', async () => {
    expect(statements).toBe(8)
    expect(runner.sent).toContain(MS_CRAWL_QUERIES.MS_CDC_CAPTURE_INSTANCES)
    const large = await readSqlServerCatalog(fakeRunner(recordsets(5_000)))
    expect(large.statements).toBe(8)
    expect(large.rows.objects).toHaveLength(5_003)
    const noCdc = fakeRunner(recordsets(0, false))
    expect((await readSqlServerCatalog(noCdc)).statements).toBe(7)
    // cdc.change_tables does not exist without CDC: it must not be queried.
    expect(noCdc.sent).not.toContain(MS_CRAWL_QUERIES.MS_CDC_CAPTURE_INSTANCES)
  })
})

describe('declaredSqlServerType', () => {
  it.each([
    [{ typeName: 'nvarchar', maxLength: -1 }, 'nvarchar(max)'],
    [{ typeName: 'nchar', maxLength: 20 }, 'nchar(10)'],
    [{ typeName: 'varchar', maxLength: 50 }, 'varchar(50)'],
    [{ typeName: 'varbinary', maxLength: -1 }, 'varbinary(max)'],
    [{ typeName: 'decimal', numericPrecision: 18, numericScale: 2 }, 'decimal(18,2)'],
    [{ typeName: 'datetime2', numericScale: 7 }, 'datetime2(7)'],
    [{ typeName: 'bit' }, 'bit'],
    [{ typeName: 'EmailAddress', isUserDefinedType: true, maxLength: 400 }, 'EmailAddress'],
  ])('%o -> %s', (over, expected) => {
    expect(declaredSqlServerType(col(over))).toBe(expected)
  })
})

describe('listedSqlServerDatabases', () => {
  const parse = (url: string) => parseSqlServerSource({ url, options: {} })
  it('prefers the caller, then options.databases, then the connection database, else all', () => {
    const src = { name: 's', kind: 'sqlserver' as const, url: 'mssql://h/crm', options: {} }
    expect(listedSqlServerDatabases(src, parse(src.url), { databases: ['a'] })).toEqual(['a'])
    expect(
      listedSqlServerDatabases(
        { ...src, options: { databases: 'crm, orders' } },
        parse(src.url),
        {},
      ),
    ).toEqual(['crm', 'orders'])
    expect(listedSqlServerDatabases(src, parse(src.url), {})).toEqual(['crm'])
    expect(listedSqlServerDatabases(src, parse('mssql://h'), {})).toBeUndefined()
  })
})
