import { describe, expect, it } from 'vitest'
import type { StepMatch } from '../../../shared/model/lookup'
import {
  acceptsValue,
  pgLookupSession,
  pgLookupStatement,
  type PgLookupColumn,
  type PgLookupTable,
} from './lookup-queries'

/**
 * The SELECT of a PostgreSQL lookup step, as text: names quoted from the catalogue, values only
 * as parameters, typed so an index serves equality, and nothing sent when no value fits the
 * column. (The estate suite, test/integration/lookup-connectors.test.ts, runs them for real.)
 */
const col = (name: string, typeName: string, type = typeName, category = 'S'): PgLookupColumn => ({
  name,
  type,
  typeSchema: 'pg_catalog',
  typeName,
  typeCategory: category,
})
const TABLE: PgLookupTable = {
  schema: 'dbo',
  name: 'Customer',
  relkind: 'r',
  columns: [
    col('CustomerId', 'int4', 'integer', 'N'),
    col('Email', 'varchar', 'character varying(200)'),
    col('Odd "name"', 'text'),
    col('DateOfBirth', 'date', 'date', 'D'),
    col('Photo', 'bytea', 'bytea', 'U'),
    col('Tags', '_text', 'text[]', 'A'),
  ],
  primaryKey: ['CustomerId'],
}
const column = (name: string) => TABLE.columns.find((c) => c.name === name)!
const HOSTILE = ["' OR 1=1 --", '{"$ne": null}', '.*', "x'); DELETE FROM dbo.x; --"]

describe('pgLookupStatement', () => {
  const cases: Array<[string, StepMatch, RegExp]> = [
    ['CustomerId', 'equals', /WHERE "CustomerId" = ANY\(\$1::"pg_catalog"\."int4"\[\]\)/],
    ['Email', 'equals', /WHERE "Email" = ANY\(\$1::"pg_catalog"\."varchar"\[\]\)/],
    [
      'Email',
      'case-insensitive',
      /WHERE lower\(regexp_replace\("Email"::text, .*\)\) = ANY\(\$1::text\[\]\)/,
    ],
    [
      'Email',
      'trimmed',
      /WHERE regexp_replace\("Email"::text, '\^\\s\+\|\\s\+\$', '', 'g'\) = ANY/,
    ],
    [
      'Email',
      'digits-only',
      /WHERE regexp_replace\("Email"::text, '\\D', '', 'g'\) = ANY\(\$1::text\[\]\)/,
    ],
    ['Tags', 'equals', /WHERE "Tags"::text = ANY\(\$1::text\[\]\)/],
  ]
  it.each(cases)('%s %s', (name, match, where) => {
    const stmt = pgLookupStatement(TABLE, column(name), match, ['42', ...HOSTILE], 11)!
    expect(stmt.sql).toMatch(where)
    expect(stmt.sql).toMatch(/ FROM "dbo"\."Customer" WHERE .* LIMIT \$2$/)
    for (const h of HOSTILE) expect(stmt.sql).not.toContain(h)
    expect(stmt.params[1]).toBe(11)
  })
  it('sends integer columns only integers, and nothing when none is left', () => {
    const stmt = pgLookupStatement(TABLE, column('CustomerId'), 'equals', [42, '7', ...HOSTILE], 2)!
    expect(stmt.params[0]).toEqual(['42', '7'])
    expect(stmt.indexable).toBe(true)
    expect(pgLookupStatement(TABLE, column('CustomerId'), 'equals', HOSTILE, 2)).toBeUndefined()
  })
  it('quotes odd names, selects key + matched + wanted columns, reads dates as ISO, skips bytes', () => {
    const stmt = pgLookupStatement(TABLE, column('Odd "name"'), 'equals', ['x'], 2, [
      'DateOfBirth',
    ])!
    expect(stmt.sql).toContain('WHERE "Odd ""name""" = ANY')
    expect(stmt.columns).toEqual(['CustomerId', 'Odd "name"', 'DateOfBirth'])
    expect(stmt.sql).toContain(`to_json("DateOfBirth") #>> '{}' AS c2`)
    const all = pgLookupStatement(TABLE, column('Email'), 'equals', ['x'], 2)!
    expect(all.columns).not.toContain('Photo')
  })
  it('matches sha256 digests in either case, and selects ctid where there is no key', () => {
    const hex = 'ab'.repeat(32)
    const noKey = { ...TABLE, primaryKey: [] }
    const stmt = pgLookupStatement(noKey, column('Email'), 'sha256-of', [hex], 2)!
    expect(stmt.params[0]).toEqual([hex, hex.toUpperCase()])
    expect(stmt.sql).toContain('ctid::text AS k_ctid')
  })
})

describe('acceptsValue', () => {
  it('checks ranges and formats of typed columns', () => {
    expect(acceptsValue(col('a', 'int2'), '32768')).toBe(false)
    expect(acceptsValue(col('a', 'int8'), '9223372036854775807')).toBe(true)
    expect(acceptsValue(col('a', 'numeric'), '12.50')).toBe(true)
    expect(acceptsValue(col('a', 'uuid'), 'nope')).toBe(false)
    expect(acceptsValue(col('a', 'date'), '2024-02-30')).toBe(false)
    expect(acceptsValue(col('a', 'date'), '2024-02-29')).toBe(true)
    expect(acceptsValue(col('a', 'text'), "' OR 1=1 --")).toBe(true)
    expect(acceptsValue(col('a', 'text'), 'a\u0000b')).toBe(false)
  })
})

describe('pgLookupSession', () => {
  it("makes the session's transactions READ ONLY and never loosens the role's statement_timeout", () => {
    const sql = pgLookupSession(5000)
    expect(sql).toMatch(/^SET SESSION CHARACTERISTICS AS TRANSACTION .*READ ONLY;/)
    // Compared with reset_val (the role's or database's value), not with a value set before.
    expect(sql).toMatch(/s\.reset_val::int8 > 5000\s+THEN 5000 ELSE s\.reset_val::int8 END/)
    expect(sql).toMatch(/, false\)$/) // the session's, not one transaction's
  })
})
