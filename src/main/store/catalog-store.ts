import type { AuditEntry } from '../../shared/model/audit'
import type { CatalogRepository } from './catalog-repository'
import type { LookupIndexRepository } from './lookup-index-repository'
import type { SketchRepository } from './sketch-repository'

/**
 * The store as the rest of main sees it (DESIGN.md §6). SQLite is the default implementation;
 * nothing here is SQL so that a MongoDB store for a shared team catalogue can follow. Methods
 * are async for that reason even where SQLite answers synchronously.
 */
export interface CatalogStore {
  readonly audit: AuditRepository
  /** Crawls and the catalogue (issue 4). */
  readonly catalog: CatalogRepository
  /** Sketches of sampled values for lineage inference (issue 6). */
  readonly sketches: SketchRepository
  /** The lookup index of Kafka topics' identifiers, as keyed hashes (issue 7 item 4). */
  readonly lookupIndex: LookupIndexRepository
  /**
   * The workspace's 32-byte HMAC key (identifiers in the audit log and indexes are HMACs with
   * it), created at random on first use. The desktop app may later wrap it with safeStorage.
   */
  workspaceKey(): Promise<Buffer>
  close(): Promise<void>
}

/** The last entry of the chain, as the append builds the next one from it. */
export interface AuditHead {
  seq: number
  hash: string
}

export interface AuditRepository {
  /**
   * Appends atomically: `build` receives the current head and returns the complete entry, and
   * no other append can slip in between.
   */
  append(build: (head: AuditHead | undefined) => AuditEntry): Promise<AuditEntry>
  /** Newest first. */
  list(query: { limit: number; beforeSeq?: number }): Promise<AuditEntry[]>
  /** Oldest first, every entry: for verification. */
  all(): Promise<AuditEntry[]>
  /** The head recorded alongside the chain, to notice entries removed from its end. */
  recordedHead(): Promise<AuditHead | undefined>
}
