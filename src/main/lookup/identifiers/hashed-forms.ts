import { createHash } from 'node:crypto'
import type { RecognisedIdentifier } from './identifier-kinds'

/**
 * The hashed forms a field may hold an identifier in, for fields the catalogue knows hold hashes
 * (clickstream's `emailSha256` is SHA-256 of the trimmed, lower-cased email — exactly the
 * canonical form). Lower-case hex, one per exact form, canonical first. Keyed hashes (HMAC) need
 * the key of the system that wrote them and are the lineage transform's business, not this one.
 */
export function sha256Forms(id: RecognisedIdentifier): string[] {
  const forms = [id.canonical, ...id.forms.filter((f) => f !== id.canonical)]
  return forms.map((f) => createHash('sha256').update(f, 'utf8').digest('hex'))
}
