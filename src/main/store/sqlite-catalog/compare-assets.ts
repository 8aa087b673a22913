import type {
  AssetChange,
  CatalogAsset,
  CatalogField,
  CatalogKey,
  FieldChange,
} from '../../../shared/model/catalog'
import { canonicalJson, DRIFT_PROPERTIES, typeNames } from './canonical'

/*
 * Field- and asset-level comparison of two snapshots of one asset whose drift hashes differ.
 * Pure: the store fetches the two bodies, this says what changed. Compares exactly what
 * canonical.ts's drift projection hashes, so "hash differs" and "details non-empty" agree.
 */

function show(value: unknown): string {
  if (value === undefined) return '(none)'
  if (typeof value === 'string') return value
  return canonicalJson(value)
}

function keyText(key: CatalogKey | undefined): string {
  return key === undefined ? '(none)' : `(${key.columns.join(', ')})`
}

function fieldShape(
  field: CatalogField,
): Pick<CatalogField, 'declaredType' | 'types' | 'nullable'> {
  const shape: Pick<CatalogField, 'declaredType' | 'types' | 'nullable'> = {}
  if (field.declaredType !== undefined) shape.declaredType = field.declaredType
  if (field.types !== undefined) shape.types = field.types
  if (field.nullable !== undefined) shape.nullable = field.nullable
  return shape
}

/** What changed in one field, as `name: before -> after` lines; empty when nothing did. */
export function fieldDetails(before: CatalogField, after: CatalogField): string[] {
  const details: string[] = []
  const compare = (name: string, a: unknown, b: unknown): void => {
    if (canonicalJson(a ?? null) !== canonicalJson(b ?? null)) {
      details.push(`${name}: ${show(a)} -> ${show(b)}`)
    }
  }
  compare('declaredType', before.declaredType, after.declaredType)
  const typesBefore = typeNames(before)
  const typesAfter = typeNames(after)
  if (canonicalJson(typesBefore ?? null) !== canonicalJson(typesAfter ?? null)) {
    details.push(
      `types: ${typesBefore?.join('|') ?? '(none)'} -> ${typesAfter?.join('|') ?? '(none)'}`,
    )
  }
  compare('nullable', before.nullable, after.nullable)
  compare('default', before.default, after.default)
  compare('identity', before.identity, after.identity)
  compare('computed', before.computed, after.computed)
  compare('description', before.description, after.description)
  compare('primaryKey', before.primaryKey, after.primaryKey)
  compare('references', before.references, after.references)
  return details
}

/** Asset-level changes (keys, description, structural properties); counts are never drift. */
export function assetDetails(before: CatalogAsset, after: CatalogAsset): string[] {
  const details: string[] = []
  const compare = (name: string, a: unknown, b: unknown, text = show): void => {
    if (canonicalJson(a ?? null) !== canonicalJson(b ?? null)) {
      details.push(`${name}: ${text(a)} -> ${text(b)}`)
    }
  }
  compare('kind', before.kind, after.kind)
  compare('name', before.name, after.name)
  compare('parent', before.parent, after.parent)
  compare('description', before.description, after.description)
  compare('primaryKey', before.primaryKey, after.primaryKey, (k) => keyText(k as CatalogKey))
  compare('uniqueKeys', before.uniqueKeys, after.uniqueKeys)
  compare('foreignKeys', before.foreignKeys, after.foreignKeys)
  compare('indexes', before.indexes, after.indexes)
  for (const key of DRIFT_PROPERTIES) {
    compare(`properties.${key}`, before.properties?.[key], after.properties?.[key])
  }
  return details
}

/** Field changes by path: a renamed field shows as one removed and one added. */
export function fieldChanges(before: CatalogAsset, after: CatalogAsset): FieldChange[] {
  const old = new Map(before.fields.map((f) => [f.path, f]))
  const now = new Map(after.fields.map((f) => [f.path, f]))
  const changes: FieldChange[] = []
  for (const [path, field] of old) {
    const next = now.get(path)
    if (next === undefined) {
      changes.push({ path, change: 'removed', before: fieldShape(field) })
      continue
    }
    const details = fieldDetails(field, next)
    if (details.length > 0) {
      changes.push({
        path,
        change: 'changed',
        details,
        before: fieldShape(field),
        after: fieldShape(next),
      })
    }
  }
  for (const [path, field] of now) {
    if (!old.has(path)) changes.push({ path, change: 'added', after: fieldShape(field) })
  }
  return changes
}

/** A changed asset; undefined when only volatile parts differ (then the hashes agreed anyway). */
export function compareAssets(before: CatalogAsset, after: CatalogAsset): AssetChange | undefined {
  const details = assetDetails(before, after)
  const fields = fieldChanges(before, after)
  if (details.length === 0 && fields.length === 0) return undefined
  const change: AssetChange = {
    urn: after.urn,
    kind: after.kind,
    source: after.source,
    change: 'changed',
    fields,
  }
  if (details.length > 0) change.details = details
  return change
}
