import type Database from 'better-sqlite3'
import type {
  LookupIndexBatch,
  LookupIndexHit,
  LookupIndexPosition,
  LookupIndexRepository,
} from './lookup-index-repository'

interface PositionRow {
  topic: string
  partition: number
  next_offset: number
  high_watermark: number
  caught_up_at: string | null
  updated_at: string
}

/** SQLite's `IN (?, ?...)` lists stay well under its variable limit. */
const HMACS_PER_QUERY = 200

/** The lookup index tables of the SQLite store (migration 4). */
export class SqliteLookupIndexRepository implements LookupIndexRepository {
  private readonly topicIds = new Map<string, number>()
  private readonly fieldIds = new Map<string, number>()
  /** `find` statements by number of HMACs: prepared once, a probe is then one b-tree seek. */
  private readonly finders = new Map<number, Database.Statement>()
  private readonly topicFinders = new Map<number, Database.Statement>()
  private counter: Database.Statement | undefined

  constructor(private readonly db: Database.Database) {
    // Entries go in at random keys (HMACs): at bench scale (~1 GB) SQLite's default 2 MB page
    // cache re-reads a page per insert. 64 MB keeps the b-tree's inner pages and a hot share of
    // leaves (docs/lookup-design.md §3). The connection is the store's: its other reads gain.
    db.pragma('cache_size = -65536')
  }

  /**
   * Positions per source as last read, valid while nothing was written: every index probe of a
   * lookup reads them (lookup-index-manager.ts), ~0.4 ms each on 70 rows, a dozen a lookup.
   * `writes` counts this connection's writes, data_version another connection's.
   */
  private readonly positionsRead = new Map<
    string,
    { writes: number; version: number; rows: LookupIndexPosition[] }
  >()
  private writes = 0

  /** Prepared once: `db.pragma()` prepares its statement on every call (~25 µs each). */
  private dataVersionQuery: Database.Statement | undefined

  private dataVersion(): number {
    this.dataVersionQuery ??= this.db.prepare('PRAGMA data_version').pluck()
    return this.dataVersionQuery.get() as number
  }

  /** A topic's id, stored first if it is new (a commit's). */
  private topicId(source: string, topic: string): number {
    const known = this.storedTopicId(source, topic)
    if (known !== undefined) return known
    this.db
      .prepare('INSERT OR IGNORE INTO lookup_index_topics (source, topic) VALUES (?, ?)')
      .run(source, topic)
    return this.storedTopicId(source, topic)!
  }

  private fieldId(path: string): number {
    let id = this.fieldIds.get(path)
    if (id === undefined) {
      this.db.prepare('INSERT OR IGNORE INTO lookup_index_fields (path) VALUES (?)').run(path)
      id = (
        this.db.prepare('SELECT id FROM lookup_index_fields WHERE path = ?').get(path) as {
          id: number
        }
      ).id
      this.fieldIds.set(path, id)
    }
    return id
  }

  async commit(source: string, batches: readonly LookupIndexBatch[]): Promise<void> {
    const insert = this.db.prepare(`INSERT OR IGNORE INTO lookup_index_entries
      (hmac, topic_id, partition, offset, field_id) VALUES (?, ?, ?, ?, ?)`)
    const position = this.db.prepare(`INSERT INTO lookup_index_positions
      (topic_id, partition, next_offset, high_watermark, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (topic_id, partition) DO UPDATE
        SET next_offset = MAX(next_offset, excluded.next_offset),
        high_watermark = excluded.high_watermark, updated_at = excluded.updated_at`)
    const counted = this.db.prepare(
      'UPDATE lookup_index_topics SET entries = entries + ? WHERE id = ?',
    )
    const now = new Date().toISOString()
    this.writes++
    // Positions only move forward: two members indexing one partition during a rebalance, or a
    // re-run of an old batch, never move it back (entries are idempotent by their key).
    this.db
      .transaction(() => {
        for (const b of batches) {
          const topicId = this.topicId(source, b.topic)
          let added = 0
          for (const e of b.entries)
            added += insert.run(
              e.hmac,
              topicId,
              b.partition,
              e.offset,
              this.fieldId(e.field),
            ).changes
          if (added > 0) counted.run(added, topicId)
          position.run(topicId, b.partition, b.nextOffset, b.highWatermark, now)
        }
      })
      .immediate()
  }

  async markCaughtUp(
    source: string,
    partitions: ReadonlyArray<{ topic: string; partition: number; highWatermark: bigint }>,
    at: string,
  ): Promise<void> {
    this.writes++
    const update = this.db.prepare(`UPDATE lookup_index_positions SET caught_up_at = ?,
      high_watermark = MAX(high_watermark, ?) WHERE topic_id = ? AND partition = ?`)
    this.db
      .transaction(() => {
        for (const p of partitions)
          update.run(at, p.highWatermark, this.topicId(source, p.topic), p.partition)
      })
      .immediate()
  }

  async positions(source: string, topic?: string): Promise<LookupIndexPosition[]> {
    const version = this.dataVersion()
    const kept = this.positionsRead.get(source)
    const rows =
      kept && kept.writes === this.writes && kept.version === version
        ? kept.rows
        : this.readPositions(source)
    if (rows !== kept?.rows) this.positionsRead.set(source, { writes: this.writes, version, rows })
    // Copies: a caller may change what it is given.
    const out: LookupIndexPosition[] = []
    for (const p of rows) if (topic === undefined || p.topic === topic) out.push({ ...p })
    return out
  }

  private readPositions(source: string): LookupIndexPosition[] {
    const rows = this.db
      .prepare(
        `SELECT t.topic, p.partition, p.next_offset, p.high_watermark, p.caught_up_at, p.updated_at
         FROM lookup_index_positions p JOIN lookup_index_topics t ON t.id = p.topic_id
         WHERE t.source = ? ORDER BY t.topic, p.partition`,
      )
      .all(source) as PositionRow[]
    return rows.map((r) => ({
      topic: r.topic,
      partition: r.partition,
      nextOffset: BigInt(r.next_offset),
      highWatermark: BigInt(r.high_watermark),
      ...(r.caught_up_at !== null ? { caughtUpAt: r.caught_up_at } : {}),
      updatedAt: r.updated_at,
    }))
  }

  async find(
    source: string,
    hmacs: readonly Buffer[],
    opts: { topics?: readonly string[]; limit?: number } = {},
  ): Promise<LookupIndexHit[]> {
    const limit = opts.limit ?? 10_000
    if (opts.topics) {
      // Topic by topic, in topic order as below: each a seek on (hmac, topic_id).
      const hits: LookupIndexHit[] = []
      for (const topic of [...new Set(opts.topics)].sort()) {
        if (hits.length > limit) break
        hits.push(...this.findInTopic(source, topic, hmacs, limit))
      }
      return hits.slice(0, limit)
    }
    const hits: LookupIndexHit[] = []
    for (let i = 0; i < hmacs.length; i += HMACS_PER_QUERY) {
      const chunk = hmacs.slice(i, i + HMACS_PER_QUERY)
      const rows = this.finder(chunk.length).all(...chunk, source, limit + 1) as Array<{
        topic: string
        partition: number
        offset: number
        field: string
      }>
      for (const r of rows) {
        hits.push({
          topic: r.topic,
          partition: r.partition,
          offset: BigInt(r.offset),
          field: r.field,
        })
      }
    }
    return hits.slice(0, limit)
  }

  /**
   * `find` within one topic (an index probe asks about one): the entries' key starts (hmac,
   * topic_id), so this is a seek per HMAC. Filtering by topic after the query read every topic's
   * entries for the HMAC, and a customer's number sits in a dozen topics, each probed in turn.
   */
  private findInTopic(
    source: string,
    topic: string,
    hmacs: readonly Buffer[],
    limit: number,
  ): LookupIndexHit[] {
    const topicId = this.storedTopicId(source, topic)
    if (topicId === undefined) return []
    const hits: LookupIndexHit[] = []
    for (let i = 0; i < hmacs.length && hits.length <= limit; i += HMACS_PER_QUERY) {
      const chunk = hmacs.slice(i, i + HMACS_PER_QUERY)
      const rows = this.topicFinder(chunk.length).all(...chunk, topicId, limit + 1) as Array<{
        partition: number
        offset: number
        field: string
      }>
      for (const r of rows)
        hits.push({ topic, partition: r.partition, offset: BigInt(r.offset), field: r.field })
    }
    return hits.slice(0, limit)
  }

  /** A topic's id if it was ever stored (ids are never reused: removal keeps the row). */
  private storedTopicId(source: string, topic: string): number | undefined {
    const key = `${source}\u0000${topic}`
    const known = this.topicIds.get(key)
    if (known !== undefined) return known
    const row = this.db
      .prepare('SELECT id FROM lookup_index_topics WHERE source = ? AND topic = ?')
      .get(source, topic) as { id: number } | undefined
    if (row) this.topicIds.set(key, row.id)
    return row?.id
  }

  private topicFinder(n: number): Database.Statement {
    let stmt = this.topicFinders.get(n)
    if (!stmt) {
      stmt = this.db.prepare(
        `SELECT e.partition, e.offset, f.path AS field
         FROM lookup_index_entries e
         JOIN lookup_index_fields f ON f.id = e.field_id
         WHERE e.hmac IN (${Array.from({ length: n }, () => '?').join(', ')}) AND e.topic_id = ?
         ORDER BY e.partition, e.offset LIMIT ?`,
      )
      if (this.topicFinders.size < 32) this.topicFinders.set(n, stmt)
    }
    return stmt
  }

  private finder(n: number): Database.Statement {
    let stmt = this.finders.get(n)
    if (!stmt) {
      // Placeholders only: the statement's shape depends on the count, never on a value.
      stmt = this.db.prepare(
        `SELECT t.topic, e.partition, e.offset, f.path AS field
         FROM lookup_index_entries e
         JOIN lookup_index_topics t ON t.id = e.topic_id
         JOIN lookup_index_fields f ON f.id = e.field_id
         WHERE e.hmac IN (${Array.from({ length: n }, () => '?').join(', ')}) AND t.source = ?
         ORDER BY t.topic, e.partition, e.offset LIMIT ?`,
      )
      if (this.finders.size < 32) this.finders.set(n, stmt)
    }
    return stmt
  }

  /** Entries per source, as the writers counted them per topic (migration 6). */
  async count(source: string): Promise<number> {
    this.counter ??= this.db.prepare(
      'SELECT COALESCE(SUM(entries), 0) AS n FROM lookup_index_topics WHERE source = ?',
    )
    const row = this.counter.get(source) as { n: number }
    return row.n
  }

  async topicFields(source: string): Promise<Map<string, string[] | null>> {
    const rows = this.db
      .prepare('SELECT topic, fields FROM lookup_index_topics WHERE source = ?')
      .all(source) as Array<{ topic: string; fields: string | null }>
    return new Map(
      rows.map((r) => [r.topic, r.fields === null ? null : (JSON.parse(r.fields) as string[])]),
    )
  }

  async setTopicFields(
    source: string,
    topic: string,
    fields: readonly string[],
    opts: { restart: boolean },
  ): Promise<void> {
    const topicId = this.topicId(source, topic)
    this.writes++
    this.db
      .transaction(() => {
        this.db
          .prepare('UPDATE lookup_index_topics SET fields = ? WHERE id = ?')
          .run(JSON.stringify([...fields].sort()), topicId)
        if (opts.restart)
          this.db.prepare('DELETE FROM lookup_index_positions WHERE topic_id = ?').run(topicId)
      })
      .immediate()
  }

  async removeTopics(source: string, topics: readonly string[]): Promise<void> {
    const ids = (
      this.db
        .prepare(
          `SELECT t.id FROM lookup_index_topics t, json_each(?) j
           WHERE t.source = ? AND t.topic = j.value`,
        )
        .all(JSON.stringify(topics), source) as Array<{ id: number }>
    ).map((r) => r.id)
    if (ids.length === 0) return
    const list = JSON.stringify(ids)
    this.writes++
    this.db
      .transaction(() => {
        // Entries are keyed by HMAC first, so a topic's entries are spread through the table and
        // deleting them reads all of it: once for the whole list, not once per topic (a rebuild
        // of the bench estate's 200 topics was 200 reads of 36 million entries). When no other
        // topic is stored the table is emptied, which SQLite does without visiting its rows.
        const others = this.db
          .prepare(
            'SELECT COUNT(*) AS n FROM lookup_index_topics WHERE id NOT IN (SELECT value FROM json_each(?))',
          )
          .get(list) as { n: number }
        if (others.n === 0) this.db.prepare('DELETE FROM lookup_index_entries').run()
        else
          this.db
            .prepare(
              'DELETE FROM lookup_index_entries WHERE topic_id IN (SELECT value FROM json_each(?))',
            )
            .run(list)
        this.db
          .prepare(
            'DELETE FROM lookup_index_positions WHERE topic_id IN (SELECT value FROM json_each(?))',
          )
          .run(list)
        this.db
          .prepare(
            'UPDATE lookup_index_topics SET fields = NULL, entries = 0 WHERE id IN (SELECT value FROM json_each(?))',
          )
          .run(list)
      })
      .immediate()
  }
}
