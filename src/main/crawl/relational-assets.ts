import type { CatalogAsset, CatalogField, JsonValue } from '../../shared/model/catalog'
import type { SourceKind } from '../../shared/model/sources'
import { encodeUrnSegment, parseUrn } from '../../shared/urn'
import type { CrawlDatabaseBatch, CrawlField, CrawlTable } from '../connectors/crawl-model'

/**
 * A relational connector's CrawlDatabaseBatch -> the shared catalogue shape: one database asset,
 * its schema assets, and one table/view asset per relation with fields, keys and indexes. Pure.
 */
export function relationalAssets(batch: CrawlDatabaseBatch, platform: SourceKind): CatalogAsset[] {
  const source = parseUrn(batch.urn).source
  const tablesBySchema = new Map<string, number>()
  for (const t of batch.tables)
    tablesBySchema.set(t.schema, (tablesBySchema.get(t.schema) ?? 0) + 1)

  const database: CatalogAsset = {
    urn: batch.urn,
    source,
    platform,
    kind: 'database',
    name: batch.database,
    path: [batch.database],
    counts: { children: batch.schemas.length },
    fields: [],
  }
  if (batch.description !== undefined) database.description = batch.description
  if (batch.notes.length > 0) database.notes = [...batch.notes]

  const schemaUrns = new Map<string, string>()
  const schemas = batch.schemas.map((s): CatalogAsset => {
    schemaUrns.set(s.name, s.urn)
    const asset: CatalogAsset = {
      urn: s.urn,
      source,
      platform,
      kind: 'schema',
      parent: batch.urn,
      name: s.name,
      path: [batch.database, s.name],
      counts: { children: tablesBySchema.get(s.name) ?? 0 },
      fields: [],
    }
    if (s.description !== undefined) asset.description = s.description
    return asset
  })

  const tables = batch.tables.map((t) =>
    tableAsset(t, source, platform, schemaUrns.get(t.schema) ?? batch.urn),
  )
  return [database, ...schemas, ...tables]
}

/** `<table URN>#<column>`: the URN of a column of a table whose URN is known. */
export function columnUrn(tableUrn: string, column: string): string {
  return `${tableUrn}#${encodeUrnSegment(column)}`
}

function tableAsset(
  t: CrawlTable,
  source: string,
  platform: SourceKind,
  parent: string,
): CatalogAsset {
  const primary = new Set(t.primaryKey?.columns ?? [])
  // A column in several foreign keys references the first one's target (composite keys aside).
  const references = new Map<string, string>()
  for (const fk of t.foreignKeys) {
    fk.columns.forEach((column, i) => {
      const target = fk.referencedColumns[i]
      if (target !== undefined && !references.has(column))
        references.set(column, columnUrn(fk.references, target))
    })
  }
  const asset: CatalogAsset = {
    urn: t.urn,
    source,
    platform,
    kind: t.kind,
    parent,
    name: t.name,
    path: [t.database, t.schema, t.name],
    fields: t.fields.map((f) => tableField(f, primary.has(f.name), references.get(f.name))),
    uniqueKeys: t.uniqueKeys.map((k) => ({ name: k.name, columns: [...k.columns] })),
    foreignKeys: t.foreignKeys.map((k) => ({
      name: k.name,
      columns: [...k.columns],
      references: k.references,
      referencedColumns: [...k.referencedColumns],
    })),
    indexes: t.indexes.map((i) => ({ ...i, columns: [...i.columns] })),
  }
  if (t.description !== undefined) asset.description = t.description
  if (t.rowCount !== undefined) asset.counts = { rows: t.rowCount }
  if (t.primaryKey)
    asset.primaryKey = { name: t.primaryKey.name, columns: [...t.primaryKey.columns] }
  const cdc: { [key: string]: JsonValue } = { tracked: t.cdc.tracked }
  if (t.cdc.captureInstances) cdc.captureInstances = [...t.cdc.captureInstances]
  if (t.cdc.publications) cdc.publications = [...t.cdc.publications]
  const properties: Record<string, JsonValue> = { cdc }
  if (t.temporal) {
    const temporal: { [key: string]: JsonValue } = { type: t.temporal.type }
    if (t.temporal.historyTable !== undefined) temporal.historyTable = t.temporal.historyTable
    properties.temporal = temporal
  }
  asset.properties = properties
  return asset
}

function tableField(f: CrawlField, primaryKey: boolean, references?: string): CatalogField {
  const field: CatalogField = {
    urn: f.urn,
    path: f.name,
    name: f.name,
    ordinal: f.ordinal,
    declaredType: f.declaredType,
    nullable: f.nullable,
  }
  if (f.default !== undefined) field.default = f.default
  if (f.identity !== undefined) field.identity = { ...f.identity }
  if (f.computed !== undefined) field.computed = f.computed
  if (f.description !== undefined) field.description = f.description
  if (primaryKey) field.primaryKey = true
  if (references !== undefined) field.references = references
  return field
}
