import { describe, expect, it } from 'vitest'
import type { CrawlTable } from '../crawl-model'
import {
  beginSampling,
  columnRead,
  MAX_SAMPLE_TEXT,
  samplePostgresTables,
  sampleStatement,
  toSampleValue,
  type SampleConnection,
} from './sample-rows'

function table(
  name: string,
  opts: Partial<CrawlTable> = {},
  types = ['integer', 'text'],
): CrawlTable {
  return {
    urn: `postgres://s/db/dbo/${name}`,
    kind: 'table',
    database: 'db',
    schema: 'dbo',
    name,
    fields: types.map((declaredType, i) => ({
      urn: `postgres://s/db/dbo/${name}#c${i}`,
      name: `col ${i}`,
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

describe('columnRead', () => {
  it('skips binary and search types, cuts text, prints dates as ISO, keeps numbers', () => {
    expect(columnRead('bytea')).toBe('skip')
    expect(columnRead('tsvector')).toBe('skip')
    expect(columnRead('integer')).toBe('native')
    expect(columnRead('numeric(18,2)')).toBe('native')
    expect(columnRead('boolean')).toBe('native')
    expect(columnRead('timestamp(3) with time zone')).toBe('iso')
    expect(columnRead('date')).toBe('iso')
    expect(columnRead('character varying(200)')).toBe('text')
    expect(columnRead('jsonb')).toBe('text')
    expect(columnRead('xml')).toBe('text')
    expect(columnRead('integer[]')).toBe('text')
    expect(columnRead('bytea[]')).toBe('text')
  })
})

describe('sampleStatement', () => {
  it('quotes every identifier with escapeIdentifier and aliases columns by position', () => {
    const t = table('we"ird', { schema: 'My Schema' }, ['integer', 'text', 'bytea', 'date'])
    const stmt = sampleStatement(t, 100)!
    expect(stmt.sql).toBe(
      `SELECT "col 0" AS c0, left("col 1"::text, ${MAX_SAMPLE_TEXT}) AS c1, ` +
        `to_json("col 3") #>> '{}' AS c2 FROM "My Schema"."we""ird" LIMIT 100`,
    )
    expect(stmt.fields).toEqual([t.fields[0]!.urn, t.fields[1]!.urn, t.fields[3]!.urn])
  })
  it('uses TABLESAMPLE SYSTEM only for big tables, always with a LIMIT', () => {
    expect(sampleStatement(table('a', { rowCount: 999 }), 100)!.sql).not.toMatch(/TABLESAMPLE/)
    expect(sampleStatement(table('a', { rowCount: 1_000_000 }), 100)!.sql).toMatch(
      / TABLESAMPLE SYSTEM \(0\.2\) LIMIT 100$/,
    )
    // Not worth it where the pages asked for are nearly the whole table.
    expect(sampleStatement(table('a', { rowCount: 1_500 }), 100)!.sql).not.toMatch(/TABLESAMPLE/)
    expect(sampleStatement(table('a', { rowCount: 1e10 }), 100)!.sql).toMatch(/SYSTEM \(0\.0001\)/)
  })
  it('nothing to sample when every column is binary', () => {
    expect(sampleStatement(table('b', {}, ['bytea']), 10)).toBeUndefined()
  })
})

describe('toSampleValue', () => {
  it('keeps scalars, turns the rest into bounded strings', () => {
    expect(toSampleValue(3)).toBe(3)
    expect(toSampleValue('x')).toBe('x')
    expect(toSampleValue(false)).toBe(false)
    expect(toSampleValue(undefined)).toBeNull()
    expect(toSampleValue(new Date('2024-01-02T03:04:05Z'))).toBe('2024-01-02T03:04:05.000Z')
    expect(toSampleValue(Number.NaN)).toBe('NaN')
    expect(toSampleValue(12345678901234567890n)).toBe('12345678901234567890')
  })
})

describe('beginSampling', () => {
  it('opens a READ ONLY transaction and never loosens a shorter statement_timeout', () => {
    const sql = beginSampling(5000)
    expect(sql).toMatch(/^BEGIN TRANSACTION .*READ ONLY;/)
    expect(sql).toMatch(/set_config\('statement_timeout'/)
    expect(sql).toMatch(/s\.setting::int8 > 5000\s+THEN 5000 ELSE s\.setting::int8 END/)
    expect(sql).toMatch(/, true\)$/) // SET LOCAL: ends with the transaction
  })
})

/** A connection that answers sample SELECTs with `rows` and fails on tables named in `fail`. */
function fake(fail: Record<string, unknown> = {}) {
  const sent: string[] = []
  const connection: SampleConnection = {
    query: (sql) => {
      sent.push(sql)
      for (const [name, err] of Object.entries(fail))
        if (sql.includes(`"${name}"`)) return Promise.reject(err)
      return Promise.resolve(
        sql.startsWith('SELECT "col 0"')
          ? [
              { c0: 1, c1: 'a' },
              { c0: 2, c1: null },
            ]
          : [],
      )
    },
  }
  return { connection, sent }
}

describe('samplePostgresTables', () => {
  it('sends one statement per table in a READ ONLY transaction; views are not sampled', async () => {
    const { connection, sent } = fake()
    const tables = [table('A'), table('B'), table('V', { kind: 'view' })]
    const r = await samplePostgresTables(connection, tables, { sampleSize: 5, timeoutMs: 30_000 })
    expect(r.statements).toBe(2)
    expect(r.notes).toEqual([])
    expect(sent[0]).toMatch(/^BEGIN .*READ ONLY/)
    expect(sent.filter((s) => s.startsWith('SELECT "col 0"'))).toHaveLength(2)
    expect(sent.some((s) => s.includes('"V"'))).toBe(false)
    expect(sent.at(-1)).toBe('COMMIT')
    expect(r.samples['postgres://s/db/dbo/A#c0']).toEqual([1, 2])
    expect(r.samples['postgres://s/db/dbo/B#c1']).toEqual(['a', null])
  })
  it('a table it cannot read gets a note and the others are still sampled', async () => {
    const denied = Object.assign(new Error('permission denied for table B'), { code: '42501' })
    const { connection, sent } = fake({ B: denied })
    const r = await samplePostgresTables(connection, [table('A'), table('B'), table('C')], {
      sampleSize: 5,
      timeoutMs: 1000,
    })
    expect(r.notes).toEqual(['Values of db.dbo.B were not sampled: permission denied (42501).'])
    expect(Object.keys(r.samples).filter((k) => k.includes('/C#'))).toHaveLength(2)
    // The aborted transaction is rolled back and a fresh one opened for C.
    expect(sent.filter((s) => s === 'ROLLBACK')).toHaveLength(1)
    expect(sent.filter((s) => s.startsWith('BEGIN'))).toHaveLength(2)
  })
  it('a lost connection stops sampling with notes, not an error', async () => {
    const killed = Object.assign(new Error('terminating connection'), { code: '57P01' })
    const { connection } = fake({ A: killed })
    const r = await samplePostgresTables(connection, [table('A'), table('B')], {
      sampleSize: 5,
      timeoutMs: 1000,
    })
    expect(r.notes[0]).toBe('Values of db.dbo.A were not sampled: SQLSTATE 57P01.')
    expect(r.notes[1]).toMatch(/1 table\(s\) were not sampled/)
  })
  it('sampleSize 0 sends nothing', async () => {
    const { connection, sent } = fake()
    const r = await samplePostgresTables(connection, [table('A')], { sampleSize: 0, timeoutMs: 1 })
    expect(r).toEqual({ samples: {}, statements: 0, notes: [] })
    expect(sent).toEqual([])
  })
  it('spreads a large database over a bounded number of connections and closes them', async () => {
    const primary = fake()
    const extras: Array<ReturnType<typeof fake>> = []
    let closed = 0
    const tables = Array.from({ length: 100 }, (_, i) => table(`T${i}`))
    const r = await samplePostgresTables(primary.connection, tables, {
      sampleSize: 5,
      timeoutMs: 1000,
      concurrency: 3,
      openExtra: async () => {
        const extra = fake()
        extras.push(extra)
        return { connection: extra.connection, close: async () => void closed++ }
      },
    })
    expect(extras).toHaveLength(2)
    expect(closed).toBe(2)
    expect(r.statements).toBe(100)
    const selects = [primary, ...extras].map(
      (c) => c.sent.filter((s) => s.startsWith('SELECT "col 0"')).length,
    )
    expect(selects.reduce((a, b) => a + b)).toBe(100)
  })
})
