import { readFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConnector } from '../../../src/main/connectors'
import type {
  CrawlBatch,
  CrawlDatabaseBatch,
  CrawlOptions,
} from '../../../src/main/connectors/crawl-model'
import { REPO_ROOT, estateEnv, serviceAvailable } from '../../support/estate'
import { HOST, PORTS, source } from './estate-sources'

/**
 * The PostgreSQL crawl against the reference estate (issue 4, item 1 and "Bad input and faults"):
 * the manifest's tables and counts, keys, publications, a constant number of statements per
 * database, a limited login, a statement timeout, and no writes (pg_stat_statements).
 */
const env = estateEnv()
const up = await serviceAvailable('PostgreSQL', HOST, PORTS.postgres)
const role = (name: string, user: string, password: string) => ({
  user: env[`SIGHTLINE_PG_${name}_USER`] ?? user,
  password: env[`SIGHTLINE_PG_${name}_PASSWORD`] ?? password,
})
const ADMIN = role('ADMIN', 'sightline_admin', 'admin-pass')
const READER = role('READER', 'sightline_reader', 'reader-pass')
const LIMITED = role('LIMITED', 'sightline_limited', 'limited-pass')
const SLOW = role('SLOW', 'sightline_slow', 'slow-pass')
const DATABASES = ['crm', 'orders', 'legacy']
const TEST_PUB = 'sightline_crawl_test_pub'

interface ManifestAsset {
  urn: string
  kind: string
  count?: number
}
function manifest(): { sources: { postgres: string }; assets: ManifestAsset[] } {
  const dir = env.SIGHTLINE_ESTATE_DIR ?? path.join(REPO_ROOT, '.estate')
  const scale = env.SIGHTLINE_ESTATE_SCALE ?? 'small'
  return JSON.parse(readFileSync(path.join(dir, 'data', scale, 'manifest.json'), 'utf8'))
}

async function crawl(
  login: { user: string; password: string },
  name = 'amper-pg',
  opts: CrawlOptions = {},
): Promise<CrawlBatch[]> {
  const connector = createConnector(
    source('postgres', `postgres://${HOST}:${PORTS.postgres}/crm`, {
      name,
      username: login.user,
      password: login.password,
      options: { databases: DATABASES.join(',') },
    }),
  )
  const out: CrawlBatch[] = []
  for await (const batch of connector.crawl!({ timeoutMs: 20_000, ...opts })) out.push(batch)
  await connector.close()
  return out
}
const databases = (batches: CrawlBatch[]) =>
  batches.filter((b): b is CrawlDatabaseBatch => b.kind === 'database')

async function admin(database: string): Promise<pg.Client> {
  const client = new pg.Client({ host: HOST, port: PORTS.postgres, database, ...ADMIN })
  await client.connect()
  return client
}

interface StatementRow {
  datname: string
  queryid: string
  query: string
  calls: string
  toplevel: boolean
}
async function statementsOf(user: string): Promise<StatementRow[]> {
  const client = await admin('postgres')
  try {
    const { rows } = await client.query<StatementRow>(
      `SELECT d.datname, s.queryid::text, s.query, s.calls::text, s.toplevel
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
         JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = $1`,
      [user],
    )
    return rows
  } finally {
    await client.end()
  }
}
function delta(before: StatementRow[], after: StatementRow[]): StatementRow[] {
  const key = (r: StatementRow) => `${r.datname}|${r.queryid}|${r.toplevel}`
  const old = new Map(before.map((r) => [key(r), Number(r.calls)]))
  return after
    .map((r) => ({ ...r, calls: String(Number(r.calls) - (old.get(key(r)) ?? 0)) }))
    .filter((r) => Number(r.calls) > 0)
}

/** Rows written to each user table so far, per database (pg_stat_user_tables). */
async function writeCounters(): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const db of DATABASES) {
    const client = await admin(db)
    try {
      const { rows } = await client.query<{ t: string; w: string }>(
        `SELECT schemaname || '.' || relname AS t, (n_tup_ins + n_tup_upd + n_tup_del)::text AS w
           FROM pg_stat_user_tables`,
      )
      for (const r of rows) out[`${db}.${r.t}`] = r.w
    } finally {
      await client.end()
    }
  }
  return out
}

/** Sample SELECTs and the statement_timeout setter of sample-rows.ts, as pg_stat_statements shows them. */
const isSampling = (r: StatementRow) => /set_config|\bLIMIT \$\d+\s*$/i.test(r.query)

describe.skipIf(!up)('postgres crawl against the estate', () => {
  let batches: CrawlBatch[] = []
  let sent: StatementRow[] = []
  let writesBefore: Record<string, string> = {}
  let writesAfter: Record<string, string> = {}
  let truthPublications = new Map<string, string[]>()
  const pgManifest = up ? manifest() : { sources: { postgres: '' }, assets: [] }

  beforeAll(async () => {
    // A publication of our own, so publications are proven even where the streams step
    // (which creates the Debezium ones) has not run; dropped again in afterAll.
    const crm = await admin('crm')
    await crm.query(`DROP PUBLICATION IF EXISTS ${TEST_PUB}`)
    await crm.query(`CREATE PUBLICATION ${TEST_PUB} FOR TABLE dbo."Customer", dbo."Address"`)
    await crm.end()
    for (const db of DATABASES) {
      const client = await admin(db)
      const { rows } = await client.query<{ t: string; pubs: string[] }>(
        `SELECT schemaname || '.' || tablename AS t, array_agg(pubname::text ORDER BY pubname) AS pubs
           FROM pg_publication_tables GROUP BY 1`,
      )
      for (const r of rows) truthPublications.set(`${db}.${r.t}`, r.pubs)
      await client.end()
    }
    const before = await statementsOf(READER.user)
    writesBefore = await writeCounters()
    batches = await crawl(READER, pgManifest.sources.postgres)
    writesAfter = await writeCounters()
    sent = delta(before, await statementsOf(READER.user))
  })
  afterAll(async () => {
    const crm = await admin('crm')
    await crm.query(`DROP PUBLICATION IF EXISTS ${TEST_PUB}`)
    await crm.end()
    truthPublications = new Map()
  })

  it("yields exactly the manifest's tables and row counts, by URN", () => {
    expect(batches.filter((b) => b.kind === 'error')).toEqual([])
    const crawled = databases(batches).flatMap((b) =>
      b.tables.map((t) => ({ urn: t.urn, kind: t.kind, count: t.rowCount })),
    )
    const expected = pgManifest.assets
      .filter((a) => a.urn.startsWith('postgres://'))
      .map((a) => ({ urn: a.urn, kind: a.kind, count: a.count }))
    const byUrn = (a: { urn: string }, b: { urn: string }) => a.urn.localeCompare(b.urn)
    expect(crawled.sort(byUrn)).toEqual(expected.sort(byUrn))
  })
  it('skips system schemas and extension-owned objects (pg_stat_statements views)', () => {
    const names = databases(batches).flatMap((b) => b.tables.map((t) => `${t.schema}.${t.name}`))
    expect(
      names.some((n) => /pg_stat_statements|^pg_catalog\.|^information_schema\./.test(n)),
    ).toBe(false)
  })
  it('reads the keys of crm: Address.CustomerId -> Customer.CustomerId', () => {
    const crm = databases(batches).find((b) => b.database === 'crm')!
    const customer = crm.tables.find((t) => t.name === 'Customer')!
    const address = crm.tables.find((t) => t.name === 'Address')!
    expect(customer.primaryKey?.columns).toEqual(['CustomerId'])
    expect(address.foreignKeys).toContainEqual(
      expect.objectContaining({
        columns: ['CustomerId'],
        references: customer.urn,
        referencedColumns: ['CustomerId'],
      }),
    )
    expect(customer.fields.find((f) => f.name === 'CustomerId')).toMatchObject({
      ordinal: 1,
      nullable: false,
    })
    expect(customer.indexes.some((i) => i.primary && i.columns[0] === 'CustomerId')).toBe(true)
  })
  it('reports the publications that include each table, as the server lists them', () => {
    for (const b of databases(batches)) {
      for (const t of b.tables) {
        const truth = truthPublications.get(`${b.database}.${t.schema}.${t.name}`) ?? []
        expect(t.cdc.publications, t.urn).toEqual(truth)
        expect(t.cdc.tracked).toBe(truth.length > 0)
      }
    }
    const customer = databases(batches)[0]!.tables.find((t) => t.name === 'Customer')!
    expect(customer.cdc.publications).toContain(TEST_PUB)
  })
  it('reads comments where there are any (the crm database carries the seed marker)', () => {
    const crm = databases(batches).find((b) => b.database === 'crm')!
    expect(crm.description).toMatch(/^sightline-seed /)
  })
  it('sends the same number of statements to every database, whatever its table count', () => {
    const dbs = databases(batches)
    expect(new Set(dbs.map((b) => b.tables.length)).size).toBeGreaterThan(1)
    expect(dbs.map((b) => b.statements)).toEqual([7, 7, 7])
    // pg_stat_statements agrees: five top-level catalogue SELECTs per database (value sampling
    // aside: its one SELECT per table is counted apart, as sampleStatements).
    for (const db of DATABASES) {
      const selects = sent
        .filter(
          (r) => r.datname === db && r.toplevel && /^\s*select/i.test(r.query) && !isSampling(r),
        )
        .reduce((n, r) => n + Number(r.calls), 0)
      expect(selects, db).toBe(5)
    }
  })
  it('samples values: one SELECT per table, scalars only, at most sampleSize per field', () => {
    const crm = databases(batches).find((b) => b.database === 'crm')!
    expect(crm.sampleStatements).toBe(crm.tables.filter((t) => t.kind === 'table').length)
    const customer = crm.tables.find((t) => t.name === 'Customer')!
    for (const field of customer.fields) {
      const values = crm.samples?.[field.urn]
      expect(values, field.name).toBeDefined()
      expect(values!.length, field.name).toBeGreaterThan(0)
      expect(values!.length, field.name).toBeLessThanOrEqual(100)
      for (const v of values!)
        expect(['string', 'number', 'boolean'], field.name).toContain(
          v === null ? 'boolean' : typeof v,
        )
    }
    const values = (name: string) => crm.samples![`${customer.urn}#${name}`]!
    expect(
      values('Email')
        .filter((v) => typeof v === 'string')
        .every((v) => (v as string).includes('@')),
    ).toBe(true)
    expect(values('CustomerId').every((v) => typeof v === 'number')).toBe(true)
    expect(values('CreatedAt').filter((v) => v !== null)[0]).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/,
    )
    // pg_stat_statements: as many sample SELECTs as the batches say, per database.
    for (const b of databases(batches)) {
      const samples = sent
        .filter((r) => r.datname === b.database && /\bLIMIT \$\d+\s*$/i.test(r.query))
        .reduce((n, r) => n + Number(r.calls), 0)
      expect(samples, b.database).toBe(b.sampleStatements)
    }
  })
  it('sampling never writes: pg_stat_user_tables n_tup_ins/upd/del unchanged', () => {
    expect(Object.keys(writesBefore).length).toBeGreaterThan(0)
    expect(writesAfter).toEqual(writesBefore)
  })
  it('never writes: no INSERT/UPDATE/DELETE/DDL from the reader', () => {
    const writes = sent.filter((r) =>
      /^\s*(insert|update|delete|merge|create|alter|drop|truncate|grant|revoke|copy|comment)\b/i.test(
        r.query,
      ),
    )
    expect(writes).toEqual([])
    expect(sent.length).toBeGreaterThan(0)
  })

  it('a login that may read only crm dbo.Customer gets just that, and is told so', async () => {
    const limited = await crawl(LIMITED)
    expect(limited.filter((b) => b.kind === 'error')).toEqual([])
    const dbs = databases(limited)
    expect(dbs.flatMap((b) => b.tables.map((t) => t.urn))).toEqual([
      'postgres://amper-pg/crm/dbo/Customer',
    ])
    expect(dbs.find((b) => b.database === 'crm')!.notes.join(' ')).toMatch(
      /3 table\(s\) or view\(s\) in crm are not readable/,
    )
    for (const db of ['orders', 'legacy'])
      expect(dbs.find((b) => b.database === db)!.notes.join(' ')).toMatch(/not readable/)
    // It samples what it may read, and only that.
    const crm = dbs.find((b) => b.database === 'crm')!
    expect(crm.sampleStatements).toBe(1)
    expect(crm.samples?.['postgres://amper-pg/crm/dbo/Customer#Email']?.length).toBeGreaterThan(0)
    expect(dbs.filter((b) => b.database !== 'crm').map((b) => b.sampleStatements)).toEqual([0, 0])
  })

  it('a table that cannot be sampled in time gets a note; the catalogue and the rest stay', async () => {
    // An exclusive lock on one user table blocks reading it, not the catalogue.
    const locker = await admin('crm')
    await locker.query('BEGIN')
    await locker.query('LOCK TABLE dbo."LoyaltyAccount" IN ACCESS EXCLUSIVE MODE')
    let locked: CrawlBatch[] = []
    try {
      locked = await crawl(READER, 'amper-pg', { timeoutMs: 1_500, databases: ['crm'] })
    } finally {
      await locker.query('ROLLBACK')
      await locker.end()
    }
    const [crm] = databases(locked)
    expect(crm).toBeDefined()
    expect(crm!.tables.map((t) => t.name)).toContain('LoyaltyAccount')
    expect(crm!.notes).toContain(
      'Values of crm.dbo.LoyaltyAccount were not sampled: statement timeout (57014).',
    )
    expect(crm!.samples?.['postgres://amper-pg/crm/dbo/Customer#Email']?.length).toBeGreaterThan(0)
    expect(crm!.samples?.['postgres://amper-pg/crm/dbo/LoyaltyAccount#Tier']).toBeUndefined()
  })

  it('a source killed mid-crawl (pg_terminate_backend) gives a clear per-database error, and the crawl ends', async () => {
    // Hold crm's catalogue so the crawl is surely mid-way when its backend is terminated.
    const locker = await admin('crm')
    await locker.query('BEGIN')
    await locker.query('LOCK TABLE pg_catalog.pg_description IN ACCESS EXCLUSIVE MODE')
    const killer = await admin('postgres')
    let killed: CrawlBatch[] = []
    try {
      const run = crawl(READER, 'amper-pg', { timeoutMs: 30_000 })
      let pids: number[] = []
      for (let i = 0; i < 200 && pids.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50))
        const { rows } = await killer.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE application_name = 'sightline-crawl'
             AND datname = 'crm' AND wait_event_type = 'Lock'`,
        )
        pids = rows.map((r) => r.pid)
      }
      expect(pids.length).toBeGreaterThan(0)
      const { rows } = await killer.query<{ ok: boolean }>(
        'SELECT pg_terminate_backend(pid) AS ok FROM unnest($1::int[]) AS pid',
        [pids],
      )
      expect(rows.every((r) => r.ok)).toBe(true)
      killed = await run
    } finally {
      await locker.query('ROLLBACK')
      await locker.end()
      await killer.end()
    }
    expect(killed.find((b) => 'database' in b && b.database === 'crm')).toMatchObject({
      kind: 'error',
      error: {
        code: 'unreachable',
        message: expect.stringMatching(/ended the session.*57P01/),
        details: { reason: 'terminated' },
      },
    })
    // The crawl went on to the other databases and ended.
    expect(databases(killed).map((b) => b.database)).toEqual(['orders', 'legacy'])
  })

  it('a statement timeout yields a clear timeout error, not a hang', async () => {
    // Hold the catalogue of comments so the slow role's first query waits past its 500 ms.
    const locker = await admin('crm')
    await locker.query('BEGIN')
    await locker.query('LOCK TABLE pg_catalog.pg_description IN ACCESS EXCLUSIVE MODE')
    const started = Date.now()
    let slow: CrawlBatch[] = []
    try {
      slow = await crawl(SLOW)
    } finally {
      await locker.query('ROLLBACK')
      await locker.end()
    }
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(slow.find((b) => 'database' in b && b.database === 'crm')).toMatchObject({
      kind: 'error',
      error: { code: 'timeout', details: { reason: 'statement-timeout' } },
    })
    expect(slow.find((b) => b.kind === 'error')!).toHaveProperty(
      'error.message',
      expect.stringMatching(/statement_timeout/),
    )
    // The other databases are not lost.
    expect(databases(slow).map((b) => b.database)).toEqual(['orders', 'legacy'])
  })
  it('cancelling a crawl stuck on the server ends it within 250 ms', async () => {
    const locker = await admin('crm')
    await locker.query('BEGIN')
    await locker.query('LOCK TABLE pg_catalog.pg_description IN ACCESS EXCLUSIVE MODE')
    const ctl = new AbortController()
    const connector = createConnector(
      source('postgres', `postgres://${HOST}:${PORTS.postgres}/crm`, {
        username: READER.user,
        password: READER.password,
      }),
    )
    const run = (async () => {
      for await (const batch of connector.crawl!({ signal: ctl.signal })) void batch
    })()
    try {
      await new Promise((resolve) => setTimeout(resolve, 300))
      const aborted = Date.now()
      ctl.abort()
      await expect(run).rejects.toMatchObject({ code: 'cancelled' })
      expect(Date.now() - aborted).toBeLessThan(250)
    } finally {
      await locker.query('ROLLBACK')
      await locker.end()
    }
  })
})
