import { createHmac } from 'node:crypto'
import type { CategoryId } from '../../../shared/model/personal-data'
import type { IdentifierKind, RecognisedIdentifier } from '../identifiers/identifier-kinds'
import { sha256Forms } from '../identifiers/hashed-forms'
import { readIds } from '../identifiers/id-formats'
import {
  normaliseCardToken,
  normaliseDeviceId,
  normaliseEmail,
  normaliseIp,
  normalisePhoneE164,
  normalisePostcode,
} from '../identifiers/normalise'

/**
 * What the lookup index indexes (docs/lookup-index.md): the identifier fields of Kafka messages,
 * each value reduced to a token `kind:canonical` with the same normalisers the lookup applies to
 * typed input, then keyed-hashed. `sha256` fields hold a hash already (clickstream
 * `emailSha256`): their token is the hex digest, which a typed email reaches via sha256Forms.
 */
export type IndexKind = IdentifierKind | 'sha256' | 'record-key'

/**
 * The path of a topic's record-key entries: the key's exact bytes, whatever they hold. Keyed
 * reads (kafka-keyed.ts) find a key's offsets through it, so a CDC copy keyed by a column that is
 * no identifier (AddressId, order_id) is read by offset instead of partition by partition
 * (docs/lookup-index.md). `@` keeps it apart from the catalogue's paths (`key`, `key.CustomerId`).
 */
export const RECORD_KEY_PATH = '@key'

/** Key bytes longer than this are not indexed (no producer of the estate comes near it). */
const MAX_RECORD_KEY_BYTES = 4096

export interface IndexedField {
  topic: string
  /** The field's path as the catalogue spells it (`customerEmail`, `after.Email`, `key`). */
  path: string
  kind: IndexKind
}

/** The classifier's categories that hold single-value identifiers the index can match. */
const KIND_OF_CATEGORY: Partial<Record<CategoryId, IndexKind>> = {
  'contact.email': 'email',
  'contact.phone': 'phone',
  'contact.postcode': 'postcode',
  'identifier.customer': 'customer-number',
  'identifier.loyalty': 'loyalty-number',
  'online.ip_address': 'ip-address',
  'online.device_id': 'device-id',
  'financial.card_token': 'card-token',
  'pseudonymous.hash': 'sha256',
}

/** The index kind of a field of this category, or undefined when it is not indexed. */
export function indexKindOf(category: CategoryId): IndexKind | undefined {
  return KIND_OF_CATEGORY[category]
}

/**
 * Indexed fields from classified Kafka fields (`{ topic, path, category }` from the catalogue,
 * reviews applied). Free text and names are not indexed: they are not identifiers on their own.
 */
export function indexedFieldsOf(
  fields: ReadonlyArray<{ topic: string; path: string; category: CategoryId }>,
): IndexedField[] {
  const out: IndexedField[] = []
  for (const f of fields) {
    const kind = indexKindOf(f.category)
    if (kind) out.push({ topic: f.topic, path: f.path, kind })
  }
  return out
}

/** The record-key field of a topic whose messages are keyed. */
export function recordKeyField(topic: string): IndexedField {
  return { topic, path: RECORD_KEY_PATH, kind: 'record-key' }
}

/** The record-key token of a key's bytes, given as bytes or as hex (a keyed query's form). */
export function recordKeyToken(key: Buffer | string): string | undefined {
  const hex = typeof key === 'string' ? key.toLowerCase() : key.toString('hex')
  if (hex.length === 0 || hex.length > MAX_RECORD_KEY_BYTES * 2) return undefined
  if (typeof key === 'string' && !/^(?:[0-9a-f]{2})+$/.test(hex)) return undefined
  return `record-key:${hex}`
}

/** The token of one stored value, or undefined when it is not a value of the kind. */
export function tokenOf(kind: IndexKind, raw: unknown): string | undefined {
  if (raw === null || raw === undefined) return undefined
  if (kind === 'record-key')
    return typeof raw === 'string' || Buffer.isBuffer(raw) ? recordKeyToken(raw) : undefined
  if (typeof raw === 'number' || typeof raw === 'bigint') {
    if (kind !== 'customer-number' && kind !== 'loyalty-number') return undefined
    raw = String(raw)
  }
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 320) return undefined
  const canonical = canonicalOf(kind, raw)
  return canonical === undefined ? undefined : `${kind}:${canonical}`
}

function canonicalOf(kind: IndexKind, raw: string): string | undefined {
  switch (kind) {
    case 'email':
      return normaliseEmail(raw)
    case 'phone':
      return normalisePhoneE164(raw)
    case 'postcode':
      return normalisePostcode(raw)
    case 'customer-number':
    case 'loyalty-number':
      return readIds(raw.trim()).find((r) => r.kind === kind)?.canonical
    case 'ip-address':
      return normaliseIp(raw)?.ip
    case 'device-id':
      return normaliseDeviceId(raw)?.deviceId
    case 'card-token':
      return normaliseCardToken(raw)?.token
    case 'sha256': {
      const v = raw.trim().toLowerCase()
      return /^[0-9a-f]{64}$/.test(v) ? v : undefined
    }
    default:
      // Compound kinds (name + postcode...) span several fields: not in this index.
      return undefined
  }
}

/** The tokens a typed identifier is found under: its own, and its hashed forms for emails. */
export function identifierTokens(id: RecognisedIdentifier): string[] {
  const tokens = [`${id.kind}:${id.canonical}`]
  if (id.kind === 'email') tokens.push(...sha256Forms(id).map((h) => `sha256:${h}`))
  return [...new Set(tokens)]
}

/** HMAC-SHA-256 of a token with the workspace key, truncated to 16 bytes. */
export function indexHmac(key: Buffer, token: string): Buffer {
  return createHmac('sha256', key).update(token, 'utf8').digest().subarray(0, 16)
}
