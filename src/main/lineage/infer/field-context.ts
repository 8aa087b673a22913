import type { CatalogAsset, CatalogField } from '../../../shared/model/catalog'
import type { LineageEdge } from '../../../shared/model/lineage'
import { tokenizeName } from '../../classify/tokenize-name'

/** A catalogued field with its asset, as inference needs it. */
export interface FieldInfo {
  asset: CatalogAsset
  field: CatalogField
}

/** Every field of the snapshot by URN. */
export function indexFields(assets: ReadonlyMap<string, CatalogAsset>): Map<string, FieldInfo> {
  const out = new Map<string, FieldInfo>()
  for (const asset of assets.values())
    for (const field of asset.fields) out.set(field.urn, { asset, field })
  return out
}

/** Where values usually start: databases, then streams, then document stores (DESIGN.md §1). */
export function flowRank(platform: string): number {
  switch (platform) {
    case 'postgres':
    case 'sqlserver':
    case 'mysql':
      return 0
    case 'kafka':
      return 1
    case 'mongodb':
      return 2
    default:
      return 1
  }
}

const COPY_TYPES = new Set(['identity', 'rename', 'trim'])

/**
 * Fields known to hold the same values: joined by known field edges that copy (a CDC column ->
 * `after.X`, a sink's copy). A suggestion between two of them, or from one of them where another
 * already feeds the target, repeats what is known. Union-find over field URNs.
 */
export class CopyClasses {
  private readonly parent = new Map<string, string>()
  /** Fields with a known incoming edge (their values are explained already). */
  readonly fed = new Set<string>()

  constructor(known: readonly LineageEdge[]) {
    for (const edge of known) {
      if (edge.level !== 'field' || edge.origin.kind === 'accepted-suggestion') continue
      this.fed.add(edge.to)
      if (!edge.transform || COPY_TYPES.has(edge.transform.type)) this.union(edge.from, edge.to)
    }
  }

  find(urn: string): string {
    let root = urn
    for (let p = this.parent.get(root); p !== undefined && p !== root; p = this.parent.get(root))
      root = p
    // Path compression keeps later finds short.
    for (let u = urn; u !== root;) {
      const next = this.parent.get(u)!
      this.parent.set(u, root)
      u = next
    }
    return root
  }

  private union(a: string, b: string): void {
    const ra = this.find(a)
    const rb = this.find(b)
    if (!this.parent.has(ra)) this.parent.set(ra, ra)
    if (ra !== rb) this.parent.set(rb, ra)
  }
}

/** Whether the field is its asset's own key: a primary key column, `_id`, a message key. */
export function isKeyField(info: FieldInfo): boolean {
  const path = info.field.path
  return info.field.primaryKey === true || path === '_id' || path === 'key' || path === 'id'
}

/**
 * A field's name tokens; a key with a bare name (`_id`, `id`, `key`) is named by its asset too:
 * `customers._id` reads as `customer id`, the way `CustomerId` is written where it comes from.
 */
function nameTokens(info: FieldInfo): Set<string> {
  const tokens = new Set(tokenizeName(info.field.name))
  if (isKeyField(info) && [...tokens].every((t) => t === 'id' || t === 'key'))
    for (const t of tokenizeName(info.asset.name)) tokens.add(t)
  return tokens
}

/** Token-set similarity of the two fields' leaf names (Dice), after abbreviation expansion. */
export function nameSimilarity(a: FieldInfo, b: FieldInfo): number {
  const ta = nameTokens(a)
  const tb = nameTokens(b)
  if (ta.size === 0 || tb.size === 0) return 0
  let both = 0
  for (const t of ta) if (tb.has(t)) both++
  return (2 * both) / (ta.size + tb.size)
}

type TypeFamily = 'number' | 'text' | 'date' | 'unknown'

export function typeFamily(field: CatalogField): TypeFamily {
  const declared = (field.declaredType ?? '').toLowerCase()
  if (/date|time/.test(declared)) return 'date'
  if (/int|numeric|decimal|float|double|real|number|long|money/.test(declared)) return 'number'
  if (/char|text|string|uuid/.test(declared)) return 'text'
  const observed = field.types?.[0]?.type
  if (observed === 'int' || observed === 'long' || observed === 'decimal') return 'number'
  if (observed === 'string') return 'text'
  if (observed === 'date') return 'date'
  return 'unknown'
}

/**
 * Whether a value of `from`'s type can land in `to` through `transform`: a copy keeps the family
 * (ids may go between numbers and text); prefix-pad and dates change it by design.
 */
export function typeCompatible(from: CatalogField, to: CatalogField, transform: string): boolean {
  if (transform !== 'identity') return true
  const a = typeFamily(from)
  const b = typeFamily(to)
  return a === 'unknown' || b === 'unknown' || a === b || (a !== 'date' && b !== 'date')
}
