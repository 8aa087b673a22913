/* eslint-disable @typescript-eslint/no-require-imports -- plain Node probe run without a bundler */
// Deeper health probe of the estate's FerretDB: every database must answer a count within a few
// seconds. FerretDB 1.24 on SQLite has been seen (twice, here) to stop answering on one
// database while the others and buildInfo still answer: every pooled SQLite connection of that
// database open, no lock held. A handshake alone would report it healthy. Prints the stuck
// databases and exits 1 when any database does not answer.
const path = require('node:path')
const { MongoClient } = require(path.join(__dirname, '../../../node_modules/mongodb'))

const uri = process.argv[2] || 'mongodb://127.0.0.1:57017/'
const timeoutMs = Number(process.argv[3] || 4000)

async function main() {
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: timeoutMs,
    socketTimeoutMS: timeoutMs + 1000,
  })
  const stuck = []
  try {
    await client.connect()
    const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true })
    for (const { name } of databases) {
      const db = client.db(name)
      try {
        const collections = await db.listCollections({}, { nameOnly: true }).toArray()
        const first = collections[0]
        if (first) await db.collection(first.name).countDocuments({}, { maxTimeMS: timeoutMs })
      } catch (err) {
        stuck.push(`${name} (${err.message})`)
      }
    }
  } finally {
    await client.close().catch(() => {})
  }
  if (stuck.length > 0) {
    console.log(`databases not answering: ${stuck.join(', ')}`)
    process.exit(1)
  }
  console.log('every database answers')
}

main().catch((err) => {
  console.log(`probe failed: ${err.message}`)
  process.exit(1)
})
