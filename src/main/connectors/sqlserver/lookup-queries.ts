import type { StepMatch } from '../../../shared/model/lookup'
import { msColumnRead, quoteName } from './sample-rows'

/**
 * The T-SQL of a SQL Server lookup step (issue 7), pure so that unit tests parse it. Names come
 * from the server's own catalogue (MS_LOOKUP_TABLE) through QUOTENAME rules; every value is a
 * typed parameter (`@v0..`), typed like the column so that an index on it is used (an nvarchar
 * parameter against a varchar column would convert the column and scan).
 */

/** Columns, types and primary key of one table or view; `@p0` is `[schema].[name]`. */
export const MS_LOOKUP_TABLE = `SELECT c.name AS name, ty.name AS typeName, c.max_length AS maxLength,
  ic.key_ordinal AS keyOrdinal
FROM sys.columns c
JOIN sys.types ty ON ty.user_type_id = c.user_type_id
LEFT JOIN sys.indexes i ON i.object_id = c.object_id AND i.is_primary_key = 1
LEFT JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.column_id = c.column_id
WHERE c.object_id = OBJECT_ID(@p0)
ORDER BY c.column_id`

export interface MsLookupColumn {
  name: string
  /** sys.types name: `int`, `nvarchar`, `varchar`, `uniqueidentifier`... */
  typeName: string
  /** Bytes (-1 for max). */
  maxLength: number
  keyOrdinal: number | null
}

export interface MsLookupTable {
  schema: string
  name: string
  columns: MsLookupColumn[]
  primaryKey: string[]
}

/** How a value is sent: the mssql type's name (mssql.TYPES key) and its length where it has one. */
export interface MsParam {
  name: string
  type: 'TinyInt' | 'SmallInt' | 'Int' | 'BigInt' | 'VarChar' | 'NVarChar' | 'UniqueIdentifier'
  length?: number
  value: string | number
}

export interface MsLookupStatement {
  /** The SELECT alone (what unit tests parse as T-SQL). */
  select: string
  /** What is sent: SET LOCK_TIMEOUT, the isolation level and the SELECT, one round trip. */
  batch: string
  params: MsParam[]
  /** Column name per select-list alias `c<i>`. */
  columns: string[]
  indexable: boolean
}

const INTS: Record<string, { type: MsParam['type']; min: bigint; max: bigint }> = {
  tinyint: { type: 'TinyInt', min: 0n, max: 255n },
  smallint: { type: 'SmallInt', min: -32_768n, max: 32_767n },
  int: { type: 'Int', min: -2_147_483_648n, max: 2_147_483_647n },
  bigint: { type: 'BigInt', min: -9_223_372_036_854_775_808n, max: 9_223_372_036_854_775_807n },
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The parameter for `value` against `column`, or undefined when the column cannot hold it. */
export function msParam(
  column: MsLookupColumn,
  value: string | number,
  i: number,
): MsParam | undefined {
  const name = `v${i}`
  const text = String(value)
  const int = INTS[column.typeName]
  if (int) {
    if (!/^-?\d{1,19}$/.test(text.trim())) return undefined
    const n = BigInt(text.trim())
    if (n < int.min || n > int.max) return undefined
    return { name, type: int.type, value: int.type === 'BigInt' ? n.toString() : Number(n) }
  }
  if (column.typeName === 'uniqueidentifier')
    return UUID.test(text.trim())
      ? { name, type: 'UniqueIdentifier', value: text.trim() }
      : undefined
  if (column.typeName === 'varchar' || column.typeName === 'char') {
    if (column.maxLength > 0 && text.length > column.maxLength) return undefined
    return { name, type: 'VarChar', length: 8000, value: text }
  }
  if (column.typeName === 'nvarchar' || column.typeName === 'nchar') {
    if (column.maxLength > 0 && text.length > column.maxLength / 2) return undefined
    return { name, type: 'NVarChar', length: 4000, value: text }
  }
  return undefined
}

/** Characters a digits-only comparison removes: what people put between a phone's digits. */
const PHONE_PUNCTUATION = [' ', '-', '(', ')', '+', '.', '/']

/** The column as the match compares it (mirrors normaliseForMatch in shared/lookup-values.ts). */
function matchExpression(
  col: string,
  match: 'case-insensitive' | 'trimmed' | 'digits-only',
): string {
  const text = `CONVERT(nvarchar(4000), ${col})`
  switch (match) {
    case 'case-insensitive':
      return `LOWER(LTRIM(RTRIM(${text})))`
    case 'trimmed':
      return `LTRIM(RTRIM(${text}))`
    case 'digits-only':
      // T-SQL has no regex: the usual phone punctuation and tabs are removed, not every non-digit.
      return [...PHONE_PUNCTUATION.map((p) => `N'${p}'`), 'NCHAR(9)'].reduce(
        (expr, p) => `REPLACE(${expr}, ${p}, N'')`,
        text,
      )
  }
}

/**
 * The batch of one step: `SELECT TOP (fetch)` the wanted columns (the primary key and the
 * matched column always) `WHERE <expr> IN (@v0, ...)`. Undefined when no value fits the column.
 */
export function msLookupStatement(
  table: MsLookupTable,
  column: MsLookupColumn,
  match: StepMatch,
  values: Array<string | number>,
  fetch: number,
  lockTimeoutMs: number,
  fields?: readonly string[],
): MsLookupStatement | undefined {
  const col = quoteName(column.name)
  let params: MsParam[]
  let where: string
  let indexable = false
  if (match === 'equals' || match === 'sha256-of') {
    const wanted =
      match === 'sha256-of'
        ? [...new Set(values.flatMap((v) => [String(v), String(v).toUpperCase()]))]
        : values
    if (INTS[column.typeName] || /char$|^uniqueidentifier$/.test(column.typeName)) {
      // A value the column cannot hold (text for an int, too long for a varchar(20)) is not sent.
      params = wanted.flatMap((v, i) => msParam(column, v, i) ?? [])
      where = `${col} IN (${params.map((p) => `@${p.name}`).join(', ')})`
      indexable = true
    } else {
      // Other types (dates, decimals...) compare through their text: correct, no index.
      params = wanted.map((v, i) => ({
        name: `v${i}`,
        type: 'NVarChar',
        length: 4000,
        value: String(v),
      }))
      where = `CONVERT(nvarchar(4000), ${col}) IN (${params.map((p) => `@${p.name}`).join(', ')})`
    }
  } else {
    params = values.map((v, i) => ({
      name: `v${i}`,
      type: 'NVarChar',
      length: 4000,
      value: String(v),
    }))
    where = `${matchExpression(col, match)} IN (${params.map((p) => `@${p.name}`).join(', ')})`
  }
  if (params.length === 0) return undefined
  const wantedNames = new Set([...table.primaryKey, column.name, ...(fields ?? [])])
  const select: string[] = []
  const columns: string[] = []
  for (const c of table.columns) {
    if (fields && !wantedNames.has(c.name)) continue
    const read = msColumnRead(c.typeName)
    if (read === 'skip') continue
    const q = quoteName(c.name)
    const alias = `c${columns.length}`
    if (read === 'native') select.push(`${q} AS ${alias}`)
    // Styles 126 / 127: ISO 8601, whatever the login's language and DATEFORMAT.
    else if (read === 'iso') select.push(`CONVERT(varchar(40), ${q}, 126) AS ${alias}`)
    else if (read === 'iso-offset') select.push(`CONVERT(varchar(40), ${q}, 127) AS ${alias}`)
    else select.push(`CONVERT(nvarchar(max), ${q}) AS ${alias}`)
    columns.push(c.name)
  }
  const top = Math.max(1, Math.floor(fetch))
  const from = `${quoteName(table.schema)}.${quoteName(table.name)}`
  const selectSql = `SELECT TOP (${top}) ${select.join(', ')} FROM ${from} WHERE ${where}`
  const lock = Math.max(0, Math.floor(lockTimeoutMs))
  return {
    select: selectSql,
    batch: `SET LOCK_TIMEOUT ${lock}; SET TRANSACTION ISOLATION LEVEL READ COMMITTED; ${selectSql}`,
    params,
    columns,
    indexable,
  }
}
