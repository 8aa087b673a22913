import type { ConnectionCheck, SourceKind } from '../../shared/api'
import type { CrawlBatch, CrawlOptions, ResolvedSourceRef } from './crawl-model'

export type { CrawlBatch, CrawlOptions } from './crawl-model'

/** A source with its env references resolved and its secret attached: lives in main only. */
export interface ResolvedSource {
  name: string
  kind: SourceKind
  /** Connection URL without password, env references already resolved. */
  url: string
  username?: string
  password?: string
  /** Kind-specific non-secret options, e.g. `tls`, `sasl.mechanism`, `databases`. */
  options: Record<string, string | number | boolean>
}

/** Every connector I/O is cancellable and bounded (DESIGN.md §3). */
export interface CheckOptions {
  signal?: AbortSignal
  /** Default 10 000 ms (DEFAULT_CHECK_TIMEOUT_MS). */
  timeoutMs?: number
}

export const DEFAULT_CHECK_TIMEOUT_MS = 10_000

/**
 * One step of a customer lookup, as a connector executes it (issue 7): find the records of one
 * asset whose field matches one of `values`. Connectors build PARAMETERISED queries and typed
 * filters from it (never strings from user input), read-only, capped at `rowCap` records.
 */
export interface LookupQuery {
  /** The table, topic or collection: its path as in the catalogue (`['crm','dbo','Customer']`). */
  assetPath: string[]
  /** The field's path inside the asset (`Email`, `contact.email`, `key.CustomerId`). */
  fieldPath: string
  /** Candidate values (already transformed by the planner); a record matches any one of them. */
  values: Array<string | number>
  match: import('../../shared/model/lookup').StepMatch
  /** Kafka: the partition to read (keyed lookups) or explicit offsets from the lookup index. */
  partition?: number
  offsets?: Array<{ partition: number; offset: string }>
  /** Kafka keyed lookups: the exact serialized key bytes (hex) to match. */
  keyBytesHex?: string[]
  /**
   * Kafka keyed lookups: read the partition from this offset instead of the earliest, because
   * the lookup index already covers what comes before it (its position for the partition), and
   * its hits come in `offsets` of the same query.
   */
  fromOffset?: string
  /**
   * Kafka keyed lookups without the lookup index: read only the newest `tailMessages` messages
   * of the partition (a bound, not completeness: the outcome's `incomplete` says what was left).
   */
  tailMessages?: number
  /** Fields to return (paths); all when absent. */
  fields?: string[]
  /**
   * Kafka: the schema registry Avro values are decoded with (the source named by the Kafka
   * source's `options.schemaRegistry`), resolved by the caller as the crawl pipeline resolves it
   * for `CrawlOptions.schemaRegistry`. Without it a registry-framed value reads as undecoded.
   */
  schemaRegistry?: ResolvedSourceRef
  rowCap: number
  timeoutMs: number
}

/** One record a connector found. Raw values: main's memory only, never logged or stored. */
export interface LookupHit {
  /** Primary-key values, `_id`, or `{ topic, partition, offset }`. */
  recordKey: Record<string, import('../../shared/model/catalog').JsonValue>
  /** Field path -> raw value (nested documents flattened to dotted paths, arrays as `x[]`). */
  values: Record<string, unknown>
  timestamp?: string
}

/** What a lookup call reports beside its hits. */
export interface LookupOutcome {
  hits: LookupHit[]
  /** True when `rowCap` cut the answer short. */
  capped: boolean
  /** Kafka: bytes fetched. */
  bytesFetched?: number
  /** Statements / requests sent. */
  statements?: number
  /** What was deliberately not read, in words (a bounded Kafka read without the index). */
  incomplete?: string
}

/**
 * One connector per source (DESIGN.md §3). Connectors only read, never write to a source or the
 * store, and translate every driver error once, into the shared codes of src/shared/api/errors.
 */
export interface Connector {
  readonly kind: SourceKind
  /**
   * Reachability, authentication, server version and latency (one real request's round trip).
   * Never rejects for connection problems: resolves `ok: false` with a translated error. Closes
   * everything it opened before resolving, and resolves within `timeoutMs` (plus a short close).
   */
  check(opts?: CheckOptions): Promise<ConnectionCheck>
  /** Optional only until the crawl issue lands: that issue makes crawl required. */
  crawl?(opts: CrawlOptions): AsyncIterable<CrawlBatch>
  /** Only for kinds that can look a customer up (lookup issue). */
  lookup?(q: LookupQuery, opts: { signal?: AbortSignal }): Promise<LookupOutcome>
  /** Releases anything the connector keeps open between calls. Idempotent. */
  close(): Promise<void>
}
