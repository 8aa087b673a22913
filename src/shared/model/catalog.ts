import type { ApiErrorShape } from '../api/errors'
import type { FieldClassification } from './personal-data'
import type { SourceKind } from './sources'

/**
 * The catalogue as the API, the store and the export see it (issue 4). Plain JSON only. Raw
 * sampled values never appear here: they stay in main's memory (DESIGN.md §3); what is stored and
 * shown is statistics and masked examples.
 */

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** Containers (database, schema, cluster) and data assets (table, view, topic, collection...). */
export type AssetKind =
  | 'database' // SQL database, MongoDB database
  | 'schema' // SQL schema
  | 'table'
  | 'view' // SQL view, MongoDB view
  | 'cluster' // a Kafka cluster: brokers, consumer groups
  | 'topic'
  | 'collection'
  | 'connector' // a Kafka Connect connector
  | 'subject' // a schema-registry subject

/** Kinds that hold other assets and appear as folders of the catalogue tree. */
export const CONTAINER_KINDS: readonly AssetKind[] = ['database', 'schema', 'cluster']

/** What a value looked like in the samples (BSON-ish names; JSON values map onto them). */
export type ObservedType =
  | 'string'
  | 'number' // JSON number; Mongo double
  | 'int'
  | 'long'
  | 'decimal'
  | 'boolean'
  | 'date'
  | 'objectId'
  | 'binary'
  | 'object'
  | 'array'
  | 'null'
  | 'undefined'
  | 'other'

export interface FieldTypeCount {
  type: ObservedType
  /** How many sampled values had this type. */
  count: number
}

/** Statistics of a field's sampled values: what the store keeps instead of the values. */
export interface ValueStats {
  /** Values looked at (non-missing). */
  sampled: number
  nulls: number
  /** Distinct non-null values among the sampled ones (exact up to the sample size). */
  distinct: number
  minLength?: number
  maxLength?: number
  /** Masked examples, at most 5 (e.g. `j•••@e••••••.co.uk`, `07•••••••12`). Never a raw value. */
  examples: string[]
}

export interface CatalogField {
  urn: string
  /** Dotted path inside the asset; array elements as `[]`: `after.Email`, `addresses[].postcode`. */
  path: string
  /** The last segment of the path. */
  name: string
  /** 1-based position for relational columns and declared schemas. */
  ordinal?: number
  /** The type as the source declares it (SQL type, Avro / Connect / registry type). */
  declaredType?: string
  /** The types observed in samples, most frequent first (inferred schemas). */
  types?: FieldTypeCount[]
  nullable?: boolean
  /** For inferred schemas: in how many of how many sampled records/documents the path existed. */
  presence?: { seen: number; of: number }
  default?: string
  identity?: { generation?: 'always' | 'by-default'; seed?: string; increment?: string }
  computed?: string
  description?: string
  /** Part of the primary key (relational) / `_id` / the Kafka message key. */
  primaryKey?: boolean
  /** URN of the field this one references (a foreign key column). */
  references?: string
  /** Statistics of sampled values, when values were sampled. */
  values?: ValueStats
  /** Personal-data suggestions of the classifier (issue 5), made inside every crawl. */
  classification?: FieldClassification
}

export interface CatalogKey {
  name: string
  columns: string[]
}

export interface CatalogForeignKey extends CatalogKey {
  references: string
  referencedColumns: string[]
}

export interface CatalogIndex {
  name: string
  columns: string[]
  unique: boolean
  primary: boolean
  method?: string
}

/** Counts as the source reports them; each optional because not every kind has each. */
export interface AssetCounts {
  rows?: number
  messages?: number
  documents?: number
  partitions?: number
  /** Records / documents / messages whose values were sampled for this crawl. */
  sampled?: number
  /** Child assets, for containers. */
  children?: number
}

export interface CatalogAsset {
  urn: string
  source: string
  platform: SourceKind
  kind: AssetKind
  /** URN of the containing asset; absent for top-level assets of a source. */
  parent?: string
  name: string
  /** Names from the source down to this asset: `['crm', 'dbo', 'Customer']`. */
  path: string[]
  description?: string
  counts?: AssetCounts
  primaryKey?: CatalogKey
  uniqueKeys?: CatalogKey[]
  foreignKeys?: CatalogForeignKey[]
  indexes?: CatalogIndex[]
  /**
   * Kind-specific facts, documented in docs/catalog-export.md: `cdc`, `temporal` (tables);
   * `configs`, `partitions`, `consumerGroups`, `encoding`, `schemaSource` (topics); `class`, `type`,
   * `config` (passwords redacted), `status`, `tasks`, `topics` (connectors); `versions`,
   * `schemaType`, `topic` (subjects); `brokers`, `consumerGroups` (clusters); `validator`,
   * `viewOn`, `pipeline` (MongoDB views)...
   */
  properties?: Record<string, JsonValue>
  tags?: string[]
  fields: CatalogField[]
  /** Why the picture of this asset is incomplete (permission, sample cap, decode failures...). */
  notes?: string[]
}

/** Owners and domains from catalog/owners.yaml, resolved for one asset. */
export interface AssetOwnership {
  owner?: { id: string; name?: string; contact?: string }
  domain?: { id: string; description?: string }
  /** The owners.yaml rule that matched (a URN or a glob). */
  matchedBy?: string
}

export type CrawlStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'cancelled'

/** One crawl of one source. */
export interface CrawlSummary {
  id: string
  source: string
  platform: SourceKind
  status: CrawlStatus
  startedAt: string
  endedAt?: string
  /** Assets committed (or, for failed/cancelled crawls, gathered before the end). */
  assets: number
  fields: number
  /** Catalogue statements / requests sent, where the connector counts them. */
  statements?: number
  durationMs?: number
  /** Whether this crawl is the source's current catalogue. */
  current: boolean
  error?: ApiErrorShape
  /** Parts that failed while the rest was committed (a database, a topic...). */
  partErrors?: Array<{ part: string; error: ApiErrorShape }>
}

/** Progress of one source inside a crawl job, pushed as the job's `job.partial`. */
export interface CrawlSourceProgress {
  source: string
  platform: SourceKind
  state: 'queued' | 'running' | 'succeeded' | 'partial' | 'failed' | 'cancelled'
  /** Parts (databases, topics, collections...) done and known so far. */
  done: number
  total?: number
  assets: number
  message?: string
  crawlId?: string
  error?: ApiErrorShape
}

/** The final result of a crawl job. */
export interface CrawlJobResult {
  crawls: CrawlSummary[]
}

/** A node of the catalogue tree: a source, a container or an asset. */
export interface CatalogTreeNode {
  /** A source node's id is `source:<name>`; others are asset URNs. */
  id: string
  kind: AssetKind | 'source'
  name: string
  source: string
  platform: SourceKind
  /** Children known to exist (0 for leaves). */
  childCount: number
  /** For leaves: fields; for sources: the last crawl's status. */
  fieldCount?: number
  status?: CrawlStatus | 'never-crawled'
}

export interface CatalogSearchHit {
  urn: string
  assetUrn: string
  kind: AssetKind
  source: string
  platform: SourceKind
  /** Display path: `crm.dbo.Customer` or `crm.dbo.Customer › Email`. */
  title: string
  /** Where the text matched: the asset's name, a field, a description, a tag. */
  matched: 'asset' | 'field' | 'description' | 'tag'
  fieldPath?: string
  /** Text around the match with `«` and `»` marking it. */
  snippet?: string
}

export interface CatalogAssetView {
  asset: CatalogAsset
  ownership: AssetOwnership
  crawl: CrawlSummary
  /** Whether raw samples of this asset are in this process's memory, so a reveal can work. */
  samplesInMemory: boolean
}

export type ChangeKind = 'added' | 'removed' | 'changed'

export interface FieldChange {
  path: string
  change: ChangeKind
  /** For changed fields: what changed, e.g. `declaredType: int -> bigint`, `nullable: false -> true`. */
  details?: string[]
  before?: Pick<CatalogField, 'declaredType' | 'types' | 'nullable'>
  after?: Pick<CatalogField, 'declaredType' | 'types' | 'nullable'>
}

export interface AssetChange {
  urn: string
  kind: AssetKind
  source: string
  change: ChangeKind
  /** Asset-level changes (description, keys, counts aside): `primaryKey: (Id) -> (Id, Ver)`. */
  details?: string[]
  fields: FieldChange[]
}

export interface CatalogDiff {
  source?: string
  from?: Pick<CrawlSummary, 'id' | 'source' | 'startedAt'>
  to?: Pick<CrawlSummary, 'id' | 'source' | 'startedAt'>
  summary: {
    added: number
    removed: number
    changed: number
    fieldsAdded: number
    fieldsRemoved: number
    fieldsChanged: number
  }
  changes: AssetChange[]
}

/** A team that owns sources and assets (catalog/owners.yaml). */
export interface OwnerTeam {
  id: string
  name?: string
  contact?: string
}

export interface Domain {
  id: string
  description?: string
}

/**
 * One assignment rule. `match` is a URN (the asset and, for containers, everything under it) or
 * a glob over URNs (`*` within a segment, `**` across segments). The most specific rule wins:
 * exact URN, then the longest matching prefix or glob.
 */
export interface OwnershipRule {
  match: string
  owner?: string
  domain?: string
}

export interface OwnersView {
  teams: OwnerTeam[]
  domains: Domain[]
  rules: OwnershipRule[]
}
