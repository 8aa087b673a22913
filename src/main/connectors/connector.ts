import type { ConnectionCheck, SourceKind } from '../../shared/api'
import type { CrawlBatch, CrawlOptions } from './crawl-model'

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

/** Placeholder until the lookup issue defines queries and hits. */
export interface LookupQuery {
  [key: string]: unknown
}
export interface LookupHit {
  [key: string]: unknown
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
  lookup?(q: LookupQuery, opts: { signal?: AbortSignal }): Promise<LookupHit[]>
  /** Releases anything the connector keeps open between calls. Idempotent. */
  close(): Promise<void>
}
