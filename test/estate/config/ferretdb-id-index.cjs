/* eslint-disable @typescript-eslint/no-require-imports -- plain Node script run without a bundler */
// Gives every FerretDB collection of the estate an `_id` index its own queries can use.
//
// Why: FerretDB 1.24's SQLite backend creates each collection's unique `_id` index on the
// expression `_ferretdb_sjson->"_id"`, but pushes an `{ _id: <string> }` filter down as
// `WHERE _ferretdb_sjson->'$._id' = ?`. SQLite matches index expressions textually, so the index
// is never used and every `_id` point read scans the whole table (20-57 s on the bench estate's
// 1,000,000 single-view documents, bench/results/lookup.md). Real MongoDB answers `_id` from its
// index, and the lookup design (docs/lookup-design.md §4) rests on `_id` point reads; so the
// estate adds the index FerretDB meant to have, in the expression its queries use. This is a fix
// to the estate's server (FerretDB's own data files, never through the product), idempotent, and
// invisible to FerretDB's metadata (it lists indexes from its own table, not SQLite's schema).
//
// Usage: node ferretdb-id-index.cjs DATA_DIR [WAIT_FOR=db.coll,...] [WAIT_SECONDS]
// WAIT_FOR names collections created by live writers (the single-view builder, the sink) that
// may not exist yet when the estate's start-up reaches this step; the script waits for them.
const fs = require('node:fs')
const path = require('node:path')
const Database = require(path.join(__dirname, '../../../node_modules/better-sqlite3'))

const dataDir = process.argv[2]
const waitFor = (process.argv[3] || '').split(',').filter(Boolean)
const waitSeconds = Number(process.argv[4] || 60)
if (!dataDir) {
  console.error('usage: ferretdb-id-index.cjs DATA_DIR [db.coll,...] [WAIT_SECONDS]')
  process.exit(2)
}

/** FerretDB's table for each collection of one database file. */
function collectionTables(db) {
  const hasMetadata = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_ferretdb_collections'")
    .get()
  if (!hasMetadata) return []
  return db.prepare('SELECT name, table_name AS tableName FROM _ferretdb_collections').all()
}

function indexDatabase(file) {
  const db = new Database(file, { timeout: 30_000 })
  try {
    const created = []
    for (const { name, tableName } of collectionTables(db)) {
      const index = `${tableName}__id_pushdown`
      const exists = db
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?")
        .get(index)
      if (exists) continue
      // Names come from FerretDB's own metadata table; quoted as identifiers all the same.
      db.exec(
        `CREATE INDEX IF NOT EXISTS "${index.replaceAll('"', '""')}" ON "${tableName.replaceAll('"', '""')}" (_ferretdb_sjson->'$._id')`,
      )
      created.push(name)
    }
    return created
  } finally {
    db.close()
  }
}

function existingCollections() {
  const found = new Set()
  for (const file of fs.readdirSync(dataDir).filter((f) => f.endsWith('.sqlite'))) {
    const db = new Database(path.join(dataDir, file), { readonly: true, timeout: 30_000 })
    try {
      for (const { name } of collectionTables(db)) found.add(`${file.slice(0, -7)}.${name}`)
    } finally {
      db.close()
    }
  }
  return found
}

async function main() {
  const deadline = Date.now() + waitSeconds * 1000
  for (;;) {
    const have = existingCollections()
    const missing = waitFor.filter((c) => !have.has(c))
    if (missing.length === 0) break
    if (Date.now() > deadline) {
      console.log(`not created yet, left without the index: ${missing.join(', ')}`)
      break
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  let total = 0
  for (const file of fs.readdirSync(dataDir).filter((f) => f.endsWith('.sqlite'))) {
    const created = indexDatabase(path.join(dataDir, file))
    total += created.length
    if (created.length > 0)
      console.log(
        `${file}: _id index for ${created.length > 5 ? `${created.length} collections` : created.join(', ')}`,
      )
  }
  console.log(`${total} _id index(es) created`)
}

main().catch((err) => {
  console.error(err.message)
  process.exit(1)
})
