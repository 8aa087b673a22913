/**
 * Coverage of a DataHub CLI run, from its file-sink output (MCEs and MCPs as JSON arrays), counted
 * by coverage-model.ts exactly as Sightline's export is.
 *
 *   npx tsx bench/crawl/coverage-datahub.ts <folder of run-datahub.sh output | file.json>...
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  countCoverage,
  type Coverage,
  type CoverageAsset,
  type CoverageKind,
} from './coverage-model'

interface SchemaField {
  fieldPath: string
  isPartOfKey?: boolean
}
interface SchemaMetadata {
  fields?: SchemaField[]
  primaryKeys?: string[]
  foreignKeys?: unknown[]
}
interface Entity {
  urn: string
  schema?: SchemaMetadata
  subTypes?: string[]
}

const SNAPSHOT_PREFIX = 'com.linkedin.pegasus2avro.'

/** `urn:li:dataset:(urn:li:dataPlatform:postgres,crm.dbo.Customer,PROD)` -> platform and name. */
function parseDatasetUrn(urn: string): { platform: string; name: string } | undefined {
  const m = /^urn:li:dataset:\(urn:li:dataPlatform:([^,]+),(.*),[A-Z]+\)$/.exec(urn)
  return m ? { platform: m[1] ?? '', name: m[2] ?? '' } : undefined
}

/** Folds every record into one entity per URN (the last aspect of a name wins, as in DataHub). */
export function collectEntities(records: unknown[]): {
  datasets: Map<string, Entity>
  dataFlows: Set<string>
} {
  const datasets = new Map<string, Entity>()
  const dataFlows = new Set<string>()
  const dataset = (urn: string): Entity => {
    let e = datasets.get(urn)
    if (!e) datasets.set(urn, (e = { urn }))
    return e
  }
  for (const raw of records) {
    const r = raw as Record<string, unknown>
    const snapshot = r.proposedSnapshot as
      Record<string, { urn: string; aspects: unknown[] }> | undefined
    if (snapshot) {
      for (const [type, snap] of Object.entries(snapshot)) {
        if (!type.endsWith('DatasetSnapshot')) continue
        const e = dataset(snap.urn)
        for (const aspect of snap.aspects as Array<Record<string, unknown>>) {
          for (const [name, value] of Object.entries(aspect)) {
            const short = name.replace(SNAPSHOT_PREFIX, '')
            if (short === 'schema.SchemaMetadata') e.schema = value as SchemaMetadata
            if (short === 'common.SubTypes')
              e.subTypes = (value as { typeNames: string[] }).typeNames
          }
        }
      }
      continue
    }
    const urn = r.entityUrn as string | undefined
    if (!urn) continue
    if (r.entityType === 'dataFlow' && urn.startsWith('urn:li:dataFlow:(kafka-connect,')) {
      dataFlows.add(urn)
      continue
    }
    if (r.entityType !== 'dataset') continue
    const value = (r.aspect as { json?: unknown } | undefined)?.json
    const e = dataset(urn)
    if (r.aspectName === 'schemaMetadata') e.schema = value as SchemaMetadata
    if (r.aspectName === 'subTypes') e.subTypes = (value as { typeNames: string[] }).typeNames
  }
  return { datasets, dataFlows }
}

/** A key-schema field gets a `key.` prefix, so it cannot merge with a value field of one name. */
function fieldPath(f: SchemaField): string {
  return f.fieldPath.includes('[key=True]') ? `key.${f.fieldPath}` : f.fieldPath
}

/**
 * A Debezium JSON envelope inferred from samples has `schema.*` (the record's own Connect schema,
 * metadata about the message) beside `payload.*` (the data): the data fields are the payload's,
 * named as Sightline names them (`after.Email`).
 */
export function unwrapEnvelope(paths: string[]): string[] {
  const roots = new Set(paths.map((p) => p.split('.')[0]))
  if (!(roots.has('schema') && roots.has('payload'))) return paths
  return paths.filter((p) => p.startsWith('payload.')).map((p) => p.slice('payload.'.length))
}

const KIND_BY_PLATFORM: Record<string, CoverageKind> = {
  postgres: 'table',
  mssql: 'table',
  kafka: 'topic',
  mongodb: 'collection',
}

/** DataHub's entities as coverage assets. */
export function datahubAssets(records: unknown[]): CoverageAsset[] {
  const { datasets, dataFlows } = collectEntities(records)
  const assets: CoverageAsset[] = []
  for (const e of datasets.values()) {
    const parsed = parseDatasetUrn(e.urn)
    if (!parsed) continue
    let kind = KIND_BY_PLATFORM[parsed.platform]
    if (!kind) continue
    if (kind === 'table' && e.subTypes?.some((t) => t.toLowerCase() === 'view')) kind = 'view'
    const fields = e.schema?.fields ?? []
    let paths = fields.map(fieldPath)
    if (kind === 'topic') paths = unwrapEnvelope(paths)
    const pk =
      e.schema?.primaryKeys && e.schema.primaryKeys.length > 0
        ? e.schema.primaryKeys
        : kind === 'table' || kind === 'view'
          ? fields.filter((f) => f.isPartOfKey).map((f) => f.fieldPath)
          : []
    assets.push({
      kind,
      name: parsed.name,
      fieldPaths: paths,
      primaryKeyColumns: pk,
      foreignKeys: e.schema?.foreignKeys?.length ?? 0,
    })
  }
  for (const urn of dataFlows) {
    const name = /^urn:li:dataFlow:\(kafka-connect,(.*),[A-Z]+\)$/.exec(urn)?.[1] ?? urn
    assets.push({ kind: 'connector', name, fieldPaths: [], primaryKeyColumns: [], foreignKeys: 0 })
  }
  return assets
}

/** The sink files of a run-datahub.sh folder (or the files given). */
export function datahubOutputFiles(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target]
  return readdirSync(target)
    .filter((f) => f.endsWith('.json') && f !== 'timings.json' && !f.endsWith('.report.json'))
    .map((f) => path.join(target, f))
}

/** Reads and counts DataHub's output. */
export function datahubCoverage(targets: string[]): {
  coverage: Coverage
  assets: CoverageAsset[]
} {
  const records: unknown[] = []
  for (const target of targets) {
    for (const file of datahubOutputFiles(target)) {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown
      if (Array.isArray(parsed)) records.push(...parsed)
    }
  }
  const assets = datahubAssets(records)
  return { coverage: countCoverage(assets), assets }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const targets = process.argv.slice(2)
  if (targets.length === 0) {
    console.error('usage: npx tsx bench/crawl/coverage-datahub.ts <run folder | file.json>...')
    process.exit(2)
  }
  console.log(JSON.stringify(datahubCoverage(targets).coverage, null, 2))
}
