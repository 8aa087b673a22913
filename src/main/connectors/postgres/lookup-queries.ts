import pg from 'pg'
import type { StepMatch } from '../../../shared/model/lookup'
import { columnRead } from './sample-rows'

/**
 * The statements of a PostgreSQL lookup step (issue 7), pure so that unit tests read them. Every
 * identifier in them is a name the server listed (PG_LOOKUP_TABLE) and quoted with
 * escapeIdentifier; every value travels as a parameter. Nothing here is built from user input.
 */

/**
 * A lookup connection's session, set once per connection (and again when a step asks for another
 * timeout): every transaction READ ONLY by default, so each step's SELECT is its own implicit
 * read-only transaction and costs one round trip instead of three (BEGIN, SELECT, COMMIT); and
 * statement_timeout = min(the role's or database's own, `timeoutMs`). `reset_val` is what the
 * session would reset to, so a second call compares with the role's value, not with ours.
 * Sessions are not shared behind a transaction-pooling proxy (PgBouncer's transaction mode),
 * where these settings would not follow the next statement: the SELECTs stay parameterised
 * reads either way.
 */
export function pgLookupSession(timeoutMs: number): string {
  const ms = Math.max(1, Math.floor(timeoutMs))
  return `SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED READ ONLY;
SELECT pg_catalog.set_config('statement_timeout', (SELECT CASE WHEN s.reset_val::int8 = 0 OR s.reset_val::int8 > ${ms}
  THEN ${ms} ELSE s.reset_val::int8 END FROM pg_catalog.pg_settings s WHERE s.name = 'statement_timeout')::text, false)`
}

/** One table's columns (with their types) and primary key, read once per table per lookup. */
export const PG_LOOKUP_TABLE = `SELECT c.relkind::text AS relkind,
  (SELECT json_agg(json_build_object('name', a.attname, 'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
          'typeSchema', tn.nspname, 'typeName', t.typname, 'typeCategory', t.typcategory::text) ORDER BY a.attnum)
     FROM pg_catalog.pg_attribute a
     JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
     JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
    WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
  (SELECT json_agg(a.attname ORDER BY k.ord)
     FROM pg_catalog.pg_index i
    CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
     JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
    WHERE i.indrelid = c.oid AND i.indisprimary) AS primary_key
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`

export interface PgLookupColumn {
  name: string
  /** format_type: `character varying(200)`, `integer`. */
  type: string
  typeSchema: string
  typeName: string
  /** pg_type.typcategory: S string, N numeric, D date/time, U user (uuid)... */
  typeCategory: string
}

export interface PgLookupTable {
  schema: string
  name: string
  relkind: string
  columns: PgLookupColumn[]
  primaryKey: string[]
}

/** Types whose values are compared as themselves (an index on the column serves them). */
const TYPED = new Set([
  'text',
  'varchar',
  'bpchar',
  'citext',
  'name',
  'int2',
  'int4',
  'int8',
  'numeric',
  'uuid',
  'date',
])
const INT_RANGE: Record<string, bigint> = {
  int2: 32_767n,
  int4: 2_147_483_647n,
  int8: 9_223_372_036_854_775_807n,
}
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i

/**
 * Whether `value` is one the column's type accepts, so the typed comparison cannot fail on a
 * cast: `' OR 1=1 --` for an integer column simply matches nothing.
 */
export function acceptsValue(column: PgLookupColumn, value: string | number): boolean {
  const text = String(value).trim()
  const max = INT_RANGE[column.typeName]
  if (max !== undefined) {
    if (!/^-?\d{1,19}$/.test(text)) return false
    const n = BigInt(text)
    return n <= max && n >= -max - 1n
  }
  if (column.typeName === 'numeric') return /^-?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i.test(text)
  if (column.typeName === 'uuid') return UUID.test(text)
  if (column.typeName === 'date') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
    if (!m) return false
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
    return d.toISOString().slice(0, 10) === text
  }
  // Text types take any string but NUL, which PostgreSQL text cannot hold.
  return !String(value).includes('\u0000')
}

export interface PgLookupStatement {
  sql: string
  params: unknown[]
  /** Column name per select-list alias `c<i>`, in order. */
  columns: string[]
  /** Whether the row's ctid is selected as `k_ctid` (no primary key). */
  ctid: boolean
  /** The comparison can use a b-tree index on the column (for the plan's honesty). */
  indexable: boolean
}

/**
 * The one SELECT of a step: the wanted columns (the primary key and the matched column always),
 * `WHERE <expr> = ANY($1)` in the match's form, `LIMIT $2`. Undefined when no value can match
 * the column's type (nothing is sent then).
 */
export function pgLookupStatement(
  table: PgLookupTable,
  column: PgLookupColumn,
  match: StepMatch,
  values: Array<string | number>,
  fetch: number,
  fields?: readonly string[],
): PgLookupStatement | undefined {
  const col = pg.escapeIdentifier(column.name)
  let where: string
  let params: Array<string | number>
  let indexable = false
  if (match === 'equals' || match === 'sha256-of') {
    let wanted = values
    if (match === 'sha256-of')
      wanted = [...new Set(values.flatMap((v) => [String(v), String(v).toUpperCase()]))]
    if (TYPED.has(column.typeName)) {
      // Text keeps its exact form; numbers, uuids and dates are sent only when they parse.
      params = wanted
        .filter((v) => acceptsValue(column, v))
        .map((v) => (column.typeCategory === 'S' ? String(v) : String(v).trim()))
      const type = `${pg.escapeIdentifier(column.typeSchema)}.${pg.escapeIdentifier(column.typeName)}`
      where = `${col} = ANY($1::${type}[])`
      indexable = true
    } else {
      // Any other type is compared through its text form: correct, but no index serves it.
      params = wanted.map(String)
      where = `${col}::text = ANY($1::text[])`
    }
  } else {
    params = values.map(String)
    where = `${matchExpression(col, match)} = ANY($1::text[])`
  }
  if (params.length === 0) return undefined
  const wantedNames = new Set([...table.primaryKey, column.name, ...(fields ?? [])])
  const select: string[] = []
  const columns: string[] = []
  for (const c of table.columns) {
    if (fields && !wantedNames.has(c.name)) continue
    const read = columnRead(c.type)
    if (read === 'skip' && !table.primaryKey.includes(c.name)) continue
    const q = pg.escapeIdentifier(c.name)
    const alias = `c${columns.length}`
    if (read === 'native') select.push(`${q} AS ${alias}`)
    // to_json prints dates and timestamps as ISO 8601, whatever the session's DateStyle.
    else if (read === 'iso') select.push(`to_json(${q}) #>> '{}' AS ${alias}`)
    else select.push(`${q}::text AS ${alias}`)
    columns.push(c.name)
  }
  const ctid = table.primaryKey.length === 0 && (table.relkind === 'r' || table.relkind === 'm')
  if (ctid) select.push('ctid::text AS k_ctid')
  const from = `${pg.escapeIdentifier(table.schema)}.${pg.escapeIdentifier(table.name)}`
  return {
    sql: `SELECT ${select.join(', ')} FROM ${from} WHERE ${where} LIMIT $2`,
    params: [params, fetch],
    columns,
    ctid,
    indexable,
  }
}

/** The column's text in the match's form; mirrors normaliseForMatch in shared/lookup-values.ts. */
function matchExpression(col: string, match: Exclude<StepMatch, 'equals' | 'sha256-of'>): string {
  switch (match) {
    case 'case-insensitive':
      return `lower(regexp_replace(${col}::text, '^\\s+|\\s+$', '', 'g'))`
    case 'trimmed':
      return `regexp_replace(${col}::text, '^\\s+|\\s+$', '', 'g')`
    case 'digits-only':
      return `regexp_replace(${col}::text, '\\D', '', 'g')`
  }
}
