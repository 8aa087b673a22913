/**
 * Generates (cached) and seeds the estate: PostgreSQL crm / orders / legacy (and the bench
 * scale's filler databases) and the FerretDB collections fraud.cases, callcentre.interactions,
 * marketing.segments (and bench filler collections). Run by test/estate/seed/run.sh.
 *
 * Idempotent: when PostgreSQL's marker (the crm database's comment) holds this manifest's
 * content hash and MongoDB holds the manifest's counts, it does nothing. Any other scale or
 * seed drops and recreates everything it owns. Derived data (Kafka topics, singleview.customers,
 * ops.returns) is left to its owners (streams/run.sh, the builder, the sink).
 */
import path from 'node:path'
import { MongoClient } from 'mongodb'
import { generate } from '../data/generate.js'
import { mongoMatchesManifest, mongoUrl, seedMongo } from './mongo.js'
import { pgSettings, seedPostgres, seededHash, setSeededHash } from './postgres.js'

function log(message: string): void {
  process.stderr.write(`[seed ${new Date().toISOString().slice(11, 19)}] ${message}\n`)
}

const started = Date.now()
const estateDir =
  process.env.SIGHTLINE_ESTATE_DIR ??
  path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../.estate')
const { manifest, cached, dir } = await generate({
  scale: process.env.SIGHTLINE_ESTATE_SCALE ?? 'small',
  seed: process.env.SIGHTLINE_ESTATE_SEED ?? '20261126',
  root: path.join(estateDir, 'data'),
})
log(
  `${cached ? 'cached' : 'generated'} data scale=${manifest.scale} seed=${manifest.seed} in ${dir}`,
)

const pgConfig = pgSettings()
const mongo = new MongoClient(mongoUrl())
await mongo.connect()
try {
  const pgSeeded = (await seededHash(pgConfig)) === manifest.contentHash
  if (pgSeeded && (await mongoMatchesManifest(mongo, manifest))) {
    log(`already seeded with ${manifest.contentHash.slice(0, 12)}: nothing to do`)
  } else {
    if (!pgSeeded) {
      // Clear the marker first: a seed that dies half-way must not look complete.
      await setSeededHash(pgConfig, null)
      log('seeding PostgreSQL')
      await seedPostgres(pgConfig, manifest, dir)
    }
    log('seeding FerretDB')
    await seedMongo(mongo, manifest, dir)
    await setSeededHash(pgConfig, manifest.contentHash)
    log(
      `seeded ${manifest.counts.customers} customers in ${((Date.now() - started) / 1000).toFixed(1)}s`,
    )
  }
} finally {
  await mongo.close()
}
