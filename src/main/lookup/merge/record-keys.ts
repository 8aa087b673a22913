import type { CategoryId } from '../../../shared/model/personal-data'
import type { IdentifierKind } from '../../../shared/model/lookup'
import { encodeFieldPath } from '../../../shared/urn'
import { recogniseIdentifier } from '../identifiers/recognise'
import {
  normaliseAccountNumber,
  normaliseCardToken,
  normaliseDeviceId,
  normaliseEmail,
  normaliseIp,
  normalisePhone,
  normalisePostcode,
} from '../identifiers/normalise'
import type { RawRecord } from '../lookup-inputs'

/**
 * The identifiers a record holds, in canonical form (the same normalisers as the typed input),
 * read from the fields the catalogue classifies. Strong ones (customer and loyalty numbers,
 * email) tie records into one person; weak ones only link people.
 */

export interface RecordKey {
  kind: IdentifierKind
  strength: 'strong' | 'weak'
  /** `kind:canonical`: compares across stores. */
  key: string
  canonical: string
  category: CategoryId
  fieldUrn: string
  path: string
}

const STRONG_BY_CATEGORY: Partial<Record<CategoryId, IdentifierKind>> = {
  'identifier.customer': 'customer-number',
  'identifier.loyalty': 'loyalty-number',
  'contact.email': 'email',
}

/** Weak identifiers: shared by households, devices, cards... Linked, never merged. */
const WEAK_BY_CATEGORY: Partial<Record<CategoryId, IdentifierKind>> = {
  'contact.phone': 'phone',
  'contact.postcode': 'postcode',
  'online.device_id': 'device-id',
  'online.ip_address': 'ip-address',
  'financial.card_token': 'card-token',
  'financial.bank_account': 'bank-account',
}

/** The strong identifier kind a category holds (customer and loyalty numbers, email), if any. */
export function strongKindOf(category: CategoryId | undefined): IdentifierKind | undefined {
  return category ? STRONG_BY_CATEGORY[category] : undefined
}

/** A Debezium `before` image is the past: shown in its own event, never a key of the present. */
export function isHistoryPath(path: string): boolean {
  return path === 'before' || path.startsWith('before.')
}

/** Field URNs by asset, then path: no key string is built per call (a lookup makes thousands). */
const urnCache = new Map<string, Map<string, string>>()
let cachedUrns = 0

/**
 * Memoised: every record of an asset repeats the same paths. Two levels, because the asset URN
 * and a record's property names are strings V8 has already hashed, and a concatenated key is a
 * new string to hash on every call (~1 ms of a warm lookup's CPU at bench scale).
 */
export function fieldUrnOf(assetUrn: string, path: string): string {
  const known = urnCache.get(assetUrn)?.get(path)
  if (known !== undefined) return known
  if (cachedUrns >= 50_000) {
    urnCache.clear()
    cachedUrns = 0
  }
  let paths = urnCache.get(assetUrn)
  if (paths === undefined) urnCache.set(assetUrn, (paths = new Map()))
  const urn = `${assetUrn}#${encodeFieldPath(path)}`
  paths.set(path, urn)
  cachedUrns++
  return urn
}

/** Scalars of a flattened value: arrays (`customerIds[]`) give one each; dates as ISO text. */
export function scalarsOf(value: unknown): Array<string | number> {
  const list = Array.isArray(value) ? (value as unknown[]) : [value]
  const out: Array<string | number> = []
  for (const v of list) {
    if (typeof v === 'string' || typeof v === 'number') out.push(v)
    else if (typeof v === 'bigint') out.push(v.toString())
    else if (v instanceof Date && !Number.isNaN(v.getTime())) out.push(v.toISOString())
  }
  return out
}

/** Customer and loyalty numbers in any form the catalogue knows (`42`, `C00000042`) -> canonical. */
function canonicalId(kind: 'customer-number' | 'loyalty-number', raw: string): string | undefined {
  try {
    return recogniseIdentifier(raw, { kinds: [kind] }).best.canonical
  } catch {
    // Not a form the recogniser knows: the trimmed value still compares with itself.
    return raw.trim() === '' ? undefined : raw.trim()
  }
}

const canonicalCache = new Map<string, string | undefined>()

/**
 * The canonical form of a value of an identifier kind, or undefined when it is not one.
 * Memoised (bounded): one person's values repeat across stores, and libphonenumber is the cost.
 */
export function canonicalOf(kind: IdentifierKind, value: string | number): string | undefined {
  const key = `${kind}\u0000${typeof value}\u0000${value}`
  if (canonicalCache.has(key)) return canonicalCache.get(key)
  const canonical = computeCanonical(kind, String(value))
  if (canonicalCache.size > 50_000) canonicalCache.clear()
  canonicalCache.set(key, canonical)
  return canonical
}

function computeCanonical(kind: IdentifierKind, text: string): string | undefined {
  switch (kind) {
    case 'customer-number':
    case 'loyalty-number':
      return canonicalId(kind, text)
    case 'email':
      return normaliseEmail(text)
    case 'phone':
      return normalisePhone(text)?.e164
    case 'postcode':
      return normalisePostcode(text)
    case 'device-id':
      return normaliseDeviceId(text)?.deviceId
    case 'ip-address':
      return normaliseIp(text)?.ip
    case 'card-token':
      return normaliseCardToken(text)?.token
    case 'bank-account':
      return normaliseAccountNumber(text)
    default:
      return undefined
  }
}

/**
 * Every identifier key of a record. A record holding several values of one strong kind (a
 * marketing segment's `customerIds[]`) is about many people: those values are not its keys.
 */
export function recordKeys(
  record: RawRecord,
  categories: ReadonlyMap<string, CategoryId>,
): RecordKey[] {
  const keys: RecordKey[] = []
  for (const [path, value] of Object.entries(record.values)) {
    if (isHistoryPath(path)) continue
    const fieldUrn = fieldUrnOf(record.assetUrn, path)
    const category = categories.get(fieldUrn)
    if (!category) continue
    const strongKind = STRONG_BY_CATEGORY[category]
    const kind = strongKind ?? WEAK_BY_CATEGORY[category]
    if (!kind) continue
    for (const v of scalarsOf(value)) {
      const canonical = canonicalOf(kind, v)
      if (canonical === undefined) continue
      keys.push({
        kind,
        strength: strongKind ? 'strong' : 'weak',
        key: `${kind}:${canonical}`,
        canonical,
        category,
        fieldUrn,
        path,
      })
    }
  }
  const strongKinds = new Map<IdentifierKind, Set<string>>()
  for (const k of keys) {
    if (k.strength !== 'strong') continue
    const set = strongKinds.get(k.kind) ?? new Set<string>()
    set.add(k.key)
    strongKinds.set(k.kind, set)
  }
  return keys.filter((k) => k.strength === 'weak' || strongKinds.get(k.kind)!.size === 1)
}

/**
 * True when a field of a strong kind holds several values: the record is about many people (a
 * marketing segment's `customerIds[]`), which is why those values are not its keys.
 */
export function namesManyPeople(
  record: RawRecord,
  categories: ReadonlyMap<string, CategoryId>,
): boolean {
  for (const [path, value] of Object.entries(record.values)) {
    if (!Array.isArray(value) || value.length < 2 || isHistoryPath(path)) continue
    if (strongKindOf(categories.get(fieldUrnOf(record.assetUrn, path)))) return true
  }
  return false
}
