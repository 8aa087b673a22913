import nodeSqlParser from 'node-sql-parser'
import { describe, expect, it } from 'vitest'
import type { StepMatch } from '../../../shared/model/lookup'
import {
  MS_LOOKUP_TABLE,
  msLookupStatement,
  msParam,
  type MsLookupColumn,
  type MsLookupTable,
} from './lookup-queries'

/**
 * No SQL Server runs here: every statement a lookup step can send is parsed as T-SQL by
 * node-sql-parser (one SELECT, reading only), and the values are checked to travel as typed
 * parameters, never in the text.
 */
const parser = new nodeSqlParser.Parser()
const OPTS = { database: 'TransactSQL' }
const col = (name: string, typeName: string, maxLength = 4, keyOrdinal: number | null = null) =>
  ({ name, typeName, maxLength, keyOrdinal }) satisfies MsLookupColumn
const TABLE: MsLookupTable = {
  schema: 'dbo',
  name: 'Customer',
  columns: [
    col('CustomerId', 'int', 4, 1),
    col('Email', 'nvarchar', 400),
    col('Legacy Code', 'varchar', 10),
    col('MobilePhone', 'varchar', 40),
    col('DateOfBirth', 'date', 3),
    col('Photo', 'varbinary', -1),
    col('RowGuid', 'uniqueidentifier', 16),
  ],
  primaryKey: ['CustomerId'],
}
const HOSTILE = ["' OR 1=1 --", '{"$ne": null}', '.*', "x'); DELETE FROM dbo.Customer; --"]
const column = (name: string) => TABLE.columns.find((c) => c.name === name)!

function parsesAsOneSelect(sql: string) {
  const ast = parser.astify(sql, OPTS)
  const statements = Array.isArray(ast) ? ast : [ast]
  expect(statements).toHaveLength(1)
  expect(statements[0]!.type).toBe('select')
  expect(sql).not.toMatch(
    /\b(insert|update|delete|merge|create|alter|drop|exec|execute)\b(?![^[]*\])/i,
  )
}

describe('MS_LOOKUP_TABLE', () => {
  it('parses as T-SQL, one SELECT of the catalog views, its object name a parameter', () => {
    parsesAsOneSelect(MS_LOOKUP_TABLE)
    expect(MS_LOOKUP_TABLE).toContain('OBJECT_ID(@p0)')
  })
})

describe('msLookupStatement', () => {
  const cases: Array<[string, StepMatch]> = [
    ['CustomerId', 'equals'],
    ['Email', 'equals'],
    ['Email', 'case-insensitive'],
    ['Email', 'sha256-of'],
    ['MobilePhone', 'trimmed'],
    ['MobilePhone', 'digits-only'],
    ['DateOfBirth', 'equals'],
    ['Legacy Code', 'equals'],
  ]
  it.each(cases)('%s %s parses as one T-SQL SELECT, values only as parameters', (name, match) => {
    const values = match === 'sha256-of' ? ['ab'.repeat(32)] : ['42', ...HOSTILE]
    const stmt = msLookupStatement(TABLE, column(name), match, values, 101, 2000)!
    expect(stmt).toBeDefined()
    parsesAsOneSelect(stmt.select)
    expect(stmt.select).toMatch(/^SELECT TOP \(101\) /)
    expect(stmt.batch).toBe(
      `SET LOCK_TIMEOUT 2000; SET TRANSACTION ISOLATION LEVEL READ COMMITTED; ${stmt.select}`,
    )
    for (const h of HOSTILE) expect(stmt.batch).not.toContain(h)
    for (const p of stmt.params) expect(stmt.select).toContain(`@${p.name}`)
  })
  it('bracket-quotes names, doubling `]` (the parser cannot read that escape: checked as text)', () => {
    const odd = { ...TABLE, name: 'Customer]; DROP TABLE x; --' }
    const stmt = msLookupStatement(odd, column('Email'), 'equals', ['a@b.co'], 2, 0)!
    expect(stmt.select).toContain(
      'FROM [dbo].[Customer]]; DROP TABLE x; --] WHERE [Email] IN (@v0)',
    )
  })
  it('types parameters like the column, so an index seek stays possible', () => {
    const int = msLookupStatement(
      TABLE,
      column('CustomerId'),
      'equals',
      ['42', 7, ...HOSTILE],
      2,
      0,
    )!
    expect(int.params).toEqual([
      { name: 'v0', type: 'Int', value: 42 },
      { name: 'v1', type: 'Int', value: 7 },
    ])
    expect(int.indexable).toBe(true)
    const varchar = msLookupStatement(
      TABLE,
      column('MobilePhone'),
      'equals',
      ['07990 108 887'],
      2,
      0,
    )!
    expect(varchar.params[0]).toMatchObject({ type: 'VarChar' })
    const nvarchar = msLookupStatement(TABLE, column('Email'), 'equals', ['a@b.co'], 2, 0)!
    expect(nvarchar.params[0]).toMatchObject({ type: 'NVarChar' })
  })
  it('sends nothing when no value fits the column', () => {
    expect(msLookupStatement(TABLE, column('CustomerId'), 'equals', HOSTILE, 2, 0)).toBeUndefined()
    expect(
      msLookupStatement(TABLE, column('Legacy Code'), 'equals', ['x'.repeat(11)], 2, 0),
    ).toBeUndefined()
  })
  it('selects the key, the matched column and the wanted fields only, never binary columns', () => {
    const stmt = msLookupStatement(TABLE, column('Email'), 'equals', ['a@b.co'], 2, 0, ['Photo'])!
    expect(stmt.columns).toEqual(['CustomerId', 'Email'])
    const all = msLookupStatement(TABLE, column('Email'), 'equals', ['a@b.co'], 2, 0)!
    expect(all.columns).not.toContain('Photo')
    expect(all.select).toContain('CONVERT(varchar(40), [DateOfBirth], 126)')
  })
})

describe('msParam', () => {
  it('refuses what the column cannot hold', () => {
    expect(msParam(col('a', 'tinyint'), 256, 0)).toBeUndefined()
    expect(msParam(col('a', 'bigint'), '9223372036854775807', 0)).toMatchObject({ type: 'BigInt' })
    expect(msParam(col('a', 'uniqueidentifier'), 'not-a-guid', 0)).toBeUndefined()
    expect(msParam(col('a', 'nvarchar', 8), 'abcde', 0)).toBeUndefined()
  })
})
