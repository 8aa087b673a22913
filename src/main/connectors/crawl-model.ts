import type { ApiErrorShape } from '../../shared/api'

/**
 * What a relational crawl yields (issue 4, item 1). Plain JSON only: batches cross to the
 * pipeline, and later to the store and the renderer, unchanged.
 */

/** Every crawl is cancellable and bounded (DESIGN.md §3). */
export interface CrawlOptions {
  signal?: AbortSignal
  /** Budget per catalogue statement, ms (default DEFAULT_CRAWL_TIMEOUT_MS). */
  timeoutMs?: number
  /** Databases to crawl; default: the source's options.databases, or its URL's database. */
  databases?: string[]
}

export const DEFAULT_CRAWL_TIMEOUT_MS = 30_000

export interface CrawlField {
  urn: string
  name: string
  /** 1-based position in the table, as the server numbers it. */
  ordinal: number
  /** The type as declared, e.g. `character varying(200)`, `nvarchar(200)`, `decimal(18,2)`. */
  declaredType: string
  nullable: boolean
  /** Default expression as the server prints it. */
  default?: string
  identity?: { generation?: 'always' | 'by-default'; seed?: string; increment?: string }
  /** A computed / generated column's expression. */
  computed?: string
  description?: string
}

export interface CrawlKey {
  name: string
  columns: string[]
}

export interface CrawlForeignKey extends CrawlKey {
  /** URN of the referenced table. */
  references: string
  referencedColumns: string[]
}

export interface CrawlIndex {
  name: string
  columns: string[]
  unique: boolean
  primary: boolean
  /** btree, hash, gin... (PostgreSQL) / CLUSTERED, NONCLUSTERED... (SQL Server). */
  method?: string
}

/** Change capture of a table: what makes it reach Kafka. */
export interface CrawlCdc {
  /** SQL Server: sys.tables.is_tracked_by_cdc. PostgreSQL: in at least one publication. */
  tracked: boolean
  /** SQL Server capture instances (cdc.change_tables). */
  captureInstances?: string[]
  /** PostgreSQL logical-replication publications that include the table. */
  publications?: string[]
}

export interface CrawlTemporal {
  /** sys.tables.temporal_type_desc, e.g. SYSTEM_VERSIONED_TEMPORAL_TABLE. */
  type: string
  /** URN of the history table, when this is the current table. */
  historyTable?: string
}

export interface CrawlTable {
  urn: string
  kind: 'table' | 'view'
  database: string
  schema: string
  name: string
  description?: string
  /** The server's estimate (pg_class.reltuples / sys.partitions.rows); undefined if unknown. */
  rowCount?: number
  fields: CrawlField[]
  primaryKey?: CrawlKey
  uniqueKeys: CrawlKey[]
  foreignKeys: CrawlForeignKey[]
  indexes: CrawlIndex[]
  cdc: CrawlCdc
  temporal?: CrawlTemporal
}

/** One database's catalogue: the unit a crawl yields, so a large estate streams. */
export interface CrawlDatabaseBatch {
  kind: 'database'
  urn: string
  database: string
  description?: string
  schemas: Array<{ urn: string; name: string; description?: string }>
  tables: CrawlTable[]
  /** Objects the login could not see or read; the crawl goes on without them. */
  notes: string[]
  /** Catalogue statements sent for this database (bounded; never grows with table count). */
  statements: number
}

/** A database that could not be crawled; the other databases are not lost. */
export interface CrawlErrorBatch {
  kind: 'error'
  database: string
  error: ApiErrorShape
}

export type CrawlBatch = CrawlDatabaseBatch | CrawlErrorBatch
