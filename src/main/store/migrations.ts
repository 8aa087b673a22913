/**
 * Schema migrations of the SQLite store, applied in order, each once, inside a transaction.
 * Append only: never edit a migration that has shipped; add the next one.
 */
export interface Migration {
  version: number
  description: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'audit log (hash chain + head) and workspace keys',
    sql: `
      CREATE TABLE audit_log (
        seq          INTEGER PRIMARY KEY,
        at           TEXT NOT NULL,
        actor        TEXT NOT NULL,
        action       TEXT NOT NULL,
        target       TEXT,
        subject_hmac TEXT,
        fields       TEXT,
        reason       TEXT,
        details      TEXT,
        prev_hash    TEXT NOT NULL,
        hash         TEXT NOT NULL
      );
      -- Append-only: the app never updates or deletes an entry. Someone with the file can drop
      -- these triggers; the hash chain and the head below are what detect that.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TABLE audit_head (
        id   INTEGER PRIMARY KEY CHECK (id = 1),
        seq  INTEGER NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE TABLE workspace_keys (
        purpose    TEXT PRIMARY KEY,
        key        BLOB NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'catalogue: crawls, deduplicated asset snapshots, current catalogue, search',
    sql: `
      -- One row per crawl of one source; the public id is the integer n as text.
      CREATE TABLE crawls (
        n           INTEGER PRIMARY KEY,
        source      TEXT NOT NULL,
        platform    TEXT NOT NULL,
        status      TEXT NOT NULL,
        started_at  TEXT NOT NULL,
        ended_at    TEXT,
        assets      INTEGER NOT NULL DEFAULT 0,
        fields      INTEGER NOT NULL DEFAULT 0,
        statements  INTEGER,
        duration_ms INTEGER,
        error       TEXT,
        part_errors TEXT
      );
      CREATE INDEX crawls_by_source ON crawls (source, started_at);
      -- Interned URNs keep the per-crawl rows below a few bytes each.
      CREATE TABLE urns (
        id  INTEGER PRIMARY KEY,
        urn TEXT NOT NULL UNIQUE
      );
      -- Asset snapshots, deduplicated by the hash of their canonical JSON: a re-crawl of an
      -- unchanged asset adds no body. drift is the hash of the drift-relevant projection.
      CREATE TABLE asset_bodies (
        id          INTEGER PRIMARY KEY,
        hash        BLOB NOT NULL UNIQUE,
        drift       BLOB NOT NULL,
        urn_id      INTEGER NOT NULL REFERENCES urns (id),
        parent      TEXT,
        kind        TEXT NOT NULL,
        name        TEXT NOT NULL,
        field_count INTEGER NOT NULL,
        search_hash BLOB NOT NULL,
        body        TEXT NOT NULL
      );
      -- Every crawl's snapshot (also failed / cancelled ones, labelled by crawls.status).
      CREATE TABLE crawl_assets (
        crawl   INTEGER NOT NULL REFERENCES crawls (n),
        urn_id  INTEGER NOT NULL,
        body_id INTEGER NOT NULL,
        PRIMARY KEY (crawl, urn_id)
      ) WITHOUT ROWID;
      CREATE TABLE catalog_current (
        source TEXT PRIMARY KEY,
        crawl  INTEGER NOT NULL REFERENCES crawls (n)
      );
      -- The current catalogue, denormalised for the tree; rebuilt per source on commit.
      CREATE TABLE current_assets (
        urn         TEXT PRIMARY KEY,
        source      TEXT NOT NULL,
        platform    TEXT NOT NULL,
        parent      TEXT,
        kind        TEXT NOT NULL,
        name        TEXT NOT NULL,
        field_count INTEGER NOT NULL,
        child_count INTEGER NOT NULL,
        body_id     INTEGER NOT NULL,
        search_hash BLOB NOT NULL
      );
      CREATE INDEX current_assets_by_parent ON current_assets (source, parent, name);
      -- Search: one row per asset and per field of the current catalogue, kept per asset in
      -- step with current_assets (rows of an asset whose searchable text did not change stay).
      CREATE TABLE search_rows (
        id          INTEGER PRIMARY KEY,
        source      TEXT NOT NULL,
        platform    TEXT NOT NULL,
        kind        TEXT NOT NULL,
        urn         TEXT NOT NULL,
        asset_urn   TEXT NOT NULL,
        asset_id    INTEGER NOT NULL,
        field_path  TEXT,
        is_field    INTEGER NOT NULL,
        name        TEXT NOT NULL,
        name_lc     TEXT NOT NULL,
        name_id     INTEGER NOT NULL,
        title       TEXT NOT NULL,
        description TEXT,
        tags        TEXT
      );
      CREATE INDEX search_rows_by_asset ON search_rows (asset_id, is_field);
      CREATE INDEX search_rows_by_name ON search_rows (is_field, name_lc);
      CREATE INDEX search_rows_by_name_id ON search_rows (name_id);
      -- Distinct lower-case names, substring-indexed once however many columns share a name.
      CREATE TABLE search_names (
        id      INTEGER PRIMARY KEY,
        name_lc TEXT NOT NULL UNIQUE
      );
      CREATE VIRTUAL TABLE search_name_text USING fts5 (
        name, tokenize = 'trigram', content = '', contentless_delete = 1
      );
      -- Descriptions and tags of the rows that have any (rowid = search_rows.id).
      CREATE VIRTUAL TABLE search_text USING fts5 (
        description, tags, tokenize = 'trigram', content = '', contentless_delete = 1
      );
    `,
  },
  {
    version: 3,
    description:
      'lineage inference: sketches of keyed hashes of sampled values, per field and variant',
    sql: `
      -- Numbers only (DESIGN.md §3): bottom-k HMAC hashes packed as float64, counts, and the id
      -- format of id variants. Replaced per source when a crawl of it commits.
      CREATE TABLE field_sketches (
        source          TEXT NOT NULL,
        field_urn       TEXT NOT NULL,
        asset_urn       TEXT NOT NULL,
        variant         TEXT NOT NULL,
        hashes          BLOB NOT NULL,
        distinct_count  INTEGER NOT NULL,
        sampled         INTEGER NOT NULL,
        population      INTEGER,
        records_sampled INTEGER,
        id_prefix       TEXT,
        id_width        INTEGER,
        PRIMARY KEY (field_urn, variant)
      );
      CREATE INDEX field_sketches_by_source ON field_sketches (source);
    `,
  },
  {
    version: 4,
    description: 'lookup index: keyed hashes of identifiers in Kafka messages, with positions',
    sql: `
      -- Identifiers as truncated HMACs only (docs/lookup-index.md). Topic and field names are
      -- interned so an entry is ~30 bytes before b-tree overhead.
      CREATE TABLE lookup_index_topics (
        id     INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        topic  TEXT NOT NULL,
        UNIQUE (source, topic)
      );
      CREATE TABLE lookup_index_fields (
        id   INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE
      );
      CREATE TABLE lookup_index_entries (
        hmac      BLOB NOT NULL,
        topic_id  INTEGER NOT NULL,
        partition INTEGER NOT NULL,
        offset    INTEGER NOT NULL,
        field_id  INTEGER NOT NULL,
        PRIMARY KEY (hmac, topic_id, partition, offset, field_id)
      ) WITHOUT ROWID;
      -- Positions are committed with the entries they cover: a crash re-indexes, never skips.
      CREATE TABLE lookup_index_positions (
        topic_id       INTEGER NOT NULL,
        partition      INTEGER NOT NULL,
        next_offset    INTEGER NOT NULL,
        high_watermark INTEGER NOT NULL,
        caught_up_at   TEXT,
        updated_at     TEXT NOT NULL,
        PRIMARY KEY (topic_id, partition)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    description: 'lookup index: the fields each topic was indexed with',
    sql: `
      -- A topic's positions cover only the fields it was indexed with: a field added later has
      -- no entries before them, so the indexer re-reads the topic (docs/lookup-index.md). JSON
      -- array of paths; NULL for topics indexed before this column, whose fields are unknown.
      ALTER TABLE lookup_index_topics ADD COLUMN fields TEXT;
    `,
  },
  {
    version: 6,
    description: 'lookup index: entries counted per topic as they are written',
    sql: `
      -- The index's size for its status: a COUNT(*) of the entries reads the whole table (at
      -- bench scale 36M entries, ~6 s with the app's main thread blocked). Writers add what
      -- each commit inserted and a removal zeroes it; counted here once for an existing index.
      ALTER TABLE lookup_index_topics ADD COLUMN entries INTEGER NOT NULL DEFAULT 0;
      UPDATE lookup_index_topics SET entries = counted.n
        FROM (SELECT topic_id, COUNT(*) AS n FROM lookup_index_entries GROUP BY topic_id) AS counted
        WHERE counted.topic_id = lookup_index_topics.id;
    `,
  },
]
