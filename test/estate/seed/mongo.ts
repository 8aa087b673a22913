import { createReadStream } from 'node:fs'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { MongoClient } from 'mongodb'
import type { Manifest } from '../data/manifest.js'

export function mongoUrl(env: Record<string, string | undefined> = process.env): string {
  return `mongodb://${env.ESTATE_HOST ?? '127.0.0.1'}:${env.SIGHTLINE_MONGO_PORT ?? 57017}/?directConnection=true&serverSelectionTimeoutMS=5000&socketTimeoutMS=300000`
}

/** Timestamps are ISO strings in the JSONL files; in MongoDB they are real dates. */
const DATE_FIELDS = new Set(['at', 'openedAt', 'builtAt'])

function revive(doc: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(doc)) {
    const v = doc[key]
    if (DATE_FIELDS.has(key) && typeof v === 'string') doc[key] = new Date(v)
  }
  return doc
}

/** Collections the seeder writes (not the builder's or the sink's). */
export function seededCollections(
  manifest: Manifest,
): { database: string; collection: string; count: number; file: string }[] {
  return manifest.assets
    .filter((a) => a.kind === 'collection' && a.createdBy === 'seed' && a.dataFile)
    .map((a) => ({
      database: a.path[0]!,
      collection: a.path[1]!,
      count: a.count,
      file: a.dataFile!,
    }))
}

/**
 * singleview.customers (the builder's) and ops.returns (the sink's) are never touched here: they
 * belong to live writers, and dropping a collection under a live writer wedged FerretDB 1.24's
 * SQLite backend (every later command on that database hung). Their owners rebuild them.
 */
const FILLER_DATABASES = ['telemetry', 'archive', 'cms']

export async function mongoMatchesManifest(
  client: MongoClient,
  manifest: Manifest,
): Promise<boolean> {
  for (const c of seededCollections(manifest)) {
    if ((await client.db(c.database).collection(c.collection).countDocuments({})) !== c.count)
      return false
  }
  return true
}

export async function seedMongo(
  client: MongoClient,
  manifest: Manifest,
  dataDir: string,
): Promise<void> {
  const collections = seededCollections(manifest)
  // Per database rather than listDatabases, which would wait on every other database's writers.
  for (const db of FILLER_DATABASES) {
    if ((await client.db(db).listCollections({}, { nameOnly: true }).toArray()).length > 0)
      await client.db(db).dropDatabase()
  }
  for (const c of collections) {
    const collection = client.db(c.database).collection(c.collection)
    await collection.drop().catch(() => undefined)
    let batch: Record<string, unknown>[] = []
    const lines = createInterface({
      input: createReadStream(path.join(dataDir, c.file)),
      crlfDelay: Infinity,
    })
    for await (const line of lines) {
      if (!line) continue
      batch.push(revive(JSON.parse(line) as Record<string, unknown>))
      if (batch.length >= 1000) {
        await collection.insertMany(batch, { ordered: false })
        batch = []
      }
    }
    if (batch.length > 0) await collection.insertMany(batch, { ordered: false })
    // FerretDB creates no collection for an empty file: make it exist anyway, as a real estate would.
    if (c.count === 0)
      await client
        .db(c.database)
        .createCollection(c.collection)
        .catch(() => undefined)
  }
}
