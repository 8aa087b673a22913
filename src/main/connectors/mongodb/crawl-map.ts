import { BSON, type Document } from 'mongodb'
import type { CatalogAsset, CatalogIndex, JsonValue } from '../../../shared/model/catalog'
import { buildUrn } from '../../../shared/urn'
import { MAX_ARRAY_ITEMS, inferredFields } from '../shared/infer-shape'
import type { SampleResult } from './crawl-sample'

/** MongoDB crawl results -> catalogue assets (pure: tested without a server). */

/** One listCollections entry, as the server returns it. */
export interface CollectionInfo {
  name: string
  /** `collection`, `view`, `timeseries`. */
  type?: string
  options?: Document
}

/** What was read of one collection; `sample` absent when sampling was off. */
export interface CollectionRead {
  info: CollectionInfo
  count?: number
  indexes?: Document[]
  sample?: SampleResult
  notes: string[]
}

/** Any BSON value as plain JSON (relaxed Extended JSON: `{$regex}`, `{$oid}`...). */
export function toJsonValue(value: unknown): JsonValue {
  return BSON.EJSON.serialize(value, { relaxed: true }) as JsonValue
}

export function databaseUrn(source: string, db: string): string {
  return buildUrn('mongodb', source, [db])
}

export function collectionUrn(source: string, db: string, coll: string): string {
  return buildUrn('mongodb', source, [db, coll])
}

export function databaseAsset(
  source: string,
  db: string,
  children: number,
  sizeOnDisk?: number,
  server?: string,
): CatalogAsset {
  const properties: Record<string, JsonValue> = {}
  if (sizeOnDisk !== undefined) properties.sizeOnDisk = sizeOnDisk
  // Which server answered: a lookup plans by it (FerretDB 1.x filters only `_id` itself).
  if (server !== undefined) properties.server = server
  return {
    urn: databaseUrn(source, db),
    source,
    platform: 'mongodb',
    kind: 'database',
    name: db,
    path: [db],
    counts: { children },
    ...(Object.keys(properties).length === 0 ? {} : { properties }),
    fields: [],
  }
}

/** listIndexes entries: key order kept; non-ascending kinds (`text`, `2dsphere`...) as method. */
export function mapIndexes(indexes: readonly Document[]): CatalogIndex[] {
  return indexes.map((ix) => {
    const key = (ix.key ?? {}) as Record<string, unknown>
    const kinds = [...new Set(Object.values(key).filter((v): v is string => typeof v === 'string'))]
    const name = String(ix.name ?? Object.keys(key).join('_'))
    return {
      name,
      columns: Object.keys(key),
      unique: ix.unique === true || name === '_id_',
      primary: name === '_id_',
      ...(kinds.length > 0 ? { method: kinds.join(',') } : {}),
    }
  })
}

/** The asset of one collection or view, and the raw values of its fields by field URN. */
export function collectionAsset(
  source: string,
  db: string,
  read: CollectionRead,
): { asset: CatalogAsset; samples: Record<string, unknown[]> } {
  const { info, sample } = read
  const urn = collectionUrn(source, db, info.name)
  const isView = info.type === 'view'
  const options = info.options ?? {}
  const properties: Record<string, JsonValue> = { type: info.type ?? 'collection' }
  if (options.validator !== undefined) properties.validator = toJsonValue(options.validator)
  if (options.validationLevel !== undefined)
    properties.validationLevel = String(options.validationLevel)
  if (options.viewOn !== undefined) properties.viewOn = String(options.viewOn)
  if (options.pipeline !== undefined) properties.pipeline = toJsonValue(options.pipeline)
  if (options.capped === true) properties.capped = true
  if (options.timeseries !== undefined) properties.timeseries = toJsonValue(options.timeseries)

  const notes = [...read.notes]
  const samples: Record<string, unknown[]> = {}
  const fieldUrn = (path: string) => buildUrn('mongodb', source, [db, info.name], path)
  let fields: CatalogAsset['fields'] = []
  if (sample) {
    const { inferrer } = sample
    fields = inferredFields(inferrer.paths(), sample.sampled, fieldUrn)
    for (const field of fields) if (field.path === '_id') field.primaryKey = true
    for (const [path, values] of inferrer.values()) samples[fieldUrn(path)] = values
    notes.push(...sampleNotes(sample))
  }
  const asset: CatalogAsset = {
    urn,
    source,
    platform: 'mongodb',
    kind: isView ? 'view' : 'collection',
    parent: databaseUrn(source, db),
    name: info.name,
    path: [db, info.name],
    counts: {
      ...(read.count === undefined ? {} : { documents: read.count }),
      sampled: sample?.sampled ?? 0,
    },
    ...(isView ? {} : { primaryKey: { name: '_id_', columns: ['_id'] } }),
    ...(read.indexes ? { indexes: mapIndexes(read.indexes) } : {}),
    properties,
    fields,
    ...(notes.length > 0 ? { notes } : {}),
  }
  return { asset, samples }
}

/** Why the inferred shape may be incomplete, in words an architect reads. */
export function sampleNotes(sample: SampleResult): string[] {
  const notes: string[] = []
  const { truncated } = sample.inferrer
  if (sample.method === 'natural' && !sample.complete)
    notes.push(
      `Schema inferred from the first ${sample.sampled} documents in natural order: the server has no $sample, so the sample is not random.`,
    )
  if (sample.byteLimited) {
    const { budget, bytes } = sample.byteLimited
    notes.push(
      `Sampling stopped at ${sample.sampled} documents, ${megabytes(bytes)} of BSON, past its ${megabytes(budget)} budget: the documents average ${megabytes(bytes / Math.max(1, sample.sampled))}, and this server decodes every document it returns.`,
    )
  }
  if (sample.capped)
    notes.push(
      `Sampling stopped at its cap of ${sample.sampled} documents while new fields were still appearing: rarer fields may be missing.`,
    )
  if (truncated.paths > 0)
    notes.push(
      `Field paths truncated: ${sample.inferrer.pathCount} kept, ${truncated.paths} more distinct paths dropped (and not walked).`,
    )
  if (truncated.depth > 0)
    notes.push(
      `Nesting truncated: ${truncated.depth} embedded documents/arrays lay deeper than the depth followed and were typed but not walked.`,
    )
  if (truncated.arrayItems > 0)
    notes.push(
      `Long arrays: only their first ${MAX_ARRAY_ITEMS} elements were looked at (${truncated.arrayItems} more not walked).`,
    )
  return notes
}

function megabytes(bytes: number): string {
  return bytes >= 1e6
    ? `${(bytes / 1e6).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1e3))} kB`
}
