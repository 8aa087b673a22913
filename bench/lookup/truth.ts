/**
 * Ground truth of the small estate for the lookup quality bench: who owns which record.
 *
 * The manifest's `assets[].personIds` says where each asset's owners are written: a
 * `records/*.tsv` file (`<key>\t<personId>[,...]`, keyed by primary key / `_id`; ops.returns by
 * `orderId`) or `inline` in a topic file (`topics/<topic>.jsonl`, `personId` per line). CDC
 * topics share their table's tsv, keyed by the row's primary key. Kafka records are identified
 * by `<topic>#<partition>#<offset>`, so this reads every personal topic once (raw kafkajs) and
 * maps each offset to its owners; ops.returns' `_id` (`<topic>#<partition>#<offset>`) is mapped
 * to its `orderId` through the MongoDB driver.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { MongoClient } from 'mongodb'
import { WireDecoder } from '../../test/estate/streams/fraud-avro'

export interface Person {
  personId: string
  firstName: string
  lastName: string
  dateOfBirth: string | null
  email: string | null
  mobile: string | null
  homePhone: string | null
  address: { postcode: string } | null
  crmCustomerIds: number[]
  singleviewIds: string[]
  sharesHouseholdWith: string | null
  presence: { inCrm: boolean; crmDuplicate: boolean; inLegacy: boolean; prospect: boolean }
}

interface ManifestAsset {
  urn: string
  kind: 'table' | 'topic' | 'collection'
  source: string
  path: string[]
  primaryKey?: string
  personIds?: { file: string; key?: string; inline?: string }
}

export interface Truth {
  people: Person[]
  byId: Map<string, Person>
  /** Asset URN -> source name. */
  sourceOf: Map<string, string>
  /** Asset URN -> record id (see `recordId`) -> owners. */
  owners: Map<string, Map<string, string[]>>
  /** personId -> asset URN -> record ids. */
  expected: Map<string, Map<string, Set<string>>>
  /** personId -> loyalty numbers of their crm customers. */
  loyalty: Map<string, string[]>
  /** Assets whose owners could not be read (reported, not scored). */
  notLoaded: string[]
}

/** A record's id inside its asset: the truth key's value, or `topic#partition#offset`. */
export function recordId(assetUrn: string, recordKey: Record<string, unknown>, truth: Truth) {
  if ('topic' in recordKey && 'offset' in recordKey)
    return `${String(recordKey.topic)}#${String(recordKey.partition)}#${String(recordKey.offset)}`
  const keys = truth.owners.get(assetUrn)
  const values = Object.values(recordKey).map(String)
  return values.find((v) => keys?.has(v)) ?? values.join('|')
}

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean)

/** Reads people.jsonl, the records/*.tsv files and the loyalty numbers (no server needed). */
export function loadFileTruth(dataDir: string): Truth {
  const manifest = JSON.parse(readFileSync(path.join(dataDir, 'manifest.json'), 'utf8')) as {
    assets: ManifestAsset[]
  }
  const people = lines(path.join(dataDir, 'people.jsonl')).map((l) => JSON.parse(l) as Person)
  const truth: Truth = {
    people,
    byId: new Map(people.map((p) => [p.personId, p])),
    sourceOf: new Map(manifest.assets.map((a) => [a.urn, a.source])),
    owners: new Map(),
    expected: new Map(),
    loyalty: new Map(),
    notLoaded: [],
  }
  for (const asset of manifest.assets) {
    if (!asset.personIds?.file.endsWith('.tsv') || asset.kind === 'topic') continue
    const owners = new Map<string, string[]>()
    for (const line of lines(path.join(dataDir, asset.personIds.file))) {
      const [key, ids] = line.split('\t')
      if (key && ids) owners.set(key, ids.split(','))
    }
    truth.owners.set(asset.urn, owners)
  }
  // ops.returns is keyed by orderId in its tsv; its records come back by `_id` (mapped later).
  const loyaltyByCustomer = new Map<number, string>()
  for (const line of lines(path.join(dataDir, 'pg', 'crm', 'dbo.LoyaltyAccount.copy'))) {
    const [, customerId, number] = line.split('\t')
    if (customerId && number) loyaltyByCustomer.set(Number(customerId), number)
  }
  for (const p of people) {
    const numbers = p.crmCustomerIds.flatMap((id) => loyaltyByCustomer.get(id) ?? [])
    if (numbers.length > 0) truth.loyalty.set(p.personId, numbers)
  }
  return truth
}

/** Fills `expected` from `owners` (after the server-side parts are loaded). */
export function indexExpected(truth: Truth): void {
  truth.expected.clear()
  for (const [urn, owners] of truth.owners)
    for (const [id, persons] of owners)
      for (const person of persons) {
        const byAsset = truth.expected.get(person) ?? new Map<string, Set<string>>()
        truth.expected.set(person, byAsset)
        const ids = byAsset.get(urn) ?? new Set<string>()
        byAsset.set(urn, ids)
        ids.add(id)
      }
}

const stable = (v: unknown): string =>
  typeof v === 'bigint'
    ? v.toString()
    : JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x))

/** Signature of an application-topic record, the same from the jsonl line and the message. */
function appSignature(key: string | null, value: Record<string, unknown>): string {
  const v = { ...value }
  if (typeof v.scoredAt === 'number') v.scoredAt = new Date(v.scoredAt).toISOString()
  return `${key ?? ''}|${stable(
    Object.keys(v)
      .sort()
      .map((k) => [k, v[k]]),
  )}`
}

/** Reads every personal topic and ops.returns to map their record ids to owners. */
export async function loadServerTruth(
  truth: Truth,
  dataDir: string,
  env: Record<string, string>,
): Promise<void> {
  const manifest = JSON.parse(readFileSync(path.join(dataDir, 'manifest.json'), 'utf8')) as {
    assets: ManifestAsset[]
  }
  const kafka = new Kafka({
    clientId: 'sightline-bench-lookup-truth',
    brokers: [`127.0.0.1:${env.SIGHTLINE_KAFKA_PORT ?? 59092}`],
    logLevel: logLevel.NOTHING,
  })
  const registry = `http://127.0.0.1:${env.SIGHTLINE_REGISTRY_PORT ?? 58081}/apis/ccompat/v7`
  const decoder = new WireDecoder(registry)
  const topics = manifest.assets.filter((a) => a.kind === 'topic' && a.personIds)
  for (const asset of topics) {
    const topic = asset.path.join('.')
    const owners = new Map<string, string[]>()
    try {
      if (asset.personIds!.inline) {
        const bySignature = new Map<string, string[]>()
        for (const line of lines(path.join(dataDir, asset.personIds!.file))) {
          const r = JSON.parse(line) as {
            key: unknown
            value: Record<string, unknown>
            personId: string | null
          }
          if (!r.personId) continue
          const sig = appSignature(r.key === null ? null : String(r.key), r.value)
          bySignature.set(sig, [...new Set([...(bySignature.get(sig) ?? []), r.personId])])
        }
        await readTopic(kafka, topic, async (partition, offset, key, value) => {
          if (!value) return
          const decoded =
            value[0] === 0 && value.length > 5
              ? await decoder.decode(value)
              : (JSON.parse(value.toString('utf8')) as Record<string, unknown>)
          const who = bySignature.get(appSignature(key?.toString('utf8') ?? null, decoded))
          if (who) owners.set(`${topic}#${partition}#${offset}`, who)
        })
      } else {
        const column = (asset.primaryKey ?? '').replace(/^payload\.after\./, '')
        const tableUrn = manifest.assets.find(
          (a) => a.kind === 'table' && a.personIds?.file === asset.personIds!.file,
        )?.urn
        const tableOwners = tableUrn ? truth.owners.get(tableUrn) : undefined
        if (!tableOwners) throw new Error(`no table truth for ${topic}`)
        await readTopic(kafka, topic, async (partition, offset, key) => {
          if (!key) return
          const parsed = JSON.parse(key.toString('utf8')) as { payload?: Record<string, unknown> }
          const pk = (parsed.payload ?? (parsed as Record<string, unknown>))[column]
          const who = tableOwners.get(String(pk))
          if (who) owners.set(`${topic}#${partition}#${offset}`, who)
        })
      }
      truth.owners.set(asset.urn, owners)
    } catch (e) {
      truth.notLoaded.push(`${asset.urn}: ${(e as Error).message}`)
    }
  }
  // ops.returns: `_id` -> orderId -> owners.
  const returns = manifest.assets.find((a) => a.urn === 'mongodb://singleview/ops/returns')
  const byOrder = returns ? truth.owners.get(returns.urn) : undefined
  if (returns && byOrder) {
    const client = new MongoClient(`mongodb://127.0.0.1:${env.SIGHTLINE_MONGO_PORT ?? 57017}/`)
    try {
      await client.connect()
      const owners = new Map<string, string[]>()
      const docs = client.db('ops').collection<{ _id: string; orderId: number }>('returns').find({})
      for await (const d of docs.project({ _id: 1, orderId: 1 })) {
        const who = byOrder.get(String(d.orderId))
        if (who) owners.set(String(d._id), who)
      }
      truth.owners.set(returns.urn, owners)
    } catch (e) {
      truth.notLoaded.push(`${returns.urn}: ${(e as Error).message}`)
    } finally {
      await client.close()
    }
  }
  indexExpected(truth)
}

/** Every message of a topic, from the low to the high watermark of each partition. */
async function readTopic(
  kafka: Kafka,
  topic: string,
  each: (
    partition: number,
    offset: string,
    key: Buffer | null,
    value: Buffer | null,
  ) => Promise<void>,
): Promise<void> {
  const admin = kafka.admin()
  await admin.connect()
  const offsets = await admin.fetchTopicOffsets(topic)
  await admin.disconnect()
  const remaining = new Map(
    offsets.filter((o) => Number(o.high) > Number(o.low)).map((o) => [o.partition, Number(o.high)]),
  )
  if (remaining.size === 0) return
  const consumer = kafka.consumer({
    groupId: `sightline-bench-lookup-truth-${process.pid}-${Date.now()}`,
    maxWaitTimeInMs: 200,
  })
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          for (const m of batch.messages) {
            await each(batch.partition, m.offset, m.key, m.value)
            if (Number(m.offset) + 1 >= (remaining.get(batch.partition) ?? 0))
              remaining.delete(batch.partition)
          }
          if (remaining.size === 0) resolve()
        },
      })
      .catch(reject)
  })
  await consumer.disconnect()
}
