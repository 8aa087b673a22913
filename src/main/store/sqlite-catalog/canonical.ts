import { createHash } from 'node:crypto'
import type { CatalogAsset, CatalogField, JsonValue } from '../../../shared/model/catalog'

/**
 * Canonical JSON: object keys sorted, `undefined` members dropped, so that two equal assets
 * serialise (and hash) equal whatever order the connector built them in. Array order is kept:
 * it is meaningful (fields, key columns).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortedCopy(value)) ?? 'null'
}

/**
 * A copy with every plain object's keys in sorted order, made once so that the native
 * JSON.stringify does the rest (a replacer function is called per value and is several times
 * slower on 100,000 fields).
 */
function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(sortedCopy)
  const source = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(source).sort()) {
    const v = source[key]
    if (v !== undefined) out[key] = typeof v === 'object' && v !== null ? sortedCopy(v) : v
  }
  return out
}

/** 16 bytes of SHA-256: collision-free in practice, half the index size of the full digest. */
export function contentHash(text: string): Buffer {
  return createHash('sha256').update(text).digest().subarray(0, 16)
}

/**
 * Properties that describe the asset's structure or configuration and so count as drift. Every
 * other property is treated as volatile and left out of the drift hash: `partitions` (offsets),
 * `consumerGroups` (lag), `status`, `tasks`, `topics` (a connector's active topics), `brokers`,
 * and anything a connector adds later until it is listed here.
 */
export const DRIFT_PROPERTIES: readonly string[] = [
  'cdc',
  'temporal',
  'configs',
  'encoding',
  'schemaSource',
  'class',
  'type',
  'config',
  'versions',
  'schemaType',
  'topic',
  'validator',
  'viewOn',
  'pipeline',
]

/** Observed type names only: their counts change with every sample. */
export function typeNames(field: Pick<CatalogField, 'types'>): string[] | undefined {
  return field.types === undefined ? undefined : field.types.map((t) => t.type).sort()
}

/**
 * The part of a field that drift compares. Left out as volatile: `values` (sampled statistics),
 * `presence` (seen k of N), type counts, `ordinal` (a column's position).
 */
export function driftField(field: CatalogField): Record<string, unknown> {
  return {
    path: field.path,
    declaredType: field.declaredType,
    types: typeNames(field),
    nullable: field.nullable,
    default: field.default,
    identity: field.identity,
    computed: field.computed,
    description: field.description,
    primaryKey: field.primaryKey,
    references: field.references,
  }
}

/**
 * The part of an asset that drift compares: structure, keys, descriptions and the properties of
 * DRIFT_PROPERTIES. Left out as volatile: `counts`, `notes`, `tags` (owner-managed), other
 * properties, and everything volatile of each field (see driftField). A re-crawl of an unchanged
 * source therefore has the same drift hash even when its row counts moved.
 */
export function driftProjection(asset: CatalogAsset): Record<string, unknown> {
  const properties: Record<string, JsonValue> = {}
  for (const key of DRIFT_PROPERTIES) {
    const value = asset.properties?.[key]
    if (value !== undefined) properties[key] = value
  }
  return {
    urn: asset.urn,
    kind: asset.kind,
    parent: asset.parent,
    name: asset.name,
    description: asset.description,
    primaryKey: asset.primaryKey,
    uniqueKeys: asset.uniqueKeys,
    foreignKeys: asset.foreignKeys,
    indexes: asset.indexes,
    properties,
    fields: asset.fields.map(driftField),
  }
}

/** What catalogue search indexes of an asset: when this is unchanged, its search rows stay. */
export function searchProjection(asset: CatalogAsset): Record<string, unknown> {
  return {
    urn: asset.urn,
    kind: asset.kind,
    name: asset.name,
    path: asset.path,
    description: asset.description,
    tags: asset.tags,
    fields: asset.fields.map((f) => [f.urn, f.path, f.name, f.description]),
  }
}

/** The stored form of an asset: canonical body and its hash (the dedup key). */
export interface HashedAsset {
  asset: CatalogAsset
  body: string
  hash: Buffer
}

export function hashAsset(asset: CatalogAsset): HashedAsset {
  const body = canonicalJson(asset)
  return { asset, body, hash: contentHash(body) }
}

/** Hash of the drift projection; computed only when a body is new to the store. */
export function driftHash(asset: CatalogAsset): Buffer {
  return contentHash(canonicalJson(driftProjection(asset)))
}

/** Hash of the search projection: strings and arrays built in a fixed order, so plain JSON. */
export function searchHash(asset: CatalogAsset): Buffer {
  return contentHash(JSON.stringify(searchProjection(asset)))
}
