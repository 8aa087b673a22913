import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parsePhoneNumberFromString } from 'libphonenumber-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generate } from '../../estate/data/generate.js'
import type { Manifest } from '../../estate/data/manifest.js'
import { luhnValid, ibanValid } from '../../estate/data/finance.js'

const roots: string[] = []
function freshRoot(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sightline-gen-'))
  roots.push(dir)
  return dir
}

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
const unescapeCopy = (v: string) =>
  v.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r' })[c] ?? c)
const copyRows = (file: string) =>
  lines(file).map((l) => l.split('\t').map((v) => (v === '\\N' ? null : unescapeCopy(v))))

let dir: string
let manifest: Manifest
let second: { dir: string; manifest: Manifest }

beforeAll(async () => {
  const first = await generate({ scale: 'tiny', seed: '42', root: freshRoot() })
  dir = first.dir
  manifest = first.manifest
  second = await generate({ scale: 'tiny', seed: '42', root: freshRoot() })
}, 120_000)

afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true })
})

describe('estate generator: determinism', () => {
  it('writes byte-identical files for the same seed', () => {
    expect(Object.keys(manifest.files).length).toBeGreaterThan(25)
    expect(second.manifest.files).toEqual(manifest.files)
    expect(readFileSync(path.join(second.dir, 'manifest.json'))).toEqual(
      readFileSync(path.join(dir, 'manifest.json')),
    )
    expect(second.manifest.contentHash).toBe(manifest.contentHash)
  })

  it('writes different data for a different seed', async () => {
    const other = await generate({ scale: 'tiny', seed: '43', root: freshRoot() })
    expect(other.manifest.contentHash).not.toBe(manifest.contentHash)
    expect(other.manifest.files['pg/crm/dbo.Customer.copy']!.sha256).not.toBe(
      manifest.files['pg/crm/dbo.Customer.copy']!.sha256,
    )
  })

  it('reuses a cached generation of the same scale and seed', async () => {
    const again = await generate({ scale: 'tiny', seed: '42', root: path.dirname(dir) })
    expect(again.cached).toBe(true)
    expect(again.manifest.contentHash).toBe(manifest.contentHash)
  })
})

describe('estate generator: ground truth', () => {
  it('records a person id for every row of every table, keyed by primary key', () => {
    for (const asset of manifest.assets.filter((a) => a.kind === 'table')) {
      const rows = copyRows(path.join(dir, asset.dataFile!))
      const records = lines(path.join(dir, (asset.personIds as { file: string }).file)).map((l) =>
        l.split('\t'),
      )
      expect(rows.length, asset.urn).toBe(asset.count)
      expect(records.map((r) => r[0])).toEqual(rows.map((r) => r[0]))
      for (const r of records) expect(r[1], `${asset.urn} ${r[0]}`).toMatch(/^P\d{7}$/)
    }
  })

  it('has a person id (or an explicit null for anonymous sessions) on every topic record', () => {
    for (const topic of ['web.clickstream.v1', 'returns.requests', 'fraud.scores']) {
      const records = lines(path.join(dir, 'topics', `${topic}.jsonl`)).map(
        (l) => JSON.parse(l) as { key: string | null; value: object; personId: string | null },
      )
      expect(records.length).toBe(manifest.counts.topicRecords[topic])
      for (const r of records) expect(r.personId === null || /^P\d{7}$/.test(r.personId)).toBe(true)
      if (topic !== 'web.clickstream.v1')
        expect(records.every((r) => r.personId !== null)).toBe(true)
    }
  })

  it('hashes the lower-cased trimmed crm email into clickstream emailSha256', () => {
    const emails = new Map(
      copyRows(path.join(dir, 'pg/crm/dbo.Customer.copy')).map((r) => [Number(r[0]), r[5]]),
    )
    const events = lines(path.join(dir, 'topics/web.clickstream.v1.jsonl')).map(
      (l) => JSON.parse(l).value as { customerId: number | null; emailSha256: string | null },
    )
    const known = events.filter((e) => e.customerId !== null)
    expect(known.length).toBeGreaterThan(100)
    for (const e of known) {
      const email = emails.get(e.customerId!)
      expect(e.emailSha256).toBe(
        email ? createHash('sha256').update(email.trim().toLowerCase()).digest('hex') : null,
      )
    }
    expect(events.some((e) => e.customerId === null)).toBe(true)
  })

  it("expects single-view values that the builder's transformations produce from the stored crm values", () => {
    const customers = copyRows(path.join(dir, 'pg/crm/dbo.Customer.copy'))
    const expected = lines(path.join(dir, manifest.expectedSingleview)).map((l) => JSON.parse(l))
    expect(expected.length).toBe(customers.length)
    const toE164 = (v: string | null) => {
      const parsed = v === null ? undefined : parsePhoneNumberFromString(v, 'GB')
      return parsed?.isValid() ? parsed.number : null
    }
    customers.forEach((row, i) => {
      const doc = expected[i]
      expect(doc._id).toBe(`C${row[0]!.padStart(8, '0')}`)
      expect(doc.contact.email).toBe(row[5] === null ? null : row[5]!.trim().toLowerCase())
      expect(doc.contact.mobile).toBe(toE164(row[6]!))
      expect(doc.contact.home).toBe(toE164(row[7]!))
      expect(doc.name.first).toBe(row[2]!.trim())
    })
  })

  it('lists lineage from crm columns through CDC topic fields to single-view fields', () => {
    const email = 'postgres://amper-pg/crm/dbo/Customer#Email'
    const topic = 'kafka://events/crm.dbo.Customer#after.Email'
    expect(manifest.lineage).toContainEqual(
      expect.objectContaining({ from: email, to: topic, transform: { type: 'identity' } }),
    )
    const toSv = manifest.lineage.find((e) => e.from === topic)!
    expect(toSv.to).toBe('mongodb://singleview/singleview/customers#contact.email')
    expect(manifest.lineage).toContainEqual(
      expect.objectContaining({
        from: 'kafka://events/crm.dbo.Customer#after.CustomerId',
        to: 'mongodb://singleview/singleview/customers#_id',
        transform: { type: 'prefix-pad', prefix: 'C', width: 8 },
      }),
    )
    const categories = new Map(manifest.personalFields.map((f) => [f.urn, f.category]))
    expect(
      categories.get('postgres://amper-pg/orders/sales/legacy_card_payments#card_number'),
    ).toBe('financial.card_number')
    expect(categories.get('postgres://amper-pg/legacy/dbo/tblCust#EML_ADDR')).toBe('contact.email')
    expect(categories.get('kafka://events/web.clickstream.v1#emailSha256')).toBe(
      'pseudonymous.hash',
    )
  })
})

describe('estate generator: messiness', () => {
  const customers = () => copyRows(path.join(dir, 'pg/crm/dbo.Customer.copy'))
  const people = () => lines(path.join(dir, 'people.jsonl')).map((l) => JSON.parse(l))

  it('has near-duplicate customers: one person, two CustomerIds', () => {
    const dupes = people().filter((p) => p.crmCustomerIds.length > 1)
    expect(dupes.length).toBeGreaterThan(3)
  })

  it('has people sharing an address or a phone, and people in some stores and not others', () => {
    const ps = people()
    expect(ps.filter((p) => p.sharesHouseholdWith !== null).length).toBeGreaterThan(3)
    const homes = ps.map((p) => p.homePhone).filter(Boolean)
    expect(new Set(homes).size).toBeLessThan(homes.length)
    expect(ps.some((p) => !p.presence.inCrm && p.presence.inLegacy)).toBe(true)
    expect(ps.some((p) => p.presence.inCrm && !p.presence.inLegacy)).toBe(true)
  })

  it('has mixed-case and padded emails, nulls, accents and apostrophes', () => {
    const rows = customers()
    const emails = rows.map((r) => r[5]).filter((e): e is string => e !== null)
    expect(emails.some((e) => e !== e.toLowerCase())).toBe(true)
    expect(emails.some((e) => e !== e.trim())).toBe(true)
    expect(rows.some((r) => r[5] === null)).toBe(true)
    expect(rows.some((r) => r[4] === null)).toBe(true)
    const names = rows.flatMap((r) => [r[2], r[3]]).join(' ')
    expect(names).toMatch(/[À-ž]/)
    expect(names).toMatch(/O'|-/)
    const phones = rows.map((r) => r[6]).filter((p): p is string => p !== null)
    expect(phones.some((p) => p.startsWith('+44'))).toBe(true)
    expect(phones.some((p) => p.startsWith('07'))).toBe(true)
  })

  it('has Luhn-valid full card numbers in the legacy table and special-category call notes', () => {
    const cards = copyRows(path.join(dir, 'pg/orders/sales.legacy_card_payments.copy')).map(
      (r) => r[2]!,
    )
    expect(cards.length).toBeGreaterThan(0)
    for (const pan of cards) expect(luhnValid(pan), pan).toBe(true)
    const summaries = lines(path.join(dir, 'mongo/callcentre.interactions.jsonl')).map(
      (l) => JSON.parse(l).summary as string,
    )
    expect(
      summaries.some((s) =>
        /stroke|blind|dementia|chemotherapy|depression|Hearing|VulnerableCustomer/.test(s),
      ),
    ).toBe(true)
  })

  it('puts valid IBANs into some fraud-case notes', async () => {
    // Fraud cases are rare at the tiny scale: use the small scale's notes.
    const small = await generate({ scale: 'small', seed: '42', root: freshRoot() })
    const notes = lines(path.join(small.dir, 'mongo/fraud.cases.jsonl')).map(
      (l) => JSON.parse(l).notes as string,
    )
    const ibans = notes.flatMap((n) => n.match(/GB\d{2}(?: ?[A-Z0-9]{4}){4} ?\d{2}/g) ?? [])
    expect(ibans.length).toBeGreaterThan(0)
    for (const iban of ibans) expect(ibanValid(iban), iban).toBe(true)
  }, 60_000)
})
