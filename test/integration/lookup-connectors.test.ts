import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConnector } from '../../src/main/connectors'
import type { Connector, LookupQuery } from '../../src/main/connectors/connector'
import { phoneForms } from '../../src/shared/lineage/transforms/phone'
import { estateEnv, serviceAvailable } from '../support/estate'
import {
  INJECTIONS,
  customers,
  duplicated,
  keys,
  keysOf,
  orders,
  person,
  q,
} from './lookup-connectors-truth'

import { HOST, PORTS, refusedPort, silentServer, source } from './connectors/estate-sources'

/**
 * The connectors' `lookup` (issue 7 item 3) against the small reference estate: each finds the
 * manifest's records of a person (by email, CustomerId, customer_id, phone, single-view `_id`);
 * injection attempts find nothing extra and send no other statement (pg_stat_statements); no
 * table is written (pg_stat_user_tables); a source that is down fails fast with a translated
 * error. PostgreSQL runs as a login of our own (a member of the reader role), so other suites'
 * statement counts and ours never mix.
 */
const env = estateEnv()
const pgUp = await serviceAvailable('PostgreSQL', HOST, PORTS.postgres)
const ADMIN = {
  user: env.SIGHTLINE_PG_ADMIN_USER ?? 'sightline_admin',
  password: env.SIGHTLINE_PG_ADMIN_PASSWORD ?? 'admin-pass',
}
const READER_ROLE = env.SIGHTLINE_PG_READER_USER ?? 'sightline_reader'
const ROLE = 'sightline_test_lookup'
const SLOW_DB = 'sightline_test_lookup_slow'
const ROLE_PASSWORD = randomBytes(12).toString('hex')
const DATABASES = ['crm', 'orders', 'legacy']
async function admin(database: string): Promise<pg.Client> {
  const client = new pg.Client({ host: HOST, port: PORTS.postgres, database, ...ADMIN })
  await client.connect()
  return client
}
async function asAdmin<T>(database: string, body: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = await admin(database)
  try {
    return await body(client)
  } finally {
    await client.end()
  }
}
interface StatementRow {
  queryid: string
  query: string
  calls: number
}
async function statements(): Promise<Map<string, StatementRow>> {
  const { rows } = await asAdmin('postgres', (c) =>
    c.query<{ queryid: string; query: string; calls: string }>(
      `SELECT s.queryid::text, s.query, s.calls::text FROM pg_stat_statements s
         JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = $1`,
      [ROLE],
    ),
  )
  return new Map(rows.map((r) => [r.queryid, { ...r, calls: Number(r.calls) }]))
}
function delta(before: Map<string, StatementRow>, after: Map<string, StatementRow>) {
  return [...after.values()]
    .map((r) => ({ ...r, calls: r.calls - (before.get(r.queryid)?.calls ?? 0) }))
    .filter((r) => r.calls > 0)
}
async function writeCounters(): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const db of DATABASES) {
    const { rows } = await asAdmin(db, (c) =>
      c.query<{ t: string; w: string }>(
        `SELECT schemaname || '.' || relname AS t, (n_tup_ins + n_tup_upd + n_tup_del)::text AS w
           FROM pg_stat_user_tables`,
      ),
    )
    for (const r of rows) out[`${db}.${r.t}`] = r.w
  }
  return out
}

describe.skipIf(!pgUp)('PostgreSQL lookup against the estate', () => {
  let connector: Connector
  let writesBefore: Record<string, string> = {}
  const pgSource = (url: string) =>
    source('postgres', url, { name: 'amper-pg', username: ROLE, password: ROLE_PASSWORD })

  beforeAll(async () => {
    expect(person, 'a suitable person in the manifest').toBeDefined()
    await asAdmin('postgres', async (c) => {
      await c.query(`DROP ROLE IF EXISTS ${ROLE}`)
      await c.query(`CREATE ROLE ${ROLE} LOGIN PASSWORD '${ROLE_PASSWORD}' IN ROLE ${READER_ROLE}`)
    })
    writesBefore = await writeCounters()
    connector = createConnector(pgSource(`postgres://${HOST}:${PORTS.postgres}/crm`))
  })
  afterAll(async () => {
    await connector?.close()
    await asAdmin('postgres', async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${SLOW_DB} WITH (FORCE)`)
      await c.query(`DROP ROLE IF EXISTS ${ROLE}`)
    })
  })

  it("finds a person's crm row by email, whatever its case and surrounding spaces", async () => {
    for (const p of [person!, duplicated!]) {
      const out = await connector.lookup!(
        q({
          assetPath: ['crm', 'dbo', 'Customer'],
          fieldPath: 'Email',
          values: [`  ${p.email.toUpperCase()} `],
          match: 'case-insensitive',
        }),
        {},
      )
      expect(keys(out.hits, 'CustomerId'), p.personId).toEqual(keysOf(customers, p.personId))
      expect(out.capped).toBe(false)
    }
  })
  it('finds the crm row by CustomerId (number or text) with its values and update time', async () => {
    const id = person!.crmCustomerIds[0]!
    const out = await connector.lookup!(
      q({
        assetPath: ['crm', 'dbo', 'Customer'],
        fieldPath: 'CustomerId',
        values: [id, String(id)],
      }),
      {},
    )
    expect(out.hits).toHaveLength(1)
    expect(out.hits[0]!.recordKey).toEqual({ CustomerId: id })
    expect(String(out.hits[0]!.values.Email).trim().toLowerCase()).toBe(person!.email)
    expect(out.hits[0]!.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    const some = await connector.lookup!(
      q({
        assetPath: ['crm', 'dbo', 'Customer'],
        fieldPath: 'CustomerId',
        values: [id],
        fields: ['Email'],
      }),
      {},
    )
    expect(Object.keys(some.hits[0]!.values).sort()).toEqual(['CustomerId', 'Email'])
    // The session (READ ONLY, statement_timeout) was set by the first lookup on this
    // connection and the table's catalogue read is cached: the SELECT alone, one round trip.
    expect(some.statements).toBe(1)
    const longer = await connector.lookup!(
      q({ assetPath: ['crm', 'dbo', 'Customer'], fieldPath: 'CustomerId', values: [id] }),
      {},
    ).then(() =>
      connector.lookup!(
        {
          ...q({ assetPath: ['crm', 'dbo', 'Customer'], fieldPath: 'CustomerId', values: [id] }),
          timeoutMs: 7_000,
        },
        {},
      ),
    )
    // Another timeout sets the session's again (two statements) before the SELECT.
    expect(longer.statements).toBe(3)
  })
  it("finds every order of the person's customer ids in orders.sales.orders, and caps", async () => {
    const assetPath = ['orders', 'sales', 'orders']
    const values = person!.crmCustomerIds
    const all = await connector.lookup!(q({ assetPath, fieldPath: 'customer_id', values }), {})
    expect(keys(all.hits, 'order_id')).toEqual(keysOf(orders, person!.personId))
    const capped = await connector.lookup!(
      q({ assetPath, fieldPath: 'customer_id', values, rowCap: 1 }),
      {},
    )
    expect(capped.hits).toHaveLength(1)
    expect(capped.capped).toBe(true)
  })
  it('finds the crm row by phone, digits only, from the forms people write it in', async () => {
    const forms = phoneForms(person!.mobile!, 'GB')
    const out = await connector.lookup!(
      q({
        assetPath: ['crm', 'dbo', 'Customer'],
        fieldPath: 'MobilePhone',
        values: forms,
        match: 'digits-only',
      }),
      {},
    )
    expect(keys(out.hits, 'CustomerId')).toContain(String(person!.crmCustomerIds[0]))
  })
  it('finds nothing for injection attempts, and sends no statement a plain lookup does not', async () => {
    const cases: Array<Pick<LookupQuery, 'assetPath' | 'fieldPath' | 'match'>> = [
      { assetPath: ['crm', 'dbo', 'Customer'], fieldPath: 'Email', match: 'equals' },
      { assetPath: ['crm', 'dbo', 'Customer'], fieldPath: 'Email', match: 'case-insensitive' },
      { assetPath: ['crm', 'dbo', 'Customer'], fieldPath: 'MobilePhone', match: 'trimmed' },
      { assetPath: ['crm', 'dbo', 'Customer'], fieldPath: 'CustomerId', match: 'equals' },
      { assetPath: ['orders', 'sales', 'orders'], fieldPath: 'customer_id', match: 'equals' },
    ]
    // A fresh connector: its per-table catalogue read is part of both runs.
    const plain = createConnector(pgSource(`postgres://${HOST}:${PORTS.postgres}/crm`))
    const s0 = await statements()
    for (const c of cases)
      await plain.lookup!(q({ ...c, values: [c.fieldPath === 'Email' ? person!.email : 1] }), {})
    await plain.close()
    const s1 = await statements()
    const hostile = createConnector(pgSource(`postgres://${HOST}:${PORTS.postgres}/crm`))
    for (const c of cases) {
      const out = await hostile.lookup!(q({ ...c, values: INJECTIONS }), {})
      expect(out.hits, `${c.fieldPath} ${c.match}`).toEqual([])
    }
    await expect(
      hostile.lookup!(q({ ...cases[0]!, values: [{ $ne: null } as unknown as string] }), {}),
    ).rejects.toMatchObject({ code: 'bad-input' })
    await hostile.close()
    const sent = delta(s1, await statements())
    const known = new Set(delta(s0, s1).map((r) => r.queryid))
    expect(sent.length).toBeGreaterThan(0)
    for (const r of sent) {
      expect(known.has(r.queryid), r.query).toBe(true)
      expect(r.query).not.toMatch(/OR 1=1|\$ne/)
    }
  })
  it('wrote nothing to any table', async () => {
    expect(await writeCounters()).toEqual(writesBefore)
  })
  it('a refused port or a silent server fails with a translated error, not a hang', async () => {
    const step = q({ assetPath: ['crm', 'dbo', 'Customer'], fieldPath: 'CustomerId', values: [1] })
    const refused = createConnector(pgSource(`postgres://${HOST}:${await refusedPort()}/crm`))
    await expect(refused.lookup!(step, {})).rejects.toMatchObject({ code: 'unreachable' })
    await refused.close()
    const silent = await silentServer()
    const hung = createConnector(pgSource(`postgres://${HOST}:${silent.port}/crm`))
    await expect(hung.lookup!({ ...step, timeoutMs: 500 }, {})).rejects.toMatchObject({
      code: 'timeout',
    })
    const aborter = new AbortController()
    // Far beyond the test's own timeout: only the abort can end it in time.
    const pending = hung.lookup!({ ...step, timeoutMs: 120_000 }, { signal: aborter.signal })
    aborter.abort()
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' })
    await hung.close()
    await silent.close()
  })
  it('cancels a running statement on the server, and bounds one by statement_timeout', async () => {
    // A view that sleeps, in a database of our own (dropped in afterAll).
    await asAdmin('postgres', async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${SLOW_DB} WITH (FORCE)`)
      await c.query(`CREATE DATABASE ${SLOW_DB}`)
    })
    await asAdmin(SLOW_DB, async (c) => {
      await c.query(`CREATE VIEW public.slow AS SELECT 1 AS id FROM (SELECT pg_sleep(60)) s`)
      await c.query(`GRANT SELECT ON public.slow TO ${ROLE}`)
    })
    const step = q({ assetPath: [SLOW_DB, 'public', 'slow'], fieldPath: 'id', values: [1] })
    await expect(connector.lookup!({ ...step, timeoutMs: 300 }, {})).rejects.toMatchObject({
      code: 'timeout',
    })
    const aborter = new AbortController()
    const pending = connector.lookup!({ ...step, timeoutMs: 120_000 }, { signal: aborter.signal })
    // Abort once the statement is running on the server.
    for (;;) {
      const { rows } = await asAdmin('postgres', (c) =>
        c.query(
          `SELECT 1 FROM pg_stat_activity WHERE usename = $1 AND query LIKE '%slow%' AND state = 'active'`,
          [ROLE],
        ),
      )
      if (rows.length > 0) break
      await new Promise((r) => setTimeout(r, 50))
    }
    aborter.abort()
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' })
    const { rows } = await asAdmin('postgres', (c) =>
      c.query(`SELECT 1 FROM pg_stat_activity WHERE usename = $1 AND state = 'active'`, [ROLE]),
    )
    expect(rows).toEqual([])
    // The connection is usable again after the cancel.
    const after = await connector.lookup!(
      q({ assetPath: ['crm', 'dbo', 'Customer'], fieldPath: 'CustomerId', values: [1] }),
      {},
    )
    expect(after.hits).toHaveLength(1)
  })
  it('runs each step read-only without a BEGIN: a view that writes fails and writes nothing', async () => {
    const { rows: dbs } = await asAdmin('postgres', (c) =>
      c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [SLOW_DB]),
    )
    if (dbs.length === 0) await asAdmin('postgres', (c) => c.query(`CREATE DATABASE ${SLOW_DB}`))
    await asAdmin(SLOW_DB, async (c) => {
      await c.query(`CREATE TABLE IF NOT EXISTS public.touched (n int)`)
      await c.query(`CREATE OR REPLACE FUNCTION public.touch() RETURNS int LANGUAGE sql VOLATILE
        AS $$ INSERT INTO public.touched VALUES (1) RETURNING n $$`)
      await c.query(`CREATE OR REPLACE VIEW public.writes AS SELECT public.touch() AS id`)
      // The role may insert: only the session's READ ONLY stops the write.
      await c.query(`GRANT SELECT, INSERT ON public.touched TO ${ROLE}`)
      await c.query(`GRANT SELECT ON public.writes TO ${ROLE}`)
    })
    const step = q({ assetPath: [SLOW_DB, 'public', 'writes'], fieldPath: 'id', values: [1] })
    await expect(connector.lookup!(step, {})).rejects.toThrow()
    const { rows } = await asAdmin(SLOW_DB, (c) =>
      c.query(`SELECT count(*)::int AS n FROM public.touched`),
    )
    expect(rows[0].n).toBe(0)
  })
  it("keeps a role's shorter statement_timeout though the step allows longer", async () => {
    await asAdmin('postgres', (c) => c.query(`ALTER ROLE ${ROLE} SET statement_timeout = 250`))
    const fresh = createConnector(pgSource(`postgres://${HOST}:${PORTS.postgres}/crm`))
    try {
      const { rows } = await asAdmin('postgres', (c) =>
        c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [SLOW_DB]),
      )
      if (rows.length === 0) return expect.fail('needs the slow view of the test before')
      const step = q({ assetPath: [SLOW_DB, 'public', 'slow'], fieldPath: 'id', values: [1] })
      const started = Date.now()
      await expect(fresh.lookup!({ ...step, timeoutMs: 60_000 }, {})).rejects.toMatchObject({
        code: 'timeout',
      })
      expect(Date.now() - started).toBeLessThan(30_000)
    } finally {
      await fresh.close()
      await asAdmin('postgres', (c) => c.query(`ALTER ROLE ${ROLE} RESET statement_timeout`))
    }
  })
  it('names a table that is gone as not-found', async () => {
    await expect(
      connector.lookup!(
        q({ assetPath: ['crm', 'dbo', 'NoSuchTable'], fieldPath: 'Id', values: [1] }),
        {},
      ),
    ).rejects.toMatchObject({ code: 'not-found' })
  })
})
