import { spawnSync } from 'node:child_process'
import { createReadStream, existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { MongoClient } from 'mongodb'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Manifest, ManifestAsset } from '../../estate/data/manifest.js'
import { REPO_ROOT, estateEnv, serviceAvailable } from '../../support/estate.js'

/**
 * The seeded estate against its ground truth: every table and seeded collection holds the
 * manifest's counts, and every record's key has a person id in the manifest's side files.
 */
const env = estateEnv()
const host = '127.0.0.1'
const pgPort = Number(env.SIGHTLINE_PG_PORT ?? 55432)
const mongoPort = Number(env.SIGHTLINE_MONGO_PORT ?? 57017)
const scale = env.SIGHTLINE_ESTATE_SCALE ?? 'small'
const dataDir = path.join(
  env.SIGHTLINE_ESTATE_DIR ?? path.join(REPO_ROOT, '.estate'),
  'data',
  scale,
)
const PERSON_ID = /^P\d{7}$/

const up =
  (await serviceAvailable('PostgreSQL', host, pgPort)) &&
  (await serviceAvailable('FerretDB', host, mongoPort))

// At the bench scale these files reach hundreds of megabytes: read them line by line.
async function* linesOf(file: string): AsyncGenerator<string> {
  for await (const line of createInterface({
    input: createReadStream(path.join(dataDir, file)),
    crlfDelay: Infinity,
  })) {
    if (line) yield line
  }
}

async function readRecords(file: string): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>()
  for await (const line of linesOf(file)) {
    const [key, ids] = line.split('\t') as [string, string]
    map.set(key, ids ? ids.split(',') : [])
  }
  return map
}

/** The bench scale's million-row checks need minutes, not the project's default minute. */
const HEAVY = scale === 'bench' ? 900_000 : 60_000

describe.skipIf(!up)(`seeded estate data (scale ${scale})`, () => {
  let manifest: Manifest
  let mongo: MongoClient
  const pools = new Map<string, pg.Pool>()
  const db = (database: string) => {
    let pool = pools.get(database)
    if (!pool) {
      pool = new pg.Pool({
        host,
        port: pgPort,
        database,
        max: 2,
        user: env.SIGHTLINE_PG_ADMIN_USER ?? 'sightline_admin',
        password: env.SIGHTLINE_PG_ADMIN_PASSWORD ?? 'admin-pass',
      })
      pools.set(database, pool)
    }
    return pool
  }
  const tables = () => manifest.assets.filter((a) => a.kind === 'table')
  const quoted = (a: ManifestAsset) => `"${a.path[1]}"."${a.path[2]}"`

  beforeAll(async () => {
    const file = path.join(dataDir, 'manifest.json')
    if (!existsSync(file))
      throw new Error(`no manifest at ${file}: run test/estate/seed/run.sh (npm run estate:up)`)
    manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest
    mongo = new MongoClient(`mongodb://${host}:${mongoPort}/?directConnection=true`)
    await mongo.connect()
  })

  afterAll(async () => {
    await mongo?.close()
    for (const pool of pools.values()) await pool.end()
  })

  it('is marked as seeded with this manifest', async () => {
    const { rows } = await db('postgres').query(
      `SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = 'crm'`,
    )
    expect(rows[0].c).toBe(`sightline-seed ${manifest.contentHash}`)
  })

  it(
    "has every table with the manifest's row count",
    async () => {
      const byDb = new Map<string, ManifestAsset[]>()
      for (const t of tables()) byDb.set(t.path[0]!, [...(byDb.get(t.path[0]!) ?? []), t])
      expect(byDb.size).toBeGreaterThanOrEqual(3)
      for (const [database, assets] of byDb) {
        // One round trip per database, however many tables it has.
        const sql = assets
          .map((a, i) => `SELECT ${i} AS i, count(*)::int AS n FROM ${quoted(a)}`)
          .join(' UNION ALL ')
        const { rows } = await db(database).query<{ i: number; n: number }>(sql)
        const actual = Object.fromEntries(rows.map((r) => [assets[r.i]!.urn, r.n]))
        expect(actual).toEqual(Object.fromEntries(assets.map((a) => [a.urn, a.count])))
      }
    },
    HEAVY,
  )

  it(
    'has a person id for every row of every personal table, keyed by its primary key',
    async () => {
      for (const t of tables().filter((a) => !a.filler)) {
        const records = await readRecords((t.personIds as { file: string }).file)
        const { rows } = await db(t.path[0]!).query<{ k: string }>(
          `SELECT "${t.primaryKey}"::text AS k FROM ${quoted(t)}`,
        )
        expect(rows.length, t.urn).toBe(records.size)
        // Collected, then asserted once: a million expect() calls would dominate the bench run.
        const unowned = rows
          .map((r) => r.k)
          .filter((k) => {
            const ids = records.get(k)
            return !ids || ids.length !== 1 || !PERSON_ID.test(ids[0]!)
          })
        expect(unowned.slice(0, 10), `${t.urn}: rows without exactly one person id`).toEqual([])
      }
    },
    HEAVY,
  )

  it('sets REPLICA IDENTITY FULL on every crm and orders table', async () => {
    for (const database of ['crm', 'orders']) {
      const { rows } = await db(database).query<{ relname: string; relreplident: string }>(
        `SELECT c.relname, c.relreplident FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind = 'r' AND n.nspname IN ('dbo', 'sales')`,
      )
      expect(rows.length).toBe(tables().filter((t) => t.path[0] === database).length)
      for (const r of rows) expect(r.relreplident, `${database}.${r.relname}`).toBe('f')
    }
  })

  it(
    "has every seeded collection with the manifest's count, and a person id for every document",
    async () => {
      const seeded = manifest.assets.filter(
        (a) => a.kind === 'collection' && a.createdBy === 'seed',
      )
      expect(seeded.length).toBeGreaterThanOrEqual(3)
      for (const c of seeded) {
        const collection = mongo.db(c.path[0]).collection<{ _id: string }>(c.path[1]!)
        expect(await collection.countDocuments({}), c.urn).toBe(c.count)
        if (c.filler) continue
        const records = await readRecords((c.personIds as { file: string }).file)
        const ids = (await collection.find({}, { projection: { _id: 1 } }).toArray()).map((d) =>
          String(d._id),
        )
        expect(new Set(ids)).toEqual(new Set(records.keys()))
        for (const [key, persons] of records) {
          if (c.path[1] !== 'segments') expect(persons.length, `${c.urn} ${key}`).toBe(1)
          for (const p of persons) expect(p).toMatch(PERSON_ID)
        }
      }
    },
    HEAVY,
  )

  it(
    'knows every person a record points at',
    async () => {
      const known = new Set<string>()
      for await (const line of linesOf(manifest.people))
        known.add((JSON.parse(line) as { personId: string }).personId)
      expect(known.size).toBe(manifest.counts.people)
      for (const a of manifest.assets.filter((x) => x.personIds && 'key' in x.personIds)) {
        const unknown = [...(await readRecords((a.personIds as { file: string }).file)).values()]
          .flat()
          .filter((p) => !known.has(p))
        expect(unknown.slice(0, 10), a.urn).toEqual([])
      }
    },
    HEAVY,
  )

  it(
    're-running the seed on a seeded estate changes nothing',
    async () => {
      const oid = async () =>
        (await db('crm').query(`SELECT 'dbo."Customer"'::regclass::oid::int AS oid`)).rows[0]
          .oid as number
      const before = await oid()
      const run = spawnSync('bash', [path.join(REPO_ROOT, 'test/estate/seed/run.sh')], {
        encoding: 'utf8',
        env: { ...process.env, ...env },
      })
      expect(run.status, run.stderr).toBe(0)
      expect(run.stderr).toContain('nothing to do')
      expect(await oid()).toBe(before)
    },
    HEAVY,
  )
})
