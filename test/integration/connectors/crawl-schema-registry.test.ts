import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConnector } from '../../../src/main/connectors'
import type { CrawlAssetsBatch, CrawlBatch } from '../../../src/main/connectors/crawl-model'
import { createRegistryClient } from '../../../src/main/connectors/schema-registry/registry-client'
import type { CatalogAsset } from '../../../src/shared/model/catalog'
import { FRAUD_SUBJECT } from '../../estate/streams/fraud-avro'
import { serviceAvailable } from '../../support/estate'
import { HOST, PORTS, refusedPort, silentServer, source } from './estate-sources'

/**
 * The schema-registry crawl against the estate's Apicurio (ccompat v7) (issue 4, item 1):
 * fraud.scores-value with its Avro fields, plus fixture subjects of our own (two Avro versions,
 * JSON Schema, protobuf; removed afterwards), and the faults (registry down, wrong path, cancel).
 */
const up = await serviceAvailable('Apicurio Registry', HOST, PORTS.registry)
const REGISTRY_URL = `http://${HOST}:${PORTS.registry}/apis/ccompat/v7`
const TAG = `${process.pid}`
const AVRO_SUBJECT = `sightline-test-crawl-${TAG}-value`
const JSON_SUBJECT = `sightline-test-crawl-json-${TAG}-value`
const PROTO_SUBJECT = `sightline-test-crawl-proto-${TAG}-key`
const FIXTURES = [AVRO_SUBJECT, JSON_SUBJECT, PROTO_SUBJECT]

async function register(subject: string, schemaType: string, schema: string): Promise<number> {
  const res = await fetch(`${REGISTRY_URL}/subjects/${encodeURIComponent(subject)}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schemaType, schema }),
  })
  if (!res.ok) throw new Error(`register ${subject}: HTTP ${res.status} ${await res.text()}`)
  return ((await res.json()) as { id: number }).id
}

async function remove(subject: string): Promise<void> {
  const url = `${REGISTRY_URL}/subjects/${encodeURIComponent(subject)}`
  await fetch(url, { method: 'DELETE' }).catch(() => {})
  await fetch(`${url}?permanent=true`, { method: 'DELETE' }).catch(() => {})
}

async function crawl(url: string, signal?: AbortSignal, timeoutMs = 20_000): Promise<CrawlBatch[]> {
  const connector = createConnector(source('schema-registry', url, { name: 'amper-registry' }))
  const out: CrawlBatch[] = []
  try {
    for await (const batch of connector.crawl!({ signal, timeoutMs })) out.push(batch)
  } finally {
    await connector.close()
  }
  return out
}
const assetsOf = (batches: CrawlBatch[]) =>
  batches.filter((b): b is CrawlAssetsBatch => b.kind === 'assets').flatMap((b) => b.assets)

describe.skipIf(!up)('schema-registry crawl against the estate', () => {
  let batches: CrawlBatch[] = []
  let bySubject = new Map<string, CatalogAsset>()
  const ids: number[] = []

  beforeAll(async () => {
    const v1 = {
      type: 'record',
      name: 'Probe',
      namespace: 'sightline.test',
      fields: [{ name: 'id', type: 'long' }],
    }
    const v2 = {
      ...v1,
      fields: [...v1.fields, { name: 'note', type: ['null', 'string'], default: null }],
    }
    ids.push(await register(AVRO_SUBJECT, 'AVRO', JSON.stringify(v1)))
    ids.push(await register(AVRO_SUBJECT, 'AVRO', JSON.stringify(v2)))
    await register(
      JSON_SUBJECT,
      'JSON',
      JSON.stringify({
        type: 'object',
        required: ['email'],
        properties: {
          email: { type: 'string' },
          address: { type: 'object', properties: { postcode: { type: 'string' } } },
        },
      }),
    )
    await register(
      PROTO_SUBJECT,
      'PROTOBUF',
      'syntax = "proto3";\nmessage Key { string customer_id = 1; }\n',
    )
    batches = await crawl(REGISTRY_URL)
    bySubject = new Map(assetsOf(batches).map((a) => [a.name, a]))
  })
  afterAll(async () => {
    for (const s of FIXTURES) await remove(s)
  })

  it('yields every subject, with no part errors', () => {
    expect(batches.filter((b) => b.kind !== 'assets')).toEqual([])
    expect([...bySubject.keys()]).toEqual(expect.arrayContaining([FRAUD_SUBJECT, ...FIXTURES]))
  })

  it('reads fraud.scores-value: Avro fields, topic and role, versions', () => {
    const a = bySubject.get(FRAUD_SUBJECT)!
    expect(a.urn).toBe(`schema-registry://amper-registry/${FRAUD_SUBJECT}`)
    expect(a.kind).toBe('subject')
    expect(a.properties).toMatchObject({
      schemaType: 'AVRO',
      topic: 'fraud.scores',
      role: 'value',
      strategy: 'topic-name',
      references: [],
    })
    expect(typeof a.properties?.compatibility).toBe('string')
    const fields = Object.fromEntries(a.fields.map((f) => [f.path, f]))
    expect(Object.keys(fields)).toEqual(
      expect.arrayContaining(['customerId', 'score', 'reasons', 'deviceId', 'ipAddress']),
    )
    expect(fields.customerId).toMatchObject({ declaredType: 'long', nullable: false })
    expect(fields.reasons!.declaredType).toBe('array<string>')
    expect(fields.deviceId).toMatchObject({ declaredType: 'string', nullable: true })
    expect(fields.ipAddress!.urn).toBe(
      `schema-registry://amper-registry/${FRAUD_SUBJECT}#ipAddress`,
    )
  })

  it('reads every version with its id, and the latest schema’s fields', () => {
    const a = bySubject.get(AVRO_SUBJECT)!
    expect(a.properties?.versions).toEqual([
      { version: 1, id: ids[0] },
      { version: 2, id: ids[1] },
    ])
    expect(a.properties?.latestVersion).toBe(2)
    expect(a.fields.map((f) => [f.path, f.nullable])).toEqual([
      ['id', false],
      ['note', true],
    ])
  })

  it('reads JSON Schema and protobuf subjects', () => {
    const json = bySubject.get(JSON_SUBJECT)!
    expect(json.properties?.schemaType).toBe('JSON')
    expect(json.fields.map((f) => f.path)).toEqual(['email', 'address', 'address.postcode'])
    const proto = bySubject.get(PROTO_SUBJECT)!
    expect(proto.properties).toMatchObject({ schemaType: 'PROTOBUF', role: 'key' })
    expect(proto.fields.map((f) => [f.path, f.declaredType])).toEqual([['customer_id', 'string']])
  })

  it('exposes a registry client the Kafka crawl can reuse', async () => {
    const client = createRegistryClient(source('schema-registry', REGISTRY_URL), {
      timeoutMs: 10_000,
    })
    expect(await client.subjects()).toContain(FRAUD_SUBJECT)
    const latest = await client.subjectVersion(FRAUD_SUBJECT, 'latest')
    const byId = await client.schemaById(latest.id)
    expect(JSON.parse(byId.schema)).toEqual(JSON.parse(latest.schema))
    expect(await client.versions(FRAUD_SUBJECT)).toContain(latest.version)
  })
})

describe('schema-registry crawl faults', () => {
  it('a registry that is down (closed port) fails with a translated unreachable error', async () => {
    const port = await refusedPort()
    await expect(crawl(`http://${HOST}:${port}/apis/ccompat/v7`)).rejects.toMatchObject({
      code: 'unreachable',
      details: { reason: 'refused' },
    })
  })

  it.skipIf(!up)(
    'a URL without /apis/ccompat/v7 is bad input that says where the API is',
    async () => {
      const err = await crawl(`http://${HOST}:${PORTS.registry}`).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(err).toMatchObject({ code: 'bad-input', details: { reason: 'wrong-path' } })
      expect((err as Error).message).toMatch(/\/apis\/ccompat\/v7/)
    },
  )

  it('a server that never answers fails with a translated timeout', async () => {
    const silent = await silentServer()
    try {
      await expect(
        crawl(`http://${HOST}:${silent.port}/apis/ccompat/v7`, undefined, 300),
      ).rejects.toMatchObject({ code: 'timeout', details: { reason: 'request-timeout' } })
    } finally {
      await silent.close()
    }
  })

  it('cancel ends the crawl with cancelled, also while a request hangs', async () => {
    const pre = new AbortController()
    pre.abort()
    await expect(crawl(REGISTRY_URL, pre.signal)).rejects.toMatchObject({ code: 'cancelled' })
    const silent = await silentServer()
    const controller = new AbortController()
    silent.onConnection(() => controller.abort())
    try {
      await expect(
        crawl(`http://${HOST}:${silent.port}/apis/ccompat/v7`, controller.signal),
      ).rejects.toMatchObject({
        code: 'cancelled',
      })
    } finally {
      await silent.close()
    }
  })
})
