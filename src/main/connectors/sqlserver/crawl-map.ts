import { buildUrn } from '../../../shared/urn'
import type { CrawlDatabaseBatch, CrawlField, CrawlKey, CrawlTable } from '../crawl-model'

/**
 * Recordsets exactly as mssql (tedious) returns them for crawl-queries.ts: bit -> boolean,
 * int/smallint/tinyint -> number, bigint (SUM of sys.partitions.rows) -> string, char(2) padded
 * ('U ', 'V '), NULL -> null.
 */
export interface MsDatabaseRow {
  databaseName: string
  isCdcEnabled: boolean
  description: string | null
}
export interface MsSchemaRow {
  schemaId: number
  schemaName: string
  description: string | null
}
export interface MsObjectRow {
  objectId: number
  schemaName: string
  objectName: string
  objectType: string
  isTrackedByCdc: boolean | null
  temporalType: string | null
  historySchema: string | null
  historyTable: string | null
  rowEstimate: string | number | null
  description: string | null
}
export interface MsColumnRow {
  objectId: number
  columnId: number
  columnName: string
  typeName: string
  isUserDefinedType: boolean
  baseTypeName: string | null
  maxLength: number
  numericPrecision: number
  numericScale: number
  isNullable: boolean
  isIdentity: boolean
  isComputed: boolean
  defaultDefinition: string | null
  computedDefinition: string | null
  identitySeed: string | null
  identityIncrement: string | null
  description: string | null
}
export interface MsKeyColumnRow {
  objectId: number
  keyName: string
  keyType: string
  columnName: string
  keyOrdinal: number
}
export interface MsForeignKeyColumnRow {
  objectId: number
  keyName: string
  columnPosition: number
  columnName: string
  referencedSchema: string
  referencedTable: string
  referencedColumn: string
}
export interface MsIndexColumnRow {
  objectId: number
  indexName: string
  indexType: string
  isUnique: boolean
  isPrimaryKey: boolean
  columnName: string
  keyOrdinal: number
}
export interface MsCaptureInstanceRow {
  objectId: number
  captureInstance: string
}

export interface MsCatalogRows {
  database: MsDatabaseRow
  schemas: MsSchemaRow[]
  objects: MsObjectRow[]
  columns: MsColumnRow[]
  keyColumns: MsKeyColumnRow[]
  foreignKeyColumns: MsForeignKeyColumnRow[]
  indexColumns: MsIndexColumnRow[]
  /** Undefined when the database has CDC off (cdc.change_tables does not exist then). */
  captureInstances?: MsCaptureInstanceRow[]
}

const N_CHARS = new Set(['nvarchar', 'nchar'])
const BYTE_SIZED = new Set(['varchar', 'char', 'varbinary', 'binary'])
const SCALED_TIME = new Set(['datetime2', 'time', 'datetimeoffset'])

/** sys.columns' storage facts -> the type as it would be declared, e.g. nvarchar(200), decimal(18,2). */
export function declaredSqlServerType(c: MsColumnRow): string {
  if (c.isUserDefinedType) return c.typeName
  const t = c.typeName
  if (N_CHARS.has(t)) return `${t}(${c.maxLength === -1 ? 'max' : c.maxLength / 2})`
  if (BYTE_SIZED.has(t)) return `${t}(${c.maxLength === -1 ? 'max' : c.maxLength})`
  if (t === 'decimal' || t === 'numeric') return `${t}(${c.numericPrecision},${c.numericScale})`
  if (SCALED_TIME.has(t)) return `${t}(${c.numericScale})`
  return t
}

function grouped<R extends { objectId: number }>(rows: R[], key: (r: R) => string) {
  const out = new Map<number, Map<string, R[]>>()
  for (const r of rows) {
    const perObject = out.get(r.objectId) ?? new Map<string, R[]>()
    out.set(r.objectId, perObject)
    const list = perObject.get(key(r)) ?? []
    perObject.set(key(r), list)
    list.push(r)
  }
  return out
}

/** One database's recordsets -> one batch. Pure, so it is tested without a SQL Server. */
export function mapSqlServerCatalog(
  sourceName: string,
  rows: MsCatalogRows,
  statements: number,
): CrawlDatabaseBatch {
  const db = rows.database.databaseName
  const urn = (path: string[], field?: string) => buildUrn('sqlserver', sourceName, path, field)
  const byId = new Map<number, CrawlTable>()
  for (const o of rows.objects) {
    const isView = o.objectType.trim() === 'V'
    const table: CrawlTable = {
      urn: urn([db, o.schemaName, o.objectName]),
      kind: isView ? 'view' : 'table',
      database: db,
      schema: o.schemaName,
      name: o.objectName,
      fields: [],
      uniqueKeys: [],
      foreignKeys: [],
      indexes: [],
      cdc: { tracked: o.isTrackedByCdc === true },
    }
    if (o.description !== null) table.description = o.description
    if (!isView && o.rowEstimate !== null) table.rowCount = Number(o.rowEstimate)
    if (o.temporalType !== null && o.temporalType !== 'NON_TEMPORAL_TABLE') {
      table.temporal = { type: o.temporalType }
      if (o.historySchema !== null && o.historyTable !== null)
        table.temporal.historyTable = urn([db, o.historySchema, o.historyTable])
    }
    byId.set(o.objectId, table)
  }
  for (const c of rows.columns) {
    const table = byId.get(c.objectId)
    if (!table) continue
    const field: CrawlField = {
      urn: urn([db, table.schema, table.name], c.columnName),
      name: c.columnName,
      ordinal: c.columnId,
      declaredType: declaredSqlServerType(c),
      nullable: c.isNullable,
    }
    if (c.defaultDefinition !== null) field.default = c.defaultDefinition
    if (c.isComputed && c.computedDefinition !== null) field.computed = c.computedDefinition
    if (c.isIdentity) {
      field.identity = {}
      if (c.identitySeed !== null) field.identity.seed = c.identitySeed
      if (c.identityIncrement !== null) field.identity.increment = c.identityIncrement
    }
    if (c.description !== null) field.description = c.description
    table.fields.push(field)
  }
  for (const [objectId, keys] of grouped(rows.keyColumns, (r) => r.keyName)) {
    const table = byId.get(objectId)
    if (!table) continue
    for (const [name, cols] of keys) {
      const key: CrawlKey = { name, columns: order(cols, (c) => c.keyOrdinal) }
      if (cols[0]!.keyType.trim() === 'PK') table.primaryKey = key
      else table.uniqueKeys.push(key)
    }
  }
  for (const [objectId, keys] of grouped(rows.foreignKeyColumns, (r) => r.keyName)) {
    const table = byId.get(objectId)
    if (!table) continue
    for (const [name, cols] of keys) {
      const sorted = [...cols].sort((a, b) => a.columnPosition - b.columnPosition)
      table.foreignKeys.push({
        name,
        columns: sorted.map((c) => c.columnName),
        references: urn([db, sorted[0]!.referencedSchema, sorted[0]!.referencedTable]),
        referencedColumns: sorted.map((c) => c.referencedColumn),
      })
    }
  }
  for (const [objectId, indexes] of grouped(rows.indexColumns, (r) => r.indexName)) {
    const table = byId.get(objectId)
    if (!table) continue
    for (const [name, cols] of indexes) {
      table.indexes.push({
        name,
        columns: order(cols, (c) => c.keyOrdinal),
        unique: cols[0]!.isUnique,
        primary: cols[0]!.isPrimaryKey,
        method: cols[0]!.indexType,
      })
    }
  }
  for (const ci of rows.captureInstances ?? []) {
    const table = byId.get(ci.objectId)
    if (table) (table.cdc.captureInstances ??= []).push(ci.captureInstance)
  }
  const batch: CrawlDatabaseBatch = {
    kind: 'database',
    urn: urn([db]),
    database: db,
    schemas: rows.schemas.map((s) => ({
      urn: urn([db, s.schemaName]),
      name: s.schemaName,
      ...(s.description !== null ? { description: s.description } : {}),
    })),
    tables: [...byId.values()],
    // SQL Server hides what a login has no permission on (metadata visibility): it cannot be counted.
    notes: [],
    statements,
  }
  if (rows.database.description !== null) batch.description = rows.database.description
  return batch
}

function order<R extends { columnName: string }>(rows: R[], ordinal: (r: R) => number): string[] {
  return [...rows].sort((a, b) => ordinal(a) - ordinal(b)).map((r) => r.columnName)
}
