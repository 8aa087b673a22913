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
]
