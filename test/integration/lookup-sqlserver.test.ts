import mssql from 'mssql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConnector } from '../../src/main/connectors'
import type { Connector, LookupQuery } from '../../src/main/connectors/connector'
import { parseSqlServerSource } from '../../src/main/connectors/sqlserver/parse-connection'
import { estateEnv } from '../support/estate'
import { source } from './connectors/estate-sources'

/**
 * The SQL Server lookup against a real server. None can run on these machines, so this suite
 * runs only when SIGHTLINE_TEST_MSSQL_URL is set (a login that may create a table in its
 * database: the fixture `dbo.sightline_test_lookup` is created and dropped here), and is
 * otherwise reported as NOT RUN and skipped, never passed. Without a server the statements are
 * proven by src/main/connectors/sqlserver/lookup-queries.test.ts (T-SQL parser).
 */
const MSSQL_URL = estateEnv().SIGHTLINE_TEST_MSSQL_URL
if (!MSSQL_URL) {
  console.warn(
    '\n*** NOT RUN: SIGHTLINE_TEST_MSSQL_URL is not set: the live SQL Server lookup suite was skipped. ***\n',
  )
}
const TABLE = 'sightline_test_lookup'

describe.skipIf(!MSSQL_URL)('sqlserver lookup against SIGHTLINE_TEST_MSSQL_URL', () => {
  let admin: mssql.ConnectionPool
  let connector: Connector
  let database = ''
  const q = (over: Partial<LookupQuery>) =>
    ({
      assetPath: [database, 'dbo', TABLE],
      fieldPath: 'Email',
      values: [],
      match: 'equals',
      rowCap: 10,
      timeoutMs: 10_000,
      ...over,
    }) as LookupQuery

  beforeAll(async () => {
    const t = parseSqlServerSource(source('sqlserver', MSSQL_URL!))
    admin = new mssql.ConnectionPool({
      server: t.endpoint.host,
      port: t.endpoint.port,
      database: t.database,
      user: t.user,
      password: t.password,
      options: { encrypt: t.encrypt, trustServerCertificate: t.trustServerCertificate },
    })
    await admin.connect()
    database = (await admin.request().query<{ d: string }>('SELECT DB_NAME() AS d')).recordset[0]!.d
    await admin.request().batch(`IF OBJECT_ID('dbo.${TABLE}') IS NOT NULL DROP TABLE dbo.${TABLE};
      CREATE TABLE dbo.${TABLE} (Id int PRIMARY KEY, Email varchar(200), Phone nvarchar(40), UpdatedAt datetime2);
      INSERT INTO dbo.${TABLE} VALUES (1, ' Ann@Example.com', N'07990 108 887', '2024-01-02T03:04:05'),
        (2, 'bob@example.com', N'(07100) 060-616', NULL), (3, 'bob@example.com', NULL, NULL);`)
    connector = createConnector(source('sqlserver', MSSQL_URL!, { name: 'mssql-test' }))
  })
  afterAll(async () => {
    await connector?.close()
    await admin?.request().batch(`IF OBJECT_ID('dbo.${TABLE}') IS NOT NULL DROP TABLE dbo.${TABLE}`)
    await admin?.close()
  })

  it('finds rows by key, by email in every match mode, by phone digits, and caps', async () => {
    const byId = await connector.lookup!(q({ fieldPath: 'Id', values: [1, '2'] }), {})
    expect(byId.hits.map((h) => h.recordKey)).toEqual([{ Id: 1 }, { Id: 2 }])
    const ci = await connector.lookup!(
      q({ values: ['ann@example.com'], match: 'case-insensitive' }),
      {},
    )
    expect(ci.hits.map((h) => h.recordKey.Id)).toEqual([1])
    expect(ci.hits[0]!.timestamp).toBe('2024-01-02T03:04:05.000Z')
    const phone = await connector.lookup!(
      q({ fieldPath: 'Phone', values: ['07100060616'], match: 'digits-only' }),
      {},
    )
    expect(phone.hits.map((h) => h.recordKey.Id)).toEqual([2])
    const capped = await connector.lookup!(q({ values: ['bob@example.com'], rowCap: 1 }), {})
    expect(capped).toMatchObject({ capped: true })
    expect(capped.hits).toHaveLength(1)
  })
  it('finds nothing for injection attempts', async () => {
    const hostile = ["' OR 1=1 --", '{"$ne": null}', '%', '[a-z]%', 'x'.repeat(10 * 1024)]
    for (const match of ['equals', 'case-insensitive', 'trimmed'] as const)
      expect((await connector.lookup!(q({ values: hostile, match }), {})).hits).toEqual([])
    expect((await connector.lookup!(q({ fieldPath: 'Id', values: hostile }), {})).hits).toEqual([])
  })
})
