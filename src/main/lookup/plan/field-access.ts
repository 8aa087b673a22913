import type { CatalogAsset, CatalogField } from '../../../shared/model/catalog'
import type { StepAccess } from '../../../shared/model/lookup'
import type { ConnectPrimitiveType, ConnectSchema } from '../kafka/connect-json-key'
import type { KeyFormat } from '../kafka/key-partition'
import type { LineageSnapshot } from '../../lineage/lineage-inputs'
import type { CategoryId } from '../../../shared/model/personal-data'
import { indexKindOf } from '../kafka-index/index-fields'

/**
 * How one field of one asset can be asked (issue 7 item 2), from the catalogue alone: a primary
 * key or an index leading with the field, a Kafka topic keyed by it (one partition), Sightline's
 * lookup index for a topic, or nothing better than a scan. Whether a scan is run, warned about
 * or skipped is the planner's business (the user's `scans` choice).
 */

export interface FieldAccess {
  access: Exclude<StepAccess, 'unreachable'>
  /** Index (or primary key) name. */
  index?: string
  /** A topic keyed by the field: how its keys are serialized, to compute the partition. */
  key?: { format: KeyFormat; partitions: number; declaredType?: string; via: string }
  /** Rows, messages or documents a scan reads, when the catalogue counted them. */
  scanSize?: number
  /** In words, for the plan: "primary key Customer_pkey", "FerretDB pushes down only _id". */
  reason: string
}

export interface AccessContext {
  snapshot: LineageSnapshot
  /** Topics Sightline's lookup index covers (asset URNs). */
  indexedTopics?: ReadonlySet<string>
  /**
   * The fields' personal-data categories. The index holds only identifier fields (a category
   * with an index kind, kafka-index/index-fields.ts): a CDC topic's `after.payment_id` is not in
   * it, so asking the index for it finds nothing, and the topic's key (one partition) must be
   * used instead. Without categories every field of an indexed topic counts as indexed.
   */
  categories?: ReadonlyMap<string, CategoryId>
}

const CONNECT_TYPES = new Set<string>([
  'int8',
  'int16',
  'int32',
  'int64',
  'boolean',
  'string',
  'bytes',
  'float',
  'double',
])

/** The asset's label in reasons: `crm.dbo.Customer`, `singleview.customers`. */
export function assetLabel(asset: CatalogAsset): string {
  return asset.path.length > 0 ? asset.path.join('.') : asset.name
}

/**
 * True when the server evaluates only `_id` filters itself (FerretDB 1.x on SQLite): recorded by
 * the crawl on the asset or its database (a `server`/`pushdown` property or a note naming
 * FerretDB). Without that mark, fields without an index are scans anyway, so the plan stays right
 * for the estate; only an indexed non-`_id` field on an unmarked FerretDB would be misjudged.
 */
export function pushesDownOnlyId(asset: CatalogAsset, snapshot: LineageSnapshot): boolean {
  const marked = (a: CatalogAsset | undefined): boolean => {
    if (!a) return false
    const p = a.properties ?? {}
    if (p.pushdown === 'id-only') return true
    if (typeof p.server === 'string' && /ferretdb/i.test(p.server)) return true
    if (p.ferretdb !== undefined && p.ferretdb !== false) return true
    return (a.notes ?? []).some((n) => /ferretdb/i.test(n))
  }
  return marked(asset) || marked(asset.parent ? snapshot.assets.get(asset.parent) : undefined)
}

function scanSizeOf(asset: CatalogAsset): number | undefined {
  const c = asset.counts
  return c?.rows ?? c?.documents ?? c?.messages
}

function partitionCount(asset: CatalogAsset): number | undefined {
  if (asset.counts?.partitions) return asset.counts.partitions
  const p = asset.properties?.partitions
  return Array.isArray(p) && p.length > 0 ? p.length : undefined
}

/**
 * The key format of a topic whose key is exactly `field`: a Debezium/JsonConverter key struct
 * rebuilt from the catalogue's `key.*` fields (their Connect types, in order; the schema name
 * the crawl recorded, else Debezium's `<topic>.Key`), or a plain string/JSON scalar key (a JSON
 * number key is its digits, the same bytes as the string).
 */
export function keyFormatOf(
  asset: CatalogAsset,
  field: CatalogField,
): { format: KeyFormat; via: string } | undefined {
  if (!field.primaryKey) return undefined
  const encoding = asset.properties?.keyEncoding
  const keyFields = asset.fields.filter((f) => f.primaryKey && /^key(\.|$)/.test(f.path))
  if (keyFields.length !== 1 || keyFields[0]!.urn !== field.urn) return undefined
  if (field.path === 'key' && (encoding === 'string' || encoding === 'json'))
    return { format: { kind: 'string' }, via: `the ${encoding} key` }
  const m = /^key\.([^.[\]]+)$/.exec(field.path)
  if (!m || encoding !== 'debezium-json' || !field.declaredType) return undefined
  if (!CONNECT_TYPES.has(field.declaredType)) return undefined
  const recorded = asset.properties?.keySchemaName
  const schema: ConnectSchema = {
    type: 'struct',
    fields: [
      {
        type: field.declaredType as ConnectPrimitiveType,
        optional: field.nullable ?? false,
        field: m[1]!,
      },
    ],
    optional: false,
    name: typeof recorded === 'string' ? recorded : `${asset.name}.Key`,
  }
  return {
    format: { kind: 'connect-json', schema },
    via:
      typeof recorded === 'string'
        ? `the JsonConverter key ${recorded}`
        : `the JsonConverter key (Debezium's ${asset.name}.Key)`,
  }
}

/** True when the lookup index holds the field's values (an identifier category), or unknown. */
function indexHolds(field: CatalogField, categories?: ReadonlyMap<string, CategoryId>): boolean {
  if (!categories) return true
  const category = categories.get(field.urn)
  return category !== undefined && indexKindOf(category) !== undefined
}

/** The best access to `field` the catalogue allows, before the user's scan choice. */
export function fieldAccess(
  asset: CatalogAsset,
  field: CatalogField,
  ctx: AccessContext,
): FieldAccess {
  const scanSize = scanSizeOf(asset)
  const counted = scanSize === undefined ? 'an uncounted number of' : String(scanSize)
  if (asset.platform === 'kafka') {
    const key = keyFormatOf(asset, field)
    const partitions = partitionCount(asset)
    if (key && partitions)
      return {
        access: 'partition',
        key: { ...key, partitions, declaredType: field.declaredType },
        reason: `${assetLabel(asset)} is keyed by ${field.path}: one partition of ${partitions}, found with the default partitioner over ${key.via}`,
      }
    if (ctx.indexedTopics?.has(asset.urn) && indexHolds(field, ctx.categories))
      return {
        access: 'lookup-index',
        reason: `${field.path} is not the key of ${assetLabel(asset)}: Sightline's lookup index gives the offsets`,
      }
    return {
      access: 'scan',
      ...(scanSize !== undefined ? { scanSize } : {}),
      reason: `${field.path} is not the key of ${assetLabel(asset)} and ${ctx.indexedTopics?.has(asset.urn) ? 'the lookup index does not hold it (not an identifier field)' : 'the topic is not in the lookup index'}: every partition would be read (${counted} messages)`,
    }
  }
  const pk = asset.primaryKey
  if (pk?.columns[0] === field.path)
    return { access: 'primary-key', index: pk.name, reason: `primary key ${pk.name}` }
  const index = (asset.indexes ?? []).find((i) => i.columns[0] === field.path && !i.primary)
  if (asset.platform === 'mongodb') {
    if (field.path === '_id')
      return { access: 'primary-key', index: index?.name ?? '_id_', reason: 'the _id index' }
    if (pushesDownOnlyId(asset, ctx.snapshot))
      return {
        access: 'scan',
        ...(scanSize !== undefined ? { scanSize } : {}),
        reason: `FerretDB pushes only _id filters down: ${field.path} would be scanned over ${counted} documents`,
      }
  }
  if (index) return { access: 'index', index: index.name, reason: `index ${index.name}` }
  const unit = asset.platform === 'mongodb' ? 'documents' : 'rows'
  return {
    access: 'scan',
    ...(scanSize !== undefined ? { scanSize } : {}),
    reason: `no index leads with ${field.path}: a scan of ${counted} ${unit}`,
  }
}
