import { describe, expect, it } from 'vitest'
import { datahubAssets, unwrapEnvelope } from '../../../bench/crawl/coverage-datahub'
import {
  countCoverage,
  isExtensionObject,
  isInternalTopic,
  leafPaths,
  normalisePath,
} from '../../../bench/crawl/coverage-model'
import { sightlineAssets } from '../../../bench/crawl/coverage-sightline'
import { renderReport, type BenchResults } from '../../../bench/crawl/report'
import type { CatalogAsset } from '../../../src/shared/model/catalog'

// The crawl benchmark's coverage table is only fair if both tools are counted one way: these
// tests feed the same estate, as each tool describes it, through both mappers.

const ds = (platform: string, name: string) =>
  `urn:li:dataset:(urn:li:dataPlatform:${platform},${name},PROD)`
const mcp = (urn: string, aspectName: string, json: unknown) => ({
  entityType: 'dataset',
  entityUrn: urn,
  changeType: 'UPSERT',
  aspectName,
  aspect: { json },
})

const DATAHUB = [
  {
    proposedSnapshot: {
      'com.linkedin.pegasus2avro.metadata.snapshot.DatasetSnapshot': {
        urn: ds('postgres', 'crm.dbo.Address'),
        aspects: [
          {
            'com.linkedin.pegasus2avro.schema.SchemaMetadata': {
              fields: [
                { fieldPath: 'AddressId', isPartOfKey: true },
                { fieldPath: 'CustomerId', isPartOfKey: false },
              ],
              foreignKeys: [{ name: 'Address_CustomerId_fkey' }],
            },
          },
        ],
      },
    },
  },
  mcp(ds('postgres', 'crm.dbo.Address'), 'subTypes', { typeNames: ['Table'] }),
  mcp(ds('postgres', 'crm.public.pg_stat_statements'), 'subTypes', { typeNames: ['View'] }),
  mcp(ds('kafka', 'crm.dbo.Customer'), 'schemaMetadata', {
    fields: [
      { fieldPath: 'schema.type' },
      { fieldPath: 'schema.fields' },
      { fieldPath: 'payload.after.CustomerId' },
      { fieldPath: 'payload.after.Email' },
      { fieldPath: 'payload.op' },
    ],
  }),
  mcp(ds('kafka', 'fraud.scores'), 'schemaMetadata', {
    fields: [
      { fieldPath: '[version=2.0].[type=FraudScore].[type=long].customerId' },
      { fieldPath: '[version=2.0].[type=FraudScore].[type=array].[type=string].reasons' },
    ],
  }),
  mcp(ds('kafka', 'sightline-connect-offsets'), 'schemaMetadata', { fields: [{ fieldPath: 'x' }] }),
  mcp(ds('mongodb', 'singleview.customers'), 'schemaMetadata', {
    fields: [{ fieldPath: '_id' }, { fieldPath: 'addresses' }, { fieldPath: 'addresses.town' }],
  }),
  {
    entityType: 'dataFlow',
    entityUrn: 'urn:li:dataFlow:(kafka-connect,crm-cdc,PROD)',
    aspectName: 'dataFlowInfo',
    aspect: { json: { name: 'crm-cdc' } },
  },
]

const asset = (
  a: Partial<CatalogAsset> & Pick<CatalogAsset, 'kind' | 'platform' | 'name' | 'path'>,
) => ({ urn: `x://${a.path.join('/')}`, source: 's', fields: [], ...a }) as CatalogAsset
const fields = (...paths: string[]) => paths.map((p) => ({ urn: `u#${p}`, path: p, name: p }))

const SIGHTLINE: CatalogAsset[] = [
  asset({ kind: 'database', platform: 'postgres', name: 'crm', path: ['crm'] }),
  asset({
    kind: 'table',
    platform: 'postgres',
    name: 'Address',
    path: ['crm', 'dbo', 'Address'],
    fields: fields('AddressId', 'CustomerId'),
    primaryKey: { name: 'pk', columns: ['AddressId'] },
    foreignKeys: [
      { name: 'fk', columns: ['CustomerId'], references: 'u', referencedColumns: ['CustomerId'] },
    ],
  }),
  asset({
    kind: 'topic',
    platform: 'kafka',
    name: 'crm.dbo.Customer',
    path: ['crm.dbo.Customer'],
    fields: fields('after', 'after.CustomerId', 'after.Email', 'op'),
  }),
  asset({
    kind: 'topic',
    platform: 'kafka',
    name: 'fraud.scores',
    path: ['fraud.scores'],
    fields: fields('customerId', 'reasons'),
  }),
  asset({
    kind: 'collection',
    platform: 'mongodb',
    name: 'customers',
    path: ['singleview', 'customers'],
    fields: fields('_id', 'addresses', 'addresses[].town'),
  }),
  asset({ kind: 'connector', platform: 'kafka-connect', name: 'crm-cdc', path: ['crm-cdc'] }),
  asset({
    kind: 'subject',
    platform: 'schema-registry',
    name: 'fraud.scores-value',
    path: ['fraud.scores-value'],
  }),
]

describe('crawl benchmark coverage', () => {
  it('normalises paths and keeps leaves only', () => {
    expect(normalisePath('[version=2.0].[type=X].[type=long].id')).toBe('id')
    expect(normalisePath('addresses[].town')).toBe('addresses.town')
    expect(leafPaths(['a', 'a.b', 'a.c', 'd', 'ab'])).toEqual(['a.b', 'a.c', 'ab', 'd'])
  })

  it('unwraps an inferred Debezium envelope to its payload', () => {
    expect(unwrapEnvelope(['schema.type', 'payload.after.Id', 'payload.op'])).toEqual([
      'after.Id',
      'op',
    ])
    expect(unwrapEnvelope(['schema', 'name'])).toEqual(['schema', 'name'])
  })

  it('tells internal topics and extension objects apart', () => {
    expect(isInternalTopic('__consumer_offsets')).toBe(true)
    expect(isInternalTopic('sightline-connect-status')).toBe(true)
    expect(isInternalTopic('web.clickstream.v1')).toBe(false)
    expect(isExtensionObject('crm.public.pg_stat_statements_info')).toBe(true)
  })

  it('counts the same estate the same from both tools', () => {
    const dh = countCoverage(datahubAssets(DATAHUB))
    const sl = countCoverage(sightlineAssets(SIGHTLINE))
    expect(dh).toEqual({ ...sl, extensionObjects: 1, topics: 3 })
    expect(sl).toMatchObject({
      tables: 1,
      columns: 2,
      primaryKeys: 1,
      primaryKeyColumns: 1,
      foreignKeys: 1,
      topics: 2,
      applicationTopics: 2,
      topicsWithFields: 2,
      topicFields: 5,
      collections: 1,
      documentFieldPaths: 2,
      connectors: 1,
    })
  })
})

describe('crawl benchmark report', () => {
  const base: BenchResults = {
    startedAt: '2026-11-26T12:00:00Z',
    machine: {
      cpus: 2,
      cpuModel: 'cpu',
      memoryGiB: 24,
      os: 'Linux',
      node: 'v20',
      loadAtStart: [1, 1, 1],
    },
    estate: { envFile: 'e', scale: 'bench', dir: 'd', databases: ['crm'] },
    login: 'reader',
    command: 'npx tsx bench/crawl/run.ts',
    rounds: [],
    kafkaRebalanceDelay: '0',
    datahubVersion: 'DataHub CLI version: 1.7.0.17',
  }

  it('says "not measured" rather than passing a target it has no number for', () => {
    const md = renderReport(base)
    expect(md).toContain('| cancel takes effect within 250 ms | – | not measured |')
    expect(md).not.toContain('**met**')
  })

  it('judges the DataHub ratio on its pipeline time, and the cancel on the slowest close', () => {
    const crawl = (source: string, durationMs: number) =>
      ({
        id: source,
        source,
        platform: 'postgres',
        status: 'succeeded',
        startedAt: '',
        assets: 1,
        fields: 1,
        durationMs,
        current: true,
      }) as const
    const md = renderReport({
      ...base,
      rounds: [
        {
          sightline: { wallMs: 10_000, state: 'succeeded', crawls: [crawl('amper-pg', 9_000)] },
          datahub: {
            out: 'o',
            totalSeconds: 150,
            coverage: countCoverage([]),
            recipes: [
              { source: 'postgres', seconds: 150, pipelineSeconds: 50, exitCode: 0, records: 1 },
            ],
          },
        },
      ],
      cancel: {
        jobCancelledMs: 10,
        connectorsClosedMs: 300,
        settledMs: 320,
        connectorsCreated: 5,
        connectorsClosed: 5,
        state: 'cancelled',
      },
    })
    expect(md).toContain('**met on process time only**')
    expect(md).toMatch(/cancel takes effect within 250 ms \|[^\n]*\| \*\*not met\*\* \|/)
  })
})
