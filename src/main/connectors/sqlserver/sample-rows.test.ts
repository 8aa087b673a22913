import nodeSqlParser from 'node-sql-parser'
import { describe, expect, it } from 'vitest'
import type { CrawlTable } from '../crawl-model'
import {
  MS_MAX_SAMPLE_TEXT,
  msColumnRead,
  msSampleStatement,
  quoteName,
  sampleSqlServerTables,
  toMsSampleValue,
} from './sample-rows'

const parser = new nodeSqlParser.Parser()
const OPTS = { database: 'TransactSQL' }

function table(
  name: string,
  opts: Partial<CrawlTable> = {},
  types = ['int', 'nvarchar(200)'],
): CrawlTable {
  return {
    urn: `sqlserver://s/db/dbo/${name}`,
    kind: 'table',
    database: 'db',
    schema: 'dbo',
    name,
    fields: types.map((declaredType, i) => ({
      urn: `sqlserver://s/db/dbo/${name}#c${i}`,
      name: `Col ${i}`,
      ordinal: i + 1,
      declaredType,
      nullable: true,
    })),
    uniqueKeys: [],
    foreignKeys: [],
    indexes: [],
    cdc: { tracked: false },
    ...opts,
  }
}

const ALL_TYPES = [
  'int',
  'bigint',
  'decimal(18,2)',
  'bit',
  'uniqueidentifier',
  'nvarchar(max)',
  'varchar(50)',
  'xml',
  'datetime2(7)',
  'date',
  'datetimeoffset(7)',
  'varbinary(max)',
  'geography',
  'dbo.EmailAddress',
]

describe('msColumnRead', () => {
  it('skips binary, rowversion and CLR spatial types; ISO for dates; cut text otherwise', () => {
    expect(ALL_TYPES.map(msColumnRead)).toEqual([
      'native',
      'native',
      'native',
      'native',
      'native',
      'text',
      'text',
      'text',
      'iso',
      'iso',
      'iso-offset',
      'skip',
      'skip',
      'text',
    ])
  })
})

describe('msSampleStatement', () => {
  /**
   * node-sql-parser knows no TABLESAMPLE and no `]]` inside brackets: the clause is checked by
   * pattern and cut off before parsing; names with `]` are checked by quoteName's own test.
   */
  const parse = (select: string) => {
    const m = / TABLESAMPLE SYSTEM \((\d+(?:\.\d+)?) PERCENT\)$/.exec(select)
    const ast = parser.astify(m ? select.slice(0, m.index) : select, OPTS)
    const statements = Array.isArray(ast) ? ast : [ast]
    return { statements, percent: m ? Number(m[1]) : undefined }
  }
  it('parses as one T-SQL SELECT TOP (n) over the bracket-quoted table, every type', () => {
    const stmt = msSampleStatement(table('Customer', { schema: 'My Schema' }, ALL_TYPES), 100)!
    const { statements, percent } = parse(stmt.select)
    expect(statements).toHaveLength(1)
    expect(statements[0]!.type).toBe('select')
    expect(percent).toBeUndefined()
    expect(stmt.select).toMatch(/^SELECT TOP \(100\) \[Col 0\] AS c0, /)
    expect(stmt.select).toContain('FROM [My Schema].[Customer]')
    expect(stmt.select).toContain(
      `LEFT(CONVERT(nvarchar(max), [Col 5]), ${MS_MAX_SAMPLE_TEXT}) AS c5`,
    )
    expect(stmt.select).toContain('CONVERT(varchar(40), [Col 8], 126) AS c8')
    expect(stmt.select).toContain('CONVERT(varchar(40), [Col 10], 127) AS c10')
    expect(stmt.select).not.toMatch(/Col 11|Col 12/)
    expect(stmt.fields).toHaveLength(12)
    expect(stmt.select).not.toMatch(/NOLOCK|insert|update|delete|merge|exec/i)
  })
  it('sends SET LOCK_TIMEOUT and the SELECT as one batch; both parse as T-SQL', () => {
    const stmt = msSampleStatement(table('T'), 10, 1500)!
    const [set, select] = stmt.batch.split(';\n')
    expect(set).toBe('SET LOCK_TIMEOUT 1500')
    expect(parser.astify(set!, OPTS)).toMatchObject({ type: 'set' })
    expect(select).toBe(stmt.select)
  })
  it('TABLESAMPLE SYSTEM only for big tables, always with TOP', () => {
    const big = msSampleStatement(table('T', { rowCount: 5_000_000 }), 100)!
    const parsed = parse(big.select)
    expect(parsed.statements[0]!.type).toBe('select')
    expect(parsed.percent).toBe(0.04)
    expect(big.select).toMatch(/^SELECT TOP \(100\)/)
    expect(
      parse(msSampleStatement(table('T', { rowCount: 900 }), 100)!.select).percent,
    ).toBeUndefined()
  })
  it('quotes like QUOTENAME and has nothing to sample in an all-binary table', () => {
    expect(quoteName('a]b[c')).toBe('[a]]b[c]')
    expect(msSampleStatement(table('B', {}, ['varbinary(16)']), 10)).toBeUndefined()
  })
})

describe('sampleSqlServerTables', () => {
  const rows = [
    { c0: 1, c1: 'x' },
    { c0: '9007199254740993', c1: null },
  ]
  it('one batch per table (views skipped), values as scalars', async () => {
    const sent: string[] = []
    const r = await sampleSqlServerTables(
      async (sql) => {
        sent.push(sql)
        return rows
      },
      [table('A'), table('V', { kind: 'view' }), table('B')],
      { sampleSize: 5 },
    )
    expect(r.statements).toBe(2)
    expect(sent).toHaveLength(2)
    expect(sent.every((s) => s.startsWith('SET LOCK_TIMEOUT'))).toBe(true)
    expect(r.samples['sqlserver://s/db/dbo/A#c0']).toEqual([1, '9007199254740993'])
    expect(r.notes).toEqual([])
  })
  it('permission and lock timeouts become notes; a lost connection stops it', async () => {
    const fail = (number: number) => Object.assign(new Error('x'), { number, code: 'EREQUEST' })
    const r = await sampleSqlServerTables(
      async (sql) => {
        if (sql.includes('[A]')) throw fail(229)
        if (sql.includes('[B]')) throw fail(1222)
        if (sql.includes('[C]')) throw Object.assign(new Error('closed'), { code: 'ECONNCLOSED' })
        return rows
      },
      [table('A'), table('B'), table('C'), table('D')],
      { sampleSize: 5, concurrency: 1 },
    )
    expect(r.notes).toEqual([
      'Values of db.dbo.A were not sampled: permission denied (229).',
      'Values of db.dbo.B were not sampled: lock timeout (1222).',
      'Values of db.dbo.C were not sampled: the connection failed.',
      '1 table(s) were not sampled: the connection was lost.',
    ])
  })
  it('sampleSize 0 sends nothing', async () => {
    let calls = 0
    const r = await sampleSqlServerTables(async () => [{ n: calls++ }], [table('A')], {
      sampleSize: 0,
    })
    expect(calls).toBe(0)
    expect(r.statements).toBe(0)
  })
  it('values: scalars only', () => {
    expect(toMsSampleValue(new Date('2024-01-01T00:00:00Z'))).toBe('2024-01-01T00:00:00.000Z')
    expect(toMsSampleValue(Buffer.from('ab'))).toBe('ab')
    expect(toMsSampleValue(undefined)).toBeNull()
  })
})
