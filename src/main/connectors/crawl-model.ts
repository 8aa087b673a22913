import type { ApiErrorShape } from '../../shared/api'
import type { CatalogAsset } from '../../shared/model/catalog'

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
  /**
   * Records / messages / documents to sample per asset (Kafka: newest N per partition, spread
   * over partitions; MongoDB: the starting sample, grown until no new paths appear, up to
   * `maxSampleSize`). Default DEFAULT_SAMPLE_SIZE. 0 turns value sampling off.
   */
  sampleSize?: number
  /** Cap of adaptive sampling (MongoDB). Default DEFAULT_MAX_SAMPLE_SIZE. */
  maxSampleSize?: number
  /** Include internal assets (Kafka's `__consumer_offsets`, Connect's topics; system databases). */
  includeInternal?: boolean
  /**
   * Kafka only: the schema registry this cluster's Avro messages were written with (the source
   * named by the Kafka source's `options.schemaRegistry`), resolved by the pipeline.
   */
  schemaRegistry?: ResolvedSourceRef
  /** Told each time the connector knows more about its progress (parts done of total). */
  onProgress?: (progress: { done: number; total?: number; message?: string }) => void
}

/** A resolved source (see connector.ts ResolvedSource), repeated here to avoid an import cycle. */
export interface ResolvedSourceRef {
  name: string
  url: string
  username?: string
  password?: string
  options: Record<string, string | number | boolean>
}

export const DEFAULT_SAMPLE_SIZE = 100
export const DEFAULT_MAX_SAMPLE_SIZE = 1000

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
  /**
   * Raw sampled values by field URN (relational value sampling: a bounded sample of rows per
   * table, separate from the catalogue statements). In memory only; see CrawlAssetsBatch.samples.
   */
  samples?: Record<string, unknown[]>
  /** Sampling statements sent (one per sampled table; not catalogue statements). */
  sampleStatements?: number
}

/** A database that could not be crawled; the other databases are not lost. */
export interface CrawlErrorBatch {
  kind: 'error'
  database: string
  error: ApiErrorShape
}

/**
 * Assets in the shared catalogue shape (Kafka, Kafka Connect, schema registry, MongoDB). One batch
 * per container or group of assets, so a large estate streams.
 */
export interface CrawlAssetsBatch {
  kind: 'assets'
  /** The part this batch covers (a database, `topics`, `connectors`...): names errors and progress. */
  part: string
  assets: CatalogAsset[]
  /**
   * Raw sampled values by field URN. In memory only (DESIGN.md §3): the pipeline turns them into
   * ValueStats and masked examples for the store and keeps the raw values in memory for
   * classification and audited reveal. Never logged, never stored, never sent to the renderer.
   * Only scalar values (strings, numbers, booleans, null; dates as ISO strings; binary as base64),
   * at most sampleSize per field.
   */
  samples?: Record<string, unknown[]>
  /** Requests / statements sent for this part, where the connector counts them. */
  statements?: number
  notes?: string[]
}

/** A part that could not be crawled; the other parts are not lost (`database` kept for SQL). */
export interface CrawlPartErrorBatch {
  kind: 'part-error'
  part: string
  error: ApiErrorShape
}

export type CrawlBatch =
  CrawlDatabaseBatch | CrawlErrorBatch | CrawlAssetsBatch | CrawlPartErrorBatch
