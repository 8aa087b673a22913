import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConnector } from '../../../src/main/connectors'
import type {
  CrawlAssetsBatch,
  CrawlBatch,
  CrawlOptions,
} from '../../../src/main/connectors/crawl-model'
import { ApiError } from '../../../src/shared/api'
import type { CatalogAsset } from '../../../src/shared/model/catalog'
import { estateEnv, REPO_ROOT, serviceAvailable } from '../../support/estate'
import { HOST, PORTS, refusedPort, source } from './estate-sources'

/**
 * The MongoDB crawl against the estate's FerretDB (issue 4): the singleview database against the
 * estate manifest's document paths, and the faults — a ~16 MB document, a document nested 100
 * deep, a collection of 10,000 distinct field names (fixtures of a `sightline_test_` database this
 * file creates through its own admin client and drops), an unreachable server, a cancel.
 */
const up = await serviceAvailable('FerretDB', HOST, PORTS.mongo)
const MONGO_URL = `mongodb://${HOST}:${PORTS.mongo}/`
const TEST_DB = `sightline_test_${randomBytes(4).toString('hex')}`
const BIG_STRING = 16 * 1024 * 1024 - 4096

async function crawl(
  url: string,
  opts: CrawlOptions = {},
  options: Record<string, string | number | boolean> = {},
): Promise<CrawlBatch[]> {
  const connector = createConnector(source('mongodb', url, { name: 'singleview', options }))
  const out: CrawlBatch[] = []
  try {
    for await (const batch of connector.crawl!({ timeoutMs: 30_000, ...opts })) out.push(batch)
  } finally {
    await connector.close()
  }
  return out
}
const assetsOf = (batches: CrawlBatch[]) =>
  batches.filter((b): b is CrawlAssetsBatch => b.kind === 'assets').flatMap((b) => b.assets)
const byName = (assets: CatalogAsset[], name: string) => {
  const asset = assets.find((a) => a.name === name)
  if (!asset) throw new Error(`no asset ${name} in ${assets.map((a) => a.name).join(', ')}`)
  return asset
}

async function rejectionOf(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (err) {
    if (err instanceof ApiError) return err
    throw err
  }
  throw new Error('the crawl did not fail')
}

describe.skipIf(!up)('MongoDB crawl (FerretDB)', () => {
  let admin: MongoClient

  beforeAll(async () => {
    // Fixtures go through this admin client; the product's own connection only reads.
    admin = new MongoClient(MONGO_URL, {
      serverSelectionTimeoutMS: 10_000,
      socketTimeoutMS: 120_000,
    })
    await admin.connect()
    const db = admin.db(TEST_DB)
    await db.collection('plain').insertMany(
      Array.from({ length: 20 }, (_, i) => ({
        _id: i as never,
        name: `n${i}`,
        contact: { email: `p${i}@example.com`, ...(i % 2 ? { phone: '0700' } : {}) },
        tags: ['a', 'b'],
      })),
    )
    await db
      .collection('plain')
      .createIndex({ 'contact.email': 1 }, { unique: true, name: 'email_1' })
    await db.collection('big').insertMany([
      { _id: 1 as never, small: true },
      { _id: 2 as never, blob: 'x'.repeat(BIG_STRING), note: 'just under 16 MiB' },
      { _id: 3 as never, small: false },
    ])
    let deep: Record<string, unknown> = { leaf: 'bottom' }
    for (let i = 0; i < 99; i++) deep = { n: deep }
    await db.collection('deep').insertMany([
      { _id: 1 as never, deep },
      { _id: 2 as never, flat: 1 },
    ])
    // A field that turns up only after the 60th document: the first sample's second half sees it.
    await db.collection('growing').insertMany(
      Array.from({ length: 300 }, (_, i) => ({
        _id: i as never,
        a: i,
        ...(i >= 60 ? { late: true } : {}),
      })),
    )
    // 100 documents of 100 distinct names each: 10,000 names in total.
    await db.collection('wide').insertMany(
      Array.from({ length: 100 }, (_, d) => {
        const doc: Record<string, unknown> = { _id: d }
        for (let f = 0; f < 100; f++) doc[`f${d * 100 + f}`] = f
        return doc
      }),
    )
  })

  afterAll(async () => {
    // Dropped only after every write above has finished (FerretDB 1.x wedges on drop-while-write).
    await admin
      ?.db(TEST_DB)
      .dropDatabase()
      .catch(() => {})
    await admin?.close()
  })

  it('gives a bounded, labelled result for a 16 MB document, 100-deep nesting and 10,000 field names', async () => {
    const batches = await crawl(MONGO_URL, { databases: [TEST_DB], timeoutMs: 60_000 })
    expect(batches.filter((b) => b.kind !== 'assets')).toEqual([])
    expect(batches).toHaveLength(1)
    const assets = assetsOf(batches)
    expect(assets.map((a) => `${a.kind}:${a.name}`)).toEqual([
      `database:${TEST_DB}`,
      'collection:big',
      'collection:deep',
      'collection:growing',
      'collection:plain',
      'collection:wide',
    ])
    const database = byName(assets, TEST_DB)
    expect(database).toMatchObject({
      urn: `mongodb://singleview/${TEST_DB}`,
      counts: { children: 5 },
    })

    const big = byName(assets, 'big')
    expect(big).toMatchObject({
      urn: `mongodb://singleview/${TEST_DB}/big`,
      parent: database.urn,
      counts: { documents: 3, sampled: 3 },
    })
    const blob = big.fields.find((f) => f.path === 'blob')
    expect(blob).toMatchObject({
      types: [{ type: 'string', count: 1 }],
      presence: { seen: 1, of: 3 },
    })
    const samples = (batches[0] as CrawlAssetsBatch).samples ?? {}
    const blobValues = samples[blob!.urn] as string[]
    expect(blobValues).toHaveLength(1)
    expect(blobValues[0]!.length).toBeLessThanOrEqual(4096)

    const deep = byName(assets, 'deep')
    expect(deep.fields.length).toBeLessThanOrEqual(40)
    expect(deep.fields.map((f) => f.path)).toContain('deep.n.n')
    expect(deep.notes?.join(' ')).toMatch(/Nesting truncated: 1 /)

    const wide = byName(assets, 'wide')
    expect(wide.counts?.sampled).toBe(100)
    expect(wide.fields).toHaveLength(5000)
    // 10,001 names (with _id), 5,000 kept: 5,001 dropped and said so.
    expect(wide.notes?.join(' ')).toMatch(/5000 kept, 5001 more distinct paths dropped/)

    // Adaptive: 100 documents, new paths in their second half, so 100 more; none new there: stop.
    const growing = byName(assets, 'growing')
    expect(growing.counts).toEqual({ documents: 300, sampled: 200 })
    expect(growing.fields.find((f) => f.path === 'late')?.presence).toEqual({ seen: 140, of: 200 })

    const plain = byName(assets, 'plain')
    expect(plain).toMatchObject({
      counts: { documents: 20, sampled: 20 },
      primaryKey: { columns: ['_id'] },
      properties: { type: 'collection' },
    })
    expect(plain.indexes).toEqual(
      expect.arrayContaining([
        { name: '_id_', columns: ['_id'], unique: true, primary: true },
        { name: 'email_1', columns: ['contact.email'], unique: true, primary: false },
      ]),
    )
    expect(plain.fields.map((f) => [f.path, f.presence?.seen])).toEqual([
      ['_id', 20],
      ['name', 20],
      ['contact', 20],
      ['contact.email', 20],
      ['tags', 20],
      ['tags[]', 20],
      ['contact.phone', 10],
    ])
    expect(plain.fields.find((f) => f.path === '_id')).toMatchObject({
      primaryKey: true,
      types: [{ type: 'int', count: 20 }],
    })
    // The crawl only read: the fixtures are as they were written.
    expect(await admin.db(TEST_DB).collection('plain').countDocuments()).toBe(20)
  })

  it("crawls the estate's singleview database with the manifest's document paths, seen in k of N", async () => {
    const batches = await crawl(MONGO_URL, { databases: ['singleview'] })
    expect(batches.filter((b) => b.kind !== 'assets')).toEqual([])
    const customers = byName(assetsOf(batches), 'customers')
    expect(customers.urn).toBe('mongodb://singleview/singleview/customers')
    const sampled = customers.counts?.sampled ?? 0
    expect(sampled).toBeGreaterThanOrEqual(100)
    expect(customers.counts?.documents).toBeGreaterThan(0)

    const manifest = readManifest()
    const expected = manifest.assets.find((a) => a.urn === customers.urn)!.fields.map((f) => f.path)
    const crawled = new Map(customers.fields.map((f) => [f.path, f]))
    for (const p of expected) expect(crawled.has(p), `${p} crawled`).toBe(true)
    // Every crawled leaf (or array element) is a manifest path, or an element of one.
    for (const field of customers.fields) {
      const containerOnly = field.types?.every((t) => ['object', 'array', 'null'].includes(t.type))
      if (containerOnly) continue
      const known =
        expected.includes(field.path) || expected.includes(field.path.replace(/\[\]$/, ''))
      expect(known, `${field.path} is in the manifest`).toBe(true)
    }
    for (const field of customers.fields) {
      expect(field.presence?.of).toBe(sampled)
      expect(field.presence?.seen).toBeGreaterThan(0)
      expect(field.presence!.seen).toBeLessThanOrEqual(sampled)
    }
    expect(crawled.get('contact.email')?.urn).toBe(
      'mongodb://singleview/singleview/customers#contact.email',
    )
    expect(crawled.get('addresses[].postcode')?.types?.[0]?.type).toBe('string')
  })

  it('gives up a count over its budget with a note, never a count of 0', async () => {
    // FerretDB counts the customers by scanning them: not within 1 ms (maxTimeMS 1 on the server).
    const batches = await crawl(MONGO_URL, { databases: ['singleview'] }, { countBudgetMs: 1 })
    expect(batches.filter((b) => b.kind !== 'assets')).toEqual([])
    const customers = byName(assetsOf(batches), 'customers')
    expect(customers.counts?.documents).toBeUndefined()
    expect(customers.counts?.sampled).toBeGreaterThanOrEqual(100)
    expect(customers.notes).toContainEqual(
      expect.stringMatching(
        /^Not counted: FerretDB counts documents by scanning the whole collection, and the count was not back within the crawl's 1 ms budget; it holds at least the \d+ documents sampled\./,
      ),
    )
    // The same crawl with the default budget counts them.
    const counted = byName(
      assetsOf(await crawl(MONGO_URL, { databases: ['singleview'] })),
      'customers',
    )
    expect(counted.counts?.documents).toBeGreaterThan(customers.counts!.sampled!)
    expect(counted.notes?.join(' ') ?? '').not.toMatch(/Not counted/)
  })

  it('counts a collection read whole by its sample, exactly', async () => {
    const assets = assetsOf(await crawl(MONGO_URL, { databases: [TEST_DB] }, { countBudgetMs: 1 }))
    expect(byName(assets, 'plain').counts).toEqual({ documents: 20, sampled: 20 })
  })

  it('lists every database the login can see, internal ones aside', async () => {
    const names = assetsOf(await crawl(MONGO_URL, { sampleSize: 0 }))
      .filter((a) => a.kind === 'database')
      .map((a) => a.name)
    expect(names).toEqual(expect.arrayContaining(['singleview', 'callcentre', TEST_DB]))
    expect(names).not.toContain('admin')
  })

  it('records on each database which server answered (the estate runs FerretDB)', async () => {
    const databases = assetsOf(await crawl(MONGO_URL, { sampleSize: 0 })).filter(
      (a) => a.kind === 'database',
    )
    expect(databases.length).toBeGreaterThan(0)
    for (const db of databases) expect(db.properties?.server).toMatch(/^FerretDB \d+\.\d+/)
  })

  it('an unreachable server gives a translated error', async () => {
    const port = await refusedPort()
    const err = await rejectionOf(crawl(`mongodb://${HOST}:${port}/`))
    expect(err.code).toBe('unreachable')
    expect(err.message).toContain(String(port))
  })

  it('a cancel ends the crawl with a cancelled error', async () => {
    const controller = new AbortController()
    const err = await rejectionOf(
      crawl(MONGO_URL, {
        databases: [TEST_DB],
        signal: controller.signal,
        // The first report comes once the collections are listed: cancel mid-crawl.
        onProgress: () => controller.abort(),
      }),
    )
    expect(err.code).toBe('cancelled')
  })
})

interface Manifest {
  assets: Array<{ urn: string; fields: Array<{ path: string }> }>
}

function readManifest(): Manifest {
  const env = estateEnv()
  const dir = env.SIGHTLINE_ESTATE_DIR ?? path.join(REPO_ROOT, '.estate')
  const scale = env.SIGHTLINE_ESTATE_SCALE ?? 'small'
  return JSON.parse(
    readFileSync(path.join(dir, 'data', scale, 'manifest.json'), 'utf8'),
  ) as Manifest
}
