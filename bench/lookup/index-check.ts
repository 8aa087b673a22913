/**
 * Completeness of a built lookup index against an estate's ground truth (issue 7 item 4): for a
 * sample of the manifest's people,
 * - crm.dbo.Customer: each crm customer id is found by the HMAC of `customer-number:<id>` under
 *   `key.CustomerId`, and every offset found holds a change event of THAT customer (fetched from
 *   Kafka and decoded); the event's own email, phones and ids are found at the same offset under
 *   their fields (the index holds what the record holds, where it is);
 * - web.clickstream.v1 (`emailSha256`) and fraud.scores (`customerId`): the number of offsets
 *   found equals the number of messages the generator wrote with that value, and each holds it.
 * Used by test/integration/lookup-index-completeness.test.ts (small estate) and, after a bench
 * build, from the command line:
 *
 *   npx tsx bench/lookup/index-check.ts [--env /work/bench-estate/estate/estate.env]
 *     [--workspace /tmp/sightline-lookup-speed-estate] [--people 200] [--source events]
 */
import { createReadStream } from 'node:fs'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { RegistrySchemas } from '../../src/main/connectors/kafka/avro-decoder'
import { openKafkaClients } from '../../src/main/connectors/kafka/kafka-client'
import {
  abortableBy,
  fetchOffsets,
  knownTopicPartitions,
} from '../../src/main/connectors/kafka/lookup-fetch'
import { flattenRecord, valuesAt } from '../../src/main/connectors/kafka/lookup-decode'
import { parseKafkaSource } from '../../src/main/connectors/kafka/parse-url'
import type { ResolvedSource } from '../../src/main/connectors/connector'
import type { ResolvedSourceRef } from '../../src/main/connectors/crawl-model'
import { resolveEntry } from '../../src/main/api/source-records'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import { SourcesFile } from '../../src/main/workspace/sources-file'
import { indexHmac, tokenOf, type IndexKind } from '../../src/main/lookup/kafka-index/index-fields'
import type { LookupIndexRepository } from '../../src/main/store/lookup-index-repository'

export interface IndexCheckInput {
  store: { readonly lookupIndex: LookupIndexRepository; workspaceKey(): Promise<Buffer> }
  /** The Kafka source as sources.yaml resolves it, and its registry (fraud.scores is Avro). */
  kafka: ResolvedSource
  schemaRegistry?: ResolvedSourceRef
  /** The estate's data directory (manifest.json, people.jsonl, topics/). */
  dataDir: string
  people: number
}

export interface IndexCheckResult {
  people: number
  customers: { checked: number; found: number; offsets: number; wrong: string[] }
  /** Per topic field: values checked, offsets expected (generator) and found. */
  topics: Array<{
    topic: string
    field: string
    values: number
    expected: number
    found: number
    wrong: string[]
  }>
  /** Other fields of the fetched crm events found at the same offset / asked. */
  sameOffset: { asked: number; found: number }
}

interface Person {
  personId: string
  crmCustomerIds?: number[]
}

async function* lines(file: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
  for await (const l of rl) if (l.trim()) yield l
}

/** Every k-th person with crm ids, up to `n` (deterministic: the same sample every run). */
async function samplePeople(file: string, n: number): Promise<Person[]> {
  const all: Person[] = []
  for await (const l of lines(file)) {
    const p = JSON.parse(l) as Person
    if (p.crmCustomerIds && p.crmCustomerIds.length > 0) all.push(p)
  }
  const step = Math.max(1, Math.floor(all.length / n))
  return all.filter((_, i) => i % step === 0).slice(0, n)
}

const CRM = 'crm.dbo.Customer'
const CRM_OTHER_FIELDS: Array<[string, IndexKind]> = [
  ['after.Email', 'email'],
  ['after.MobilePhone', 'phone'],
  ['after.HomePhone', 'phone'],
]

export async function checkIndex(input: IndexCheckInput): Promise<IndexCheckResult> {
  const key = await input.store.workspaceKey()
  const people = await samplePeople(path.join(input.dataDir, 'people.jsonl'), input.people)
  const wanted = new Set(people.map((p) => p.personId))
  const source = input.kafka.name
  const clients = openKafkaClients(parseKafkaSource(input.kafka), 30_000)
  const registry = new RegistrySchemas(input.schemaRegistry, undefined, 10_000)
  const abortable = abortableBy(undefined, () => new Error('cancelled'))
  await clients.cluster.connect()
  try {
    const where = new Map(
      (
        await knownTopicPartitions(
          clients.cluster,
          [CRM, 'web.clickstream.v1', 'fraud.scores'],
          abortable,
        )
      ).partitions.map((p) => [`${p.topic}:${p.partition}`, p]),
    )
    const fetchOne = async (topic: string, partition: number, offset: bigint) => {
      const p = where.get(`${topic}:${partition}`)
      if (!p) return undefined
      const got = await fetchOffsets(clients.cluster, p, [offset], { abortable })
      return got.records[0] ? flattenRecord(got.records[0], registry) : undefined
    }
    const find = async (topic: string, field: string, kind: IndexKind, raw: unknown) => {
      const token = tokenOf(kind, raw)
      if (!token) return []
      const hits = await input.store.lookupIndex.find(source, [indexHmac(key, token)], {
        topics: [topic],
      })
      return hits.filter((h) => h.field === field)
    }

    const customers = { checked: 0, found: 0, offsets: 0, wrong: [] as string[] }
    const sameOffset = { asked: 0, found: 0 }
    for (const p of people)
      for (const id of p.crmCustomerIds ?? []) {
        customers.checked++
        const hits = await find(CRM, 'key.CustomerId', 'customer-number', id)
        if (hits.length > 0) customers.found++
        for (const h of hits) {
          customers.offsets++
          const flat = await fetchOne(CRM, h.partition, h.offset)
          const ids = flat ? valuesAt(flat, 'key.CustomerId').map(String) : []
          if (!ids.includes(String(id))) {
            customers.wrong.push(`${p.personId} ${id} at ${h.partition}/${h.offset}`)
            continue
          }
          for (const [field, kind] of CRM_OTHER_FIELDS)
            for (const v of valuesAt(flat!, field)) {
              if (!tokenOf(kind, v)) continue
              sameOffset.asked++
              const at = await find(CRM, field, kind, v)
              if (at.some((x) => x.partition === h.partition && x.offset === h.offset))
                sameOffset.found++
            }
        }
      }

    const topics: IndexCheckResult['topics'] = []
    for (const [topic, field, kind] of [
      ['web.clickstream.v1', 'emailSha256', 'sha256'],
      ['fraud.scores', 'customerId', 'customer-number'],
    ] as Array<[string, string, IndexKind]>) {
      // The sampled people's values, and how many messages the generator wrote with each (a
      // household's shared email hashes the same for both people).
      const all = new Map<string, number>()
      const theirs = new Set<string>()
      for await (const l of lines(path.join(input.dataDir, 'topics', `${topic}.jsonl`))) {
        const m = JSON.parse(l) as { value: Record<string, unknown>; personId?: string }
        const v = m.value[field]
        if (v === null || v === undefined) continue
        all.set(String(v), (all.get(String(v)) ?? 0) + 1)
        if (m.personId && wanted.has(m.personId)) theirs.add(String(v))
      }
      const row = { topic, field, values: 0, expected: 0, found: 0, wrong: [] as string[] }
      for (const v of theirs) {
        const count = all.get(v)!
        row.values++
        row.expected += count
        const hits = await find(topic, field, kind, kind === 'customer-number' ? Number(v) : v)
        row.found += hits.length
        for (const h of hits.slice(0, 3)) {
          const flat = await fetchOne(topic, h.partition, h.offset)
          if (!flat || !valuesAt(flat, field).map(String).includes(v))
            row.wrong.push(`${topic} ${h.partition}/${h.offset}`)
        }
      }
      topics.push(row)
    }
    return { people: people.length, customers, topics, sameOffset }
  } finally {
    await clients.close()
  }
}

/** A workspace's Kafka source and its schema registry, resolved from its sources.yaml. */
export async function resolveKafka(
  sourcesFile: string,
  env: Record<string, string | undefined>,
  name: string,
): Promise<{ kafka: ResolvedSource; schemaRegistry?: ResolvedSourceRef }> {
  const entries = new SourcesFile(sourcesFile).read()
  const secrets = new MemorySecretStore()
  const entry = entries.find((e) => e.name === name)
  if (!entry) throw new Error(`no source ${name} in ${sourcesFile}`)
  const kafka = await resolveEntry(entry, secrets, env)
  const reg = entries.find((e) => e.name === kafka.options.schemaRegistry)
  return reg ? { kafka, schemaRegistry: await resolveEntry(reg, secrets, env) } : { kafka }
}
