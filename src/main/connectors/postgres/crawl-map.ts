import { buildUrn } from '../../../shared/urn'
import type { CrawlDatabaseBatch, CrawlField, CrawlTable } from '../crawl-model'

/** Rows exactly as pg returns them for crawl-queries.ts (int8 arrives as a string). */
export interface PgDatabaseRow {
  database: string
  description: string | null
  schemas: Array<{ name: string; description: string | null }>
  unreadable: number
}
export interface PgRelationRow {
  oid: string
  schema: string
  name: string
  relkind: string
  reltuples: number
  description: string | null
  publications: string[]
}
export interface PgColumnRow {
  oid: string
  name: string
  ordinal: number
  declared_type: string
  nullable: boolean
  default_expr: string | null
  generated_expr: string | null
  identity: string
  description: string | null
}
export interface PgConstraintRow {
  oid: string
  name: string
  type: 'p' | 'u' | 'f'
  columns: string[]
  ref_schema: string | null
  ref_table: string | null
  ref_columns: string[]
}
export interface PgIndexRow {
  oid: string
  name: string
  is_unique: boolean
  is_primary: boolean
  method: string
  columns: string[]
}

export interface PgCatalogRows {
  database: PgDatabaseRow
  relations: PgRelationRow[]
  columns: PgColumnRow[]
  constraints: PgConstraintRow[]
  indexes: PgIndexRow[]
}

/** A view has no rows of its own; -1 means "never analysed" (PostgreSQL 14+): unknown, not 0. */
function rowEstimate(relkind: string, reltuples: number): number | undefined {
  if (relkind === 'v' || reltuples < 0) return undefined
  return Math.round(reltuples)
}

/** The catalogue rows of one database -> one batch. Pure, so it is unit-tested without a server. */
export function mapPostgresCatalog(
  sourceName: string,
  rows: PgCatalogRows,
  statements: number,
): CrawlDatabaseBatch {
  const db = rows.database.database
  const tableUrn = (schema: string, table: string) =>
    buildUrn('postgres', sourceName, [db, schema, table])
  const byOid = new Map<string, CrawlTable>()
  for (const r of rows.relations) {
    const table: CrawlTable = {
      urn: tableUrn(r.schema, r.name),
      kind: r.relkind === 'v' || r.relkind === 'm' ? 'view' : 'table',
      database: db,
      schema: r.schema,
      name: r.name,
      fields: [],
      uniqueKeys: [],
      foreignKeys: [],
      indexes: [],
      cdc: { tracked: r.publications.length > 0, publications: r.publications },
    }
    if (r.description !== null) table.description = r.description
    const estimate = rowEstimate(r.relkind, r.reltuples)
    if (estimate !== undefined) table.rowCount = estimate
    byOid.set(r.oid, table)
  }
  for (const c of rows.columns) {
    const table = byOid.get(c.oid)
    if (!table) continue
    const field: CrawlField = {
      urn: buildUrn('postgres', sourceName, [db, table.schema, table.name], c.name),
      name: c.name,
      ordinal: c.ordinal,
      declaredType: c.declared_type,
      nullable: c.nullable,
    }
    if (c.default_expr !== null) field.default = c.default_expr
    if (c.generated_expr !== null) field.computed = c.generated_expr
    if (c.identity === 'a' || c.identity === 'd')
      field.identity = { generation: c.identity === 'a' ? 'always' : 'by-default' }
    if (c.description !== null) field.description = c.description
    table.fields.push(field)
  }
  for (const k of rows.constraints) {
    const table = byOid.get(k.oid)
    if (!table) continue
    if (k.type === 'p') table.primaryKey = { name: k.name, columns: k.columns }
    else if (k.type === 'u') table.uniqueKeys.push({ name: k.name, columns: k.columns })
    else if (k.ref_schema !== null && k.ref_table !== null)
      table.foreignKeys.push({
        name: k.name,
        columns: k.columns,
        references: tableUrn(k.ref_schema, k.ref_table),
        referencedColumns: k.ref_columns,
      })
  }
  for (const i of rows.indexes) {
    byOid.get(i.oid)?.indexes.push({
      name: i.name,
      columns: i.columns,
      unique: i.is_unique,
      primary: i.is_primary,
      method: i.method,
    })
  }
  const notes: string[] = []
  if (rows.database.unreadable > 0)
    notes.push(
      `${rows.database.unreadable} table(s) or view(s) in ${db} are not readable by this login and were left out.`,
    )
  const batch: CrawlDatabaseBatch = {
    kind: 'database',
    urn: buildUrn('postgres', sourceName, [db]),
    database: db,
    schemas: rows.database.schemas.map((s) => ({
      urn: buildUrn('postgres', sourceName, [db, s.name]),
      name: s.name,
      ...(s.description !== null ? { description: s.description } : {}),
    })),
    tables: [...byOid.values()],
    notes,
    statements,
  }
  if (rows.database.description !== null) batch.description = rows.database.description
  return batch
}
