/**
 * Sightline's lookup index of Kafka topics (issue 7 item 4, docs/lookup-index.md): which
 * messages hold an identifier, for topics whose identifier fields are not the key. Identifiers
 * are stored as keyed hashes only (HMAC-SHA-256 with the workspace key, truncated to 16 bytes,
 * over `kind:canonical`): never a value, never a plain hash. Positions (the next offset to index
 * per partition) are written in the same transaction as the entries they cover, so a crash
 * re-indexes a batch and never skips one.
 */

/** One identifier occurrence: a message of a topic partition holds it in `field`. */
export interface LookupIndexEntry {
  /** 16 bytes: truncated HMAC of `kind:canonical`. */
  hmac: Buffer
  /** The field path inside the message (`customerEmail`, `after.Email`, `key`). */
  field: string
  offset: bigint
}

/** What one indexing step of one partition commits, atomically with the others of its call. */
export interface LookupIndexBatch {
  topic: string
  partition: number
  entries: readonly LookupIndexEntry[]
  /** The next offset to index: every message before it has been indexed. */
  nextOffset: bigint
  /** The partition's high watermark as the indexer last saw it. */
  highWatermark: bigint
}

export interface LookupIndexPosition {
  topic: string
  partition: number
  nextOffset: bigint
  highWatermark: bigint
  /** ISO time the indexer last reached the high watermark it had asked for. */
  caughtUpAt?: string
  updatedAt: string
}

export interface LookupIndexHit {
  topic: string
  partition: number
  offset: bigint
  field: string
}

export interface LookupIndexRepository {
  /** Entries and positions of several partitions of one Kafka source, in one transaction. */
  commit(source: string, batches: readonly LookupIndexBatch[]): Promise<void>
  /** Marks partitions as caught up to `highWatermark` at `at` (the catch-up that got there). */
  markCaughtUp(
    source: string,
    partitions: ReadonlyArray<{ topic: string; partition: number; highWatermark: bigint }>,
    at: string,
  ): Promise<void>
  /**
   * Every stored position of the source (of `topic` alone when given: an index probe asks about
   * one topic of hundreds), by topic then partition.
   */
  positions(source: string, topic?: string): Promise<LookupIndexPosition[]>
  /** Messages holding any of `hmacs`, optionally only in `topics`, oldest first, at most `limit`. */
  find(
    source: string,
    hmacs: readonly Buffer[],
    opts?: { topics?: readonly string[]; limit?: number },
  ): Promise<LookupIndexHit[]>
  /** Entries stored for the source (for freshness and cost reports). */
  count(source: string): Promise<number>
  /**
   * The fields each topic of the source was indexed with (sorted paths), for topics that have
   * any; null where the topic was indexed before fields were recorded.
   */
  topicFields(source: string): Promise<Map<string, string[] | null>>
  /**
   * Records the fields a topic is indexed with; `restart` also drops its positions (its entries
   * stay: they are idempotent), so the next catch-up reads the topic from the start for a field
   * that was not indexed before.
   */
  setTopicFields(
    source: string,
    topic: string,
    fields: readonly string[],
    opts: { restart: boolean },
  ): Promise<void>
  /** Drops topics' entries and positions (a rebuild): one pass for the list, not one each. */
  removeTopics(source: string, topics: readonly string[]): Promise<void>
}
