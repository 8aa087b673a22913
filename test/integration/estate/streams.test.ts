import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import avro from 'avsc'
import type { Admin, Kafka } from 'kafkajs'
import { MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serviceAvailable } from '../../support/estate'
import {
  canonicalJson,
  generatedRecords,
  kafkaFor,
  pgQuery,
  readTopic,
  streamsEnv,
  waitUntil,
} from './streams-support'

/**
 * The Kafka side of the reference estate against the live servers: connectors, CDC snapshots,
 * the Avro topic and its registry schema, the MongoDB sink and the single-view builder.
 */
const e = streamsEnv()
const up =
  (await serviceAvailable('PostgreSQL', e.host, e.pgPort)) &&
  (await serviceAvailable('Kafka', e.host, e.kafkaPort)) &&
  (await serviceAvailable('Kafka Connect', e.host, e.connectPort)) &&
  (await serviceAvailable('Apicurio Registry', e.host, e.registryPort)) &&
  (await serviceAvailable('FerretDB', e.host, e.mongoPort))

const connectUrl = `http://${e.host}:${e.connectPort}`
const getJson = async <T>(url: string): Promise<T> => {
  const res = await fetch(url)
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}
const CDC = [
  { database: 'crm', schema: 'dbo', prefix: 'crm' },
  { database: 'orders', schema: 'sales', prefix: 'orders' },
]
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`
/** SQL trimming any whitespace (tabs too), as JavaScript's trim() does; btrim() takes spaces only. */
const trim = (column: string) => `regexp_replace(${column}, '^\\s+|\\s+$', '', 'g')`

describe.skipIf(!up)('estate streams (Kafka Connect, CDC, registry, sink, single view)', () => {
  let kafka: Kafka
  let admin: Admin
  let mongo: MongoClient

  beforeAll(async () => {
    kafka = kafkaFor(e)
    admin = kafka.admin()
    await admin.connect()
    mongo = await MongoClient.connect(`mongodb://${e.host}:${e.mongoPort}/`, {
      serverSelectionTimeoutMS: 10_000,
    })
  })
  afterAll(async () => {
    await admin?.disconnect()
    await mongo?.close()
  })

  it('runs every Connect connector and task', async () => {
    const names = await getJson<string[]>(`${connectUrl}/connectors`)
    expect(names).toEqual(expect.arrayContaining(['crm-cdc', 'orders-cdc', 'returns-sink']))
    for (const name of names) {
      const status = await getJson<{ connector: { state: string }; tasks: { state: string }[] }>(
        `${connectUrl}/connectors/${name}/status`,
      )
      expect(status.connector.state, name).toBe('RUNNING')
      expect(status.tasks.length, name).toBeGreaterThan(0)
      for (const task of status.tasks) expect(task.state, name).toBe('RUNNING')
    }
  })

  it('carries one snapshot event per source row on each CDC topic, over 6 partitions', async () => {
    const topics = new Set(await admin.listTopics())
    for (const { database, schema, prefix } of CDC) {
      const tables = await pgQuery<{ table_name: string }>(
        e,
        database,
        `SELECT table_name FROM information_schema.tables WHERE table_schema = '${schema}' AND table_type = 'BASE TABLE'`,
      )
      expect(tables.length, `${database}.${schema} tables`).toBeGreaterThan(0)
      for (const { table_name } of tables) {
        const topic = `${prefix}.${schema}.${table_name}`
        const [{ n }] = (await pgQuery<{ n: string }>(
          e,
          database,
          `SELECT count(*) AS n FROM ${quote(schema)}.${quote(table_name)}`,
        )) as [{ n: string }]
        if (Number(n) === 0) continue // Debezium creates a topic with its first event
        expect(topics.has(topic), topic).toBe(true)
        const offsets = await admin.fetchTopicOffsets(topic)
        expect(offsets.length, `${topic} partitions`).toBe(6)
        const messages = await readTopic(kafka, admin, topic)
        const snapshotKeys = new Set<string>()
        for (const m of messages) {
          if (!m.value) continue
          const envelope = JSON.parse(m.value.toString()) as {
            schema: unknown
            payload: { op: string }
          }
          expect(envelope.schema, `${topic} has the schema+payload envelope`).toBeDefined()
          if (envelope.payload.op === 'r') snapshotKeys.add(m.key!.toString())
        }
        expect(snapshotKeys.size, `${topic} snapshot events`).toBe(Number(n))
      }
    }
  })

  it('holds the fraud.scores schema in the registry, and a record decodes with it', async () => {
    const subjects = await getJson<string[]>(`${e.registryUrl}/subjects`)
    expect(subjects).toContain('fraud.scores-value')
    const latest = await getJson<{ id: number; schema: string }>(
      `${e.registryUrl}/subjects/fraud.scores-value/versions/latest`,
    )
    const generated = generatedRecords(e, 'fraud.scores')
    const messages = await readTopic(kafka, admin, 'fraud.scores')
    expect(messages.length).toBe(generated.length)
    const byId = new Map<number, avro.Type>()
    const decoded = new Set<string>()
    for (const m of messages) {
      const value = m.value!
      expect(value.readUInt8(0), 'magic byte').toBe(0)
      const id = value.readInt32BE(1)
      let type = byId.get(id)
      if (!type) {
        const { schema } = await getJson<{ schema: string }>(`${e.registryUrl}/schemas/ids/${id}`)
        byId.set(id, (type = avro.Type.forSchema(JSON.parse(schema) as avro.Schema)))
      }
      const record = type.fromBuffer(value.subarray(5)) as Record<string, unknown>
      decoded.add(
        canonicalJson({ ...record, scoredAt: new Date(record.scoredAt as number).toISOString() }),
      )
    }
    expect([...byId.keys()]).toEqual([latest.id])
    for (const { value } of generated) {
      const expected = { ...value, scoredAt: new Date(value.scoredAt as string).toISOString() }
      expect(decoded.has(canonicalJson(expected)), canonicalJson(expected)).toBe(true)
    }
  })

  it('sinks returns.requests into ops.returns', async () => {
    const generated = generatedRecords(e, 'returns.requests')
    const returns = mongo.db('ops').collection('returns')
    await waitUntil('ops.returns holds every record', 60_000, async () => {
      const n = await returns.countDocuments()
      return n === generated.length || `${n}/${generated.length}`
    })
    const docs = (await returns.find({}).toArray())
      .map(({ _id, ...rest }) => canonicalJson(rest))
      .sort()
    expect(docs).toEqual(generated.map((r) => canonicalJson(r.value)).sort())
  })

  describe('singleview.customers', () => {
    type Doc = {
      _id: string
      name: { title: string | null; first: string | null; last: string | null }
      dateOfBirth: string | null
      contact: { email: string | null; mobile: string | null; home: string | null }
      addresses: { type: string; line1: string; town: string; postcode: string | null }[]
      preferences: { channel: string; optIn: boolean }[]
      loyalty: { number: string; tier: string } | null
      orders: { count: number; lifetimeValueGbp: number; lastOrderAt: string | null }
      fraud: { score: number; flags: string[] } | null
    }
    const docs = new Map<number, Doc>()

    beforeAll(async () => {
      const statusFile = path.join(e.estateDir, 'run', 'builder-status.json')
      await waitUntil('the builder has caught up', 110_000, async () => {
        if (!existsSync(statusFile))
          return 'no builder-status.json: is services/builder.sh started?'
        const status = JSON.parse(readFileSync(statusFile, 'utf8')) as {
          caughtUp: boolean
          lag: number
        }
        return status.caughtUp || `lag ${status.lag}`
      })
      for (const doc of await mongo
        .db('singleview')
        .collection<Doc>('customers')
        .find({})
        .toArray()) {
        expect(doc._id).toMatch(/^C\d{8}$/)
        docs.set(Number(doc._id.slice(1)), doc)
      }
    })

    it("matches the generator's expected single view, document for document", () => {
      const file = path.join(e.dataDir, 'expected', 'singleview.customers.jsonl')
      const expected = readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
      expect(expected.length).toBeGreaterThan(0)
      const actual = new Map([...docs.values()].map((d) => [d._id, canonicalJson(d)]))
      for (const line of expected) {
        const want = JSON.parse(line) as { _id: string }
        expect(actual.get(want._id), want._id).toBe(canonicalJson(want))
      }
      expect(actual.size).toBe(expected.length)
    })

    it('holds exactly one document per crm customer, keyed "C" + zero-padded id', async () => {
      const ids = await pgQuery<{ id: number }>(
        e,
        'crm',
        `SELECT "CustomerId" AS id FROM dbo."Customer"`,
      )
      expect(ids.length).toBeGreaterThan(0)
      expect(docs.size).toBe(ids.length)
      for (const { id } of ids) expect(docs.get(id)?._id).toBe('C' + String(id).padStart(8, '0'))
    })

    it('trims names, lower-cases emails, formats dates and phones', async () => {
      const rows = await pgQuery<Record<string, string | null> & { id: number }>(
        e,
        'crm',
        `SELECT "CustomerId" AS id, nullif(${trim('"FirstName"')}, '') AS first, nullif(${trim('"LastName"')}, '') AS last,
                to_char("DateOfBirth", 'YYYY-MM-DD') AS dob, nullif(lower(${trim('"Email"')}), '') AS email,
                "MobilePhone" AS mobile, "HomePhone" AS home
           FROM dbo."Customer"`,
      )
      let phones = 0
      for (const r of rows) {
        const doc = docs.get(r.id)!
        expect(doc.name.first).toBe(r.first)
        expect(doc.name.last).toBe(r.last)
        expect(doc.dateOfBirth).toBe(r.dob)
        expect(doc.contact.email).toBe(r.email)
        for (const [raw, e164] of [
          [r.mobile, doc.contact.mobile],
          [r.home, doc.contact.home],
        ] as const) {
          if (e164 === null) continue
          // E.164 of a UK number: +44 then the national number, which the raw value's digits end with.
          expect(e164).toMatch(/^\+44\d{9,10}$/)
          expect(raw!.replace(/\D/g, '').endsWith(e164.slice(3)), `${raw} -> ${e164}`).toBe(true)
          phones++
        }
      }
      expect(phones).toBeGreaterThan(rows.length / 2)
    })

    it('holds addresses, preferences and loyalty as in crm', async () => {
      const addresses = await pgQuery<{
        id: number
        type: string
        line1: string
        town: string
        postcode: string | null
      }>(
        e,
        'crm',
        `SELECT "CustomerId" AS id, "AddressType" AS type, "Line1" AS line1, "Town" AS town,
                upper(regexp_replace("Postcode", '\\s', '', 'g')) AS postcode
           FROM dbo."Address" ORDER BY "AddressId"`,
      )
      const expected = new Map<number, typeof addresses>()
      for (const a of addresses) expected.set(a.id, [...(expected.get(a.id) ?? []), a])
      for (const [id, doc] of docs) {
        const want = expected.get(id) ?? []
        expect(doc.addresses.map((a) => [a.type, a.line1, a.town])).toEqual(
          want.map((a) => [a.type, a.line1, a.town]),
        )
        doc.addresses.forEach((a, i) => {
          expect(a.postcode?.replace(' ', '') ?? null).toBe(want[i]!.postcode)
          if (a.postcode && /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(want[i]!.postcode ?? '')) {
            expect(a.postcode).toMatch(/^[A-Z0-9]{2,4} \d[A-Z]{2}$/)
          }
        })
      }
      const loyalty = await pgQuery<{ id: number; number: string; tier: string }>(
        e,
        'crm',
        `SELECT "CustomerId" AS id, "LoyaltyNumber" AS number, "Tier" AS tier FROM dbo."LoyaltyAccount"`,
      )
      for (const l of loyalty)
        expect(docs.get(l.id)?.loyalty).toEqual({ number: l.number, tier: l.tier })
      const prefs = await pgQuery<{ id: number; n: string }>(
        e,
        'crm',
        `SELECT "CustomerId" AS id, count(*) AS n FROM dbo."ContactPreference" GROUP BY 1`,
      )
      for (const p of prefs) expect(docs.get(p.id)?.preferences.length).toBe(Number(p.n))
    })

    it('summarises orders as SQL aggregates do', async () => {
      const sums = await pgQuery<{ id: number; n: string; total: string; last: Date }>(
        e,
        'orders',
        `SELECT customer_id AS id, count(*) AS n, sum(total_gbp)::text AS total, max(placed_at) AS last
           FROM sales.orders WHERE customer_id IS NOT NULL GROUP BY customer_id`,
      )
      const byId = new Map(sums.map((s) => [s.id, s]))
      let withOrders = 0
      for (const [id, doc] of docs) {
        const s = byId.get(id)
        if (!s) {
          expect(doc.orders).toEqual({ count: 0, lifetimeValueGbp: 0, lastOrderAt: null })
          continue
        }
        withOrders++
        expect(doc.orders.count).toBe(Number(s.n))
        expect(doc.orders.lifetimeValueGbp.toFixed(2)).toBe(Number(s.total).toFixed(2))
        expect(doc.orders.lastOrderAt).toBe(s.last.toISOString())
      }
      expect(withOrders).toBeGreaterThan(0)
    })

    it('folds in the latest fraud score of each customer', () => {
      const latest = new Map<number, { score: number; reasons: string[]; at: number }>()
      for (const { value } of generatedRecords(e, 'fraud.scores')) {
        const id = Number(value.customerId)
        const at = Date.parse(value.scoredAt as string)
        const current = latest.get(id)
        if (!current || at >= current.at)
          latest.set(id, { score: value.score as number, reasons: value.reasons as string[], at })
      }
      let folded = 0
      for (const [id, doc] of docs) {
        const want = latest.get(id)
        if (!want) {
          expect(doc.fraud).toBeNull()
          continue
        }
        expect(doc.fraud).toEqual({ score: want.score, flags: want.reasons })
        folded++
      }
      expect(folded).toBeGreaterThan(0)
    })
  })
})
