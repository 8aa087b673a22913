import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiHost } from '../../src/main/api/create-api-host'
import type { ApiHost } from '../../src/main/api/host'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import type { LookupInput, LookupPerson, LookupResult } from '../../src/shared/model/lookup'
import { crawlToEnd, jobEnd } from '../support/crawl-job'
import { estateEnv, REPO_ROOT, serviceAvailable } from '../support/estate'
import { HOST, PORTS } from './connectors/estate-sources'
import { loadTruth, type PersonLine } from './lookup-person-truth'

/**
 * Lookup quality causes found by bench/lookup/quality.ts (issue 7, "Quality"), each on the small
 * estate's own people, chosen from its data rather than hard-coded: a household's shared email
 * is treated as weak (people side by side, nobody merged); a customer number finds the person's
 * duplicate crm record through their email, or under an older email through their phone, linked
 * not merged; a name with a postcode finds a row holding the postcode without its space, and every
 * address of that customer; a name with a birth date finds the duplicate row left without one,
 * and a legacy row holding it as dd/mm/yyyy, with a ranked candidate list. Read-only.
 */
const env = estateEnv()
const pgUp = await serviceAvailable('PostgreSQL', HOST, PORTS.postgres)
const up =
  pgUp &&
  (await serviceAvailable('Kafka', HOST, Number(env.SIGHTLINE_KAFKA_PORT ?? 59092))) &&
  (await serviceAvailable('MongoDB (FerretDB)', HOST, PORTS.mongo))

const truth = loadTruth()
const REASON = 'integration test: lookup quality'

async function query<T extends pg.QueryResultRow>(db: string, sql: string): Promise<T[]> {
  const client = new pg.Client({
    host: HOST,
    port: PORTS.postgres,
    database: db,
    user: env.SIGHTLINE_PG_READER_USER ?? 'sightline_reader',
    password: env.SIGHTLINE_PG_READER_PASSWORD ?? 'reader-pass',
  })
  await client.connect()
  try {
    return (await client.query<T>(sql)).rows
  } finally {
    await client.end()
  }
}

const idsOf = (p: LookupPerson) => new Set(p.groups.flatMap((g) => g.records))

describe.skipIf(!up)('lookup quality on the small estate', () => {
  let ws: string
  let host: ApiHost
  let customers: Array<{ id: number; email: string | null; postcode: string | null }>

  async function lookUp(input: LookupInput): Promise<LookupResult> {
    const started = await host.api.startLookup({ input, reason: REASON, scans: 'allow' })
    const job = await jobEnd(host, started.jobId)
    expect(job.state, JSON.stringify(job.error)).toBe('succeeded')
    return host.api.getLookup({ lookupId: started.lookupId })
  }
  /** The crm CustomerIds among a result's records, per person (people then linked). */
  function crmIds(result: LookupResult, person: LookupPerson): number[] {
    const mine = idsOf(person)
    return result.records
      .filter((r) => mine.has(r.id) && r.assetUrn === 'postgres://amper-pg/crm/dbo/Customer')
      .map((r) => Number(r.recordKey.CustomerId))
  }

  beforeAll(async () => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'sightline-lookup-quality-'))
    cpSync(path.join(REPO_ROOT, 'catalog'), path.join(ws, 'catalog'), { recursive: true })
    host = await createApiHost({
      workspaceDir: ws,
      mode: 'serve',
      secretStore: new MemorySecretStore(),
      actor: 'lookup-quality-tester',
      env: { ...process.env, ...env },
    })
    await crawlToEnd(host, { sampleSize: 50 })
    customers = await query(
      'crm',
      `SELECT c."CustomerId" AS id, lower(trim(c."Email")) AS email, a."Postcode" AS postcode
         FROM dbo."Customer" c LEFT JOIN dbo."Address" a USING ("CustomerId") ORDER BY 1`,
    )
  }, 300_000)

  afterAll(async () => {
    await host?.close()
    if (ws) rmSync(ws, { recursive: true, force: true })
  })

  it('treats an email two crm customers hold (a household) as weak: side by side, not merged', async () => {
    const holders = new Map<string, Set<number>>()
    for (const c of customers)
      if (c.email) holders.set(c.email, (holders.get(c.email) ?? new Set()).add(c.id))
    const pair = truth.people.find((p) => {
      const other = truth.people.find((q) => q.personId === p.sharesHouseholdWith)
      return (
        other &&
        p.email === other.email &&
        p.crmCustomerIds.length === 1 &&
        other.crmCustomerIds.length === 1 &&
        holders.get(p.email!)?.size === 2
      )
    })
    expect(pair, 'a household sharing an email in crm').toBeDefined()
    const result = await lookUp({ value: pair!.email! })
    expect(result.identifierShared?.people).toBeGreaterThanOrEqual(2)
    // Each crm customer is its own person: no person holds both customer numbers.
    const byPerson = result.people.map((p) => crmIds(result, p)).filter((ids) => ids.length > 0)
    expect(byPerson.length).toBeGreaterThanOrEqual(2)
    for (const ids of byPerson) expect(new Set(ids).size).toBe(1)
  }, 120_000)

  it('finds a duplicate crm record through the email, linked to the person, not merged', async () => {
    const emailOf = new Map(customers.map((c) => [c.id, c.email]))
    const dup = truth.people.find(
      (p) =>
        p.presence.crmDuplicate &&
        !p.sharesHouseholdWith &&
        p.crmCustomerIds.length === 2 &&
        emailOf.get(p.crmCustomerIds[0]!) &&
        emailOf.get(p.crmCustomerIds[0]!) === emailOf.get(p.crmCustomerIds[1]!) &&
        [...emailOf.values()].filter((e) => e === emailOf.get(p.crmCustomerIds[0]!)).length === 2,
    )
    expect(dup, 'a duplicated crm customer with one email').toBeDefined()
    const [first, second] = dup!.crmCustomerIds as [number, number]
    const result = await lookUp({ value: String(first), kind: 'customer-number' })
    expect(result.people.flatMap((p) => crmIds(result, p))).toEqual([first])
    const linked = result.linked.find((l) => crmIds(result, l.person).includes(second))
    expect(linked, 'the duplicate record as a linked person').toBeDefined()
    expect(linked!.sharedVia.map((s) => s.kind)).toContain('email')
  }, 120_000)

  it('finds a duplicate crm record holding an older email through the phone, linked not merged', async () => {
    // Phones compared by their last ten digits (`0044 7123 456789` is `07123 456789`).
    const rows = await query<{ id: number; email: string | null; phone: string }>(
      'crm',
      `SELECT "CustomerId" AS id, lower(trim("Email")) AS email,
              right(regexp_replace(coalesce("MobilePhone", ''), '\\D', '', 'g'), 10) AS phone
         FROM dbo."Customer" ORDER BY 1`,
    )
    const byId = new Map(rows.map((r) => [r.id, r]))
    const holders = new Map<string, number>()
    for (const r of rows) holders.set(r.phone, (holders.get(r.phone) ?? 0) + 1)
    const dup = truth.people.find((p) => {
      const [a, b] = p.crmCustomerIds.map((id) => byId.get(id))
      return (
        p.crmCustomerIds.length === 2 &&
        !p.sharesHouseholdWith &&
        a?.email &&
        b?.email &&
        a.email !== b.email &&
        a.phone.length === 10 &&
        a.phone === b.phone &&
        holders.get(a.phone) === 2
      )
    })
    expect(dup, 'a duplicated crm customer under another email, one mobile').toBeDefined()
    const [first, second] = dup!.crmCustomerIds as [number, number]
    const result = await lookUp({ value: String(first), kind: 'customer-number' })
    expect(result.people.flatMap((p) => crmIds(result, p))).toEqual([first])
    const linked = result.linked.find((l) => crmIds(result, l.person).includes(second))
    expect(linked, 'the duplicate record as a linked person').toBeDefined()
    expect(linked!.sharedVia.map((s) => s.kind)).toContain('phone')
  }, 120_000)

  it('finds a legacy row without an email through the phone it shares, as a linked person', async () => {
    // Phones compared by their last ten digits, on both sides.
    const digits = (col: string) =>
      `right(regexp_replace(coalesce(${col}, ''), '\\D', '', 'g'), 10)`
    const legacyRows = await query<{ id: number; phone: string }>(
      'legacy',
      `SELECT "CUST_ID" AS id, ${digits('"TEL_NO"')} AS phone FROM dbo."tblCust"
        WHERE coalesce(trim("EML_ADDR"), '') = '' ORDER BY 1`,
    )
    const crmRows = await query<{ id: number; mobile: string; home: string }>(
      'crm',
      `SELECT "CustomerId" AS id, ${digits('"MobilePhone"')} AS mobile,
              ${digits('"HomePhone"')} AS home FROM dbo."Customer"`,
    )
    const legacyPhone = new Map(legacyRows.map((r) => [r.id, r.phone]))
    const crmPhones = new Map(crmRows.map((r) => [r.id, [r.mobile, r.home]]))
    const person = truth.people.find((p) => {
      const legacy = (p as { legacyCustId?: number | null }).legacyCustId
      const phone = legacy ? legacyPhone.get(legacy) : undefined
      return (
        phone?.length === 10 &&
        p.crmCustomerIds.length === 1 &&
        !p.sharesHouseholdWith &&
        crmPhones.get(p.crmCustomerIds[0]!)?.includes(phone)
      )
    }) as (PersonLine & { legacyCustId: number }) | undefined
    expect(
      person,
      'a person whose legacy row shares a phone with crm and has no email',
    ).toBeDefined()
    const result = await lookUp({
      value: String(person!.crmCustomerIds[0]),
      kind: 'customer-number',
    })
    const legacyIds = (p: LookupPerson) =>
      result.records
        .filter(
          (r) => idsOf(p).has(r.id) && r.assetUrn === 'postgres://amper-pg/legacy/dbo/tblCust',
        )
        .map((r) => Number(r.recordKey.CUST_ID))
    expect(result.people.flatMap(legacyIds)).not.toContain(person!.legacyCustId)
    const linked = result.linked.find((l) => legacyIds(l.person).includes(person!.legacyCustId))
    expect(linked, 'the legacy row as a linked person').toBeDefined()
    expect(linked!.sharedVia.map((v) => v.kind)).toContain('phone')
  }, 120_000)

  it('finds every address of the customer a name and postcode found, another postcode too', async () => {
    const rows = await query<{ id: number; first: string; last: string; postcode: string }>(
      'crm',
      `SELECT c."CustomerId" AS id, trim(c."FirstName") AS first, trim(c."LastName") AS last,
              upper(regexp_replace(a."Postcode", '\\s', '', 'g')) AS postcode
         FROM dbo."Customer" c JOIN dbo."Address" a USING ("CustomerId") ORDER BY a."AddressId"`,
    )
    const postcodes = new Map<number, Set<string>>()
    for (const r of rows) postcodes.set(r.id, (postcodes.get(r.id) ?? new Set()).add(r.postcode))
    const row = rows.find(
      (r) => postcodes.get(r.id)!.size >= 2 && /^[A-Za-z]+$/.test(r.first + r.last),
    )
    expect(row, 'a crm customer with addresses at two postcodes').toBeDefined()
    const postcode = `${row!.postcode.slice(0, -3)} ${row!.postcode.slice(-3)}`
    const result = await lookUp({
      value: '',
      kind: 'name-postcode',
      parts: { name: `${row!.first} ${row!.last}`, postcode },
    })
    const addresses = await query<{ id: number }>(
      'crm',
      `SELECT "AddressId" AS id FROM dbo."Address" WHERE "CustomerId" = ${row!.id}`,
    )
    const found = result.records
      .filter((r) => r.assetUrn === 'postgres://amper-pg/crm/dbo/Address')
      .map((r) => Number(r.recordKey.AddressId))
    expect(found).toEqual(expect.arrayContaining(addresses.map((a) => a.id)))
  }, 120_000)

  it('finds the duplicate row without a birth date of the person a name and birth date found', async () => {
    const rows = await query<{ id: number; first: string; last: string; dob: string | null }>(
      'crm',
      `SELECT "CustomerId" AS id, trim("FirstName") AS first, trim("LastName") AS last,
              to_char("DateOfBirth", 'YYYY-MM-DD') AS dob FROM dbo."Customer" ORDER BY 1`,
    )
    const byId = new Map(rows.map((r) => [r.id, r]))
    const dup = truth.people.find((p) => {
      const [a, b] = p.crmCustomerIds.map((id) => byId.get(id))
      return p.crmCustomerIds.length === 2 && !p.sharesHouseholdWith && a?.dob && b && !b.dob
    })
    expect(dup, 'a duplicated crm customer whose second row has no birth date').toBeDefined()
    const [first, second] = dup!.crmCustomerIds.map((id) => byId.get(id)!) as [
      (typeof rows)[number],
      (typeof rows)[number],
    ]
    const result = await lookUp({
      value: '',
      kind: 'name-dob',
      parts: { name: `${first.first} ${first.last}`, dob: first.dob! },
    })
    const crm = result.records
      .filter((r) => r.assetUrn === 'postgres://amper-pg/crm/dbo/Customer')
      .map((r) => Number(r.recordKey.CustomerId))
    expect(crm).toEqual(expect.arrayContaining([first.id, second.id]))
    // Two customer numbers: two people (or a person and a linked one), never one.
    for (const p of [...result.people, ...result.linked.map((l) => l.person)])
      expect(crmIds(result, p).length).toBeLessThanOrEqual(1)
  }, 120_000)

  it('finds a name with a postcode held without its space', async () => {
    const compact = customers.find((c) => c.postcode && /^[A-Z0-9]{5,7}$/.test(c.postcode))
    const person = truth.people.find(
      (p) =>
        compact &&
        p.crmCustomerIds.includes(compact.id) &&
        !p.sharesHouseholdWith &&
        p.presence.crmDuplicate === false,
    )
    expect(person, 'a crm customer with a compact postcode').toBeDefined()
    const line = await query<{ first: string; last: string; postcode: string }>(
      'crm',
      `SELECT trim(c."FirstName") AS first, trim(c."LastName") AS last, a."Postcode" AS postcode
         FROM dbo."Customer" c JOIN dbo."Address" a USING ("CustomerId")
        WHERE c."CustomerId" = ${compact!.id}`,
    )
    const postcode = `${line[0]!.postcode.slice(0, -3)} ${line[0]!.postcode.slice(-3)}`
    const result = await lookUp({
      value: '',
      kind: 'name-postcode',
      parts: { name: `${line[0]!.first} ${line[0]!.last}`, postcode },
    })
    const found = result.people.flatMap((p) => crmIds(result, p))
    expect(found).toContain(compact!.id)
    expect(result.candidates?.length).toBeGreaterThan(0)
  }, 120_000)

  it('finds a legacy customer by name and a date of birth the legacy system writes dd/mm/yyyy', async () => {
    const rows = await query<{ id: number; name: string; dob: string }>(
      'legacy',
      `SELECT "CUST_ID" AS id, "CUST_NM" AS name, "DOB_DT" AS dob FROM dbo."tblCust"
        WHERE "DOB_DT" ~ '^\\d{2}/\\d{2}/\\d{4}$' AND "CUST_NM" ~ '^[A-Za-z]+ [A-Za-z]+$'
        ORDER BY 1`,
    )
    const row = rows[0]
    expect(row, 'a legacy row with a dd/mm/yyyy birth date').toBeDefined()
    const [d, m, y] = row!.dob.split('/')
    const result = await lookUp({
      value: '',
      kind: 'name-dob',
      parts: { name: row!.name, dob: `${y}-${m}-${d}` },
    })
    const legacy = result.records.filter(
      (r) => r.assetUrn === 'postgres://amper-pg/legacy/dbo/tblCust',
    )
    expect(legacy.map((r) => Number(r.recordKey.CUST_ID))).toContain(row!.id)
    expect(result.candidates?.[0]?.score).toBeGreaterThan(0.9)
  }, 120_000)
})
