import nodeSqlParser from 'node-sql-parser'
import { describe, expect, it } from 'vitest'
import { MS_CRAWL_QUERIES } from './crawl-queries'
import { SYS_CATALOG_COLUMNS } from './sys-catalog-columns'

/**
 * No SQL Server runs here: each catalogue query is parsed as T-SQL by node-sql-parser, and every
 * catalog view and column it names is checked against the documented columns.
 */
const parser = new nodeSqlParser.Parser()
const OPTS = { database: 'TransactSQL' }

interface ColumnRef {
  table: string | null
  column: string
}
interface TableRef {
  db: string | null
  table: string
  as: string | null
}

/** Every table reference and column reference anywhere in the AST (subqueries included). */
function collect(ast: unknown): { tables: TableRef[]; columns: ColumnRef[] } {
  const tables: TableRef[] = []
  const columns: ColumnRef[] = []
  const walk = (node: unknown, inFrom: boolean) => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n, inFrom)
      return
    }
    if (typeof node !== 'object' || node === null) return
    const rec = node as Record<string, unknown>
    if (rec.type === 'column_ref' && typeof rec.column === 'string')
      columns.push({ table: (rec.table as string | null) ?? null, column: rec.column })
    if (inFrom && typeof rec.table === 'string')
      tables.push({
        db: (rec.db as string | null) ?? null,
        table: rec.table,
        as: (rec.as as string | null) ?? null,
      })
    for (const [key, value] of Object.entries(rec)) walk(value, key === 'from')
  }
  walk(ast, false)
  return { tables, columns }
}

describe.each(Object.entries(MS_CRAWL_QUERIES))('%s', (name, sql) => {
  it('parses as T-SQL, as one SELECT', () => {
    const ast = parser.astify(sql, OPTS)
    const statements = Array.isArray(ast) ? ast : [ast]
    expect(statements).toHaveLength(1)
    expect(statements[0]!.type).toBe('select')
  })
  it('names only documented catalog views and columns, each through a unique alias', () => {
    const { tables, columns } = collect(parser.astify(sql, OPTS))
    expect(tables.length, name).toBeGreaterThan(0)
    const aliases = new Map<string, string>()
    for (const t of tables) {
      const view = `${t.db ?? '?'}.${t.table}`
      expect(SYS_CATALOG_COLUMNS, `${name}: ${view} is not a known catalog view`).toHaveProperty([
        view,
      ])
      const alias = t.as ?? t.table
      expect(aliases.has(alias), `${name}: alias ${alias} used twice`).toBe(false)
      aliases.set(alias, view)
    }
    expect(columns.length).toBeGreaterThan(0)
    for (const c of columns) {
      expect(c.table, `${name}: column ${c.column} must be qualified`).not.toBeNull()
      const view = aliases.get(c.table!)
      expect(view, `${name}: unknown alias ${c.table}`).toBeDefined()
      expect(SYS_CATALOG_COLUMNS[view!], `${name}: ${view} has no column ${c.column}`).toContain(
        c.column,
      )
    }
  })
  it('only reads', () => {
    expect(sql).not.toMatch(/\b(insert|update|delete|merge|create|alter|drop|exec|execute)\b/i)
  })
})

describe('the checker itself', () => {
  it('catches an undocumented column', () => {
    const { columns } = collect(parser.astify('SELECT t.no_such FROM sys.tables t', OPTS))
    expect(columns).toEqual([{ table: 't', column: 'no_such' }])
    expect(SYS_CATALOG_COLUMNS['sys.tables']).not.toContain('no_such')
  })
  it('fails on what is not T-SQL', () => {
    // The parser is lenient (it accepts LIMIT, which SQL Server would not): a syntax check only.
    expect(() => parser.astify('SELECT t.name FROM sys.tables t WHERE', OPTS)).toThrow()
    expect(() => parser.astify('SELECT t.name FROM FROM sys.tables t', OPTS)).toThrow()
  })
})
