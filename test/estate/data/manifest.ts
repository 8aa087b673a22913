import type { GenerationCounts } from './generate-estate.js'
import { collectionUrn, lineageEdges, tableUrn, topicUrn, type LineageEdge } from './lineage.js'
import { type Category, SINGLEVIEW_FIELDS, TABLES, cdcTopic, tableKey } from './schema.js'
import { SOURCES, fieldUrn } from './urn.js'

/** Bump when generated output changes for the same seed: it invalidates every cached estate. */
export const GENERATOR_VERSION = '1'
export const MANIFEST_FORMAT = 1

export interface ManifestField {
  /** Column name, or a dotted document/record path (`contact.email`, `addresses[].postcode`, `after.Email`). */
  path: string
  urn: string
  category: Category | null
  /** Other categories the values can hold (free text that sometimes carries health notes). */
  alsoContains?: Category[]
}

export interface ManifestAsset {
  urn: string
  kind: 'table' | 'topic' | 'collection'
  source: string
  /** Database, schema, table / topic / database, collection. */
  path: string[]
  /** Rows, records or documents once the estate is up. */
  count: number
  /** Who creates the data: the seeder, Debezium, the single-view builder, the sink, the topic producer. */
  createdBy: 'seed' | 'cdc' | 'builder' | 'sink' | 'producer'
  primaryKey?: string
  /**
   * Where the person ids of each record are: a side file of `key<TAB>personId[,personId]` lines
   * (relative to the manifest), or `inline` (the JSONL record's own `personId`). Absent on
   * filler assets, which hold no personal data.
   */
  personIds?: { file: string; key: string } | { inline: 'personId'; file: string }
  /** Data file the seeder / producer reads, relative to the manifest. */
  dataFile?: string
  fields: ManifestField[]
  filler?: boolean
}

export interface Manifest {
  format: number
  generatorVersion: string
  /** sha256 of the generator's source files: part of the cache key. */
  generatorCodeHash: string
  scale: string
  seed: string
  sources: typeof SOURCES
  counts: GenerationCounts
  assets: ManifestAsset[]
  personalFields: { urn: string; category: Category; alsoContains?: Category[] }[]
  lineage: LineageEdge[]
  /** Side files: per-person truth and the expected single-view documents. */
  people: string
  expectedSingleview: string
  /** sha256 over every generated file: the seeder's "already seeded" marker. */
  contentHash: string
  files: Record<string, { bytes: number; sha256: string }>
}

type FieldSpec = [string, Category | null, Category[]?]

const fields = (assetUrn: string, specs: readonly FieldSpec[]): ManifestField[] =>
  specs.map(([path, category, also]) => ({
    path,
    urn: fieldUrn(assetUrn, path),
    category,
    ...(also ? { alsoContains: also } : {}),
  }))

const TOPIC_FIELDS: Record<string, FieldSpec[]> = {
  'web.clickstream.v1': [
    ['sessionId', null],
    ['customerId', 'identifier.customer'],
    ['ip', 'online.ip_address'],
    ['userAgent', null],
    ['page', null],
    ['emailSha256', 'pseudonymous.hash'],
    ['ts', null],
  ],
  'returns.requests': [
    ['orderId', null],
    ['customerEmail', 'contact.email'],
    ['reason', null],
    ['notes', 'free_text.contains_personal'],
    ['requestedAt', null],
  ],
  'fraud.scores': [
    ['customerId', 'identifier.customer'],
    ['score', null],
    ['reasons', null, ['special.health']],
    ['deviceId', 'online.device_id'],
    ['ipAddress', 'online.ip_address'],
    ['scoredAt', null],
  ],
}

const COLLECTION_FIELDS: Record<string, FieldSpec[]> = {
  'fraud.cases': [
    ['_id', null],
    ['customerRef', 'identifier.customer'],
    ['status', null],
    ['notes', 'free_text.contains_personal', ['identity.national_id', 'financial.bank_account']],
    ['openedAt', null],
  ],
  'callcentre.interactions': [
    ['_id', null],
    ['customerId', 'identifier.customer'],
    ['agent', null],
    ['phoneNumber', 'contact.phone'],
    ['channel', null],
    ['summary', 'free_text.contains_personal', ['special.health', 'identity.national_id']],
    ['at', null],
  ],
  'marketing.segments': [
    ['_id', null],
    ['name', null],
    ['description', null],
    ['customerIds[]', 'identifier.customer'],
    ['builtAt', null],
  ],
  'ops.returns': TOPIC_FIELDS['returns.requests']!,
}

export function buildAssets(counts: GenerationCounts): ManifestAsset[] {
  const assets: ManifestAsset[] = []
  for (const t of TABLES) {
    const urn = tableUrn(t.database, t.schema, t.name)
    const records = { file: `records/postgres/${tableKey(t)}.tsv`, key: t.primaryKey }
    const specs: FieldSpec[] = t.columns.map((c) => [c.name, c.category ?? null, c.alsoContains])
    assets.push({
      urn,
      kind: 'table',
      source: SOURCES.postgres,
      path: [t.database, t.schema, t.name],
      count: counts.rows[t.name] ?? 0,
      createdBy: 'seed',
      primaryKey: t.primaryKey,
      personIds: records,
      dataFile: `pg/${t.database}/${t.schema}.${t.name}.copy`,
      fields: fields(urn, specs),
    })
    const topic = cdcTopic(t)
    if (topic) {
      const topicUrnValue = topicUrn(topic)
      assets.push({
        urn: topicUrnValue,
        kind: 'topic',
        source: SOURCES.kafka,
        path: [topic],
        count: counts.rows[t.name] ?? 0,
        createdBy: 'cdc',
        primaryKey: `payload.after.${t.primaryKey}`,
        personIds: records,
        fields: fields(
          topicUrnValue,
          specs.map(([p, cat, also]) => [`after.${p}`, cat, also] as FieldSpec),
        ),
      })
    }
  }
  for (const [topic, specs] of Object.entries(TOPIC_FIELDS)) {
    const urn = topicUrn(topic)
    assets.push({
      urn,
      kind: 'topic',
      source: SOURCES.kafka,
      path: [topic],
      count: counts.topicRecords[topic] ?? 0,
      createdBy: 'producer',
      personIds: { inline: 'personId', file: `topics/${topic}.jsonl` },
      dataFile: `topics/${topic}.jsonl`,
      fields: fields(urn, specs),
    })
  }
  const svUrn = collectionUrn('singleview', 'customers')
  assets.push({
    urn: svUrn,
    kind: 'collection',
    source: SOURCES.mongodb,
    path: ['singleview', 'customers'],
    count: counts.documents['singleview.customers'] ?? 0,
    createdBy: 'builder',
    primaryKey: '_id',
    personIds: { file: 'records/mongodb/singleview.customers.tsv', key: '_id' },
    fields: fields(
      svUrn,
      SINGLEVIEW_FIELDS.map(
        (f) =>
          [
            f.path,
            f.category ?? null,
            f.path === 'fraud.flags' ? ['special.health'] : undefined,
          ] as FieldSpec,
      ),
    ),
  })
  for (const [name, specs] of Object.entries(COLLECTION_FIELDS)) {
    const [database, collection] = name.split('.') as [string, string]
    const urn = collectionUrn(database, collection)
    const sink = name === 'ops.returns'
    assets.push({
      urn,
      kind: 'collection',
      source: SOURCES.mongodb,
      path: [database, collection],
      count: counts.documents[name] ?? 0,
      createdBy: sink ? 'sink' : 'seed',
      primaryKey: sink ? 'orderId' : '_id',
      personIds: { file: `records/mongodb/${name}.tsv`, key: sink ? 'orderId' : '_id' },
      ...(sink ? {} : { dataFile: `mongo/${name}.jsonl` }),
      fields: fields(urn, specs),
    })
  }
  return assets
}

export function personalFields(assets: readonly ManifestAsset[]): Manifest['personalFields'] {
  return assets
    .flatMap((a) => a.fields)
    .filter((f): f is ManifestField & { category: Category } => f.category !== null)
    .map((f) => ({
      urn: f.urn,
      category: f.category,
      ...(f.alsoContains ? { alsoContains: f.alsoContains } : {}),
    }))
}

export { lineageEdges }
