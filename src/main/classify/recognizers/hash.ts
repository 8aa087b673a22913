import type { RecognizerContext, ValueRecognizer } from '../recognizer'
import { MATCH, NO_MATCH, capped, nameHas, nearMiss, wordSet } from './util'

/**
 * pseudonymous.hash: hex or base64 digests of the four common lengths. One recognizer per
 * algorithm so the evidence id says which (`value:hash-sha256`). 32 and 40 hex characters are
 * also what UUIDs without dashes and device ids look like, so those need the name to say hash;
 * 64 and 128 hex characters are rarely anything else and count on their own at a high share.
 * Base64 digests always need the name (a 24-44 character token may be anything).
 */
const HASH_WORDS = wordSet(
  'hash hashed hashes digest sha sha1 sha256 sha512 sha2 md5 hmac checksum pseudonym pseudonymised pseudonymized anonymised anonymized',
)

interface HashSpec {
  id: string
  label: string
  bytes: number
  /** Counts without the name saying hash. */
  alone: boolean
}

const SPECS: readonly HashSpec[] = [
  { id: 'hash-md5', label: 'MD5', bytes: 16, alone: false },
  { id: 'hash-sha1', label: 'SHA-1', bytes: 20, alone: false },
  { id: 'hash-sha256', label: 'SHA-256', bytes: 32, alone: true },
  { id: 'hash-sha512', label: 'SHA-512', bytes: 64, alone: true },
]

const HEX = /^[0-9A-Fa-f]+$/
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/

function named(ctx: RecognizerContext): boolean {
  // emailSha256 tokenises to ['email', 'sha256'] or ['email', 'sha', '256'].
  return nameHas(ctx, HASH_WORDS)
}

function base64Length(bytes: number): { padded: number; bare: number } {
  return { padded: Math.ceil(bytes / 3) * 4, bare: Math.ceil((bytes * 4) / 3) }
}

/** Strips `sha256:` / `{SHA}` style algorithm prefixes. */
function stripPrefix(v: string): string {
  const m = /^(?:\{[A-Za-z0-9-]{2,10}\}|[A-Za-z0-9-]{2,10}[:$])(.+)$/.exec(v)
  return m ? (m[1] ?? v) : v
}

function makeHashRecognizer(spec: HashSpec): ValueRecognizer {
  const hexLength = spec.bytes * 2
  const b64 = base64Length(spec.bytes)
  return {
    id: spec.id,
    category: 'pseudonymous.hash',
    threshold: 0.8,
    test(value, ctx) {
      const raw = capped(value, 200)
      if (raw === undefined) return NO_MATCH
      const v = stripPrefix(raw)
      if (v.length === hexLength && HEX.test(v)) {
        if (/^0+$/.test(v)) return NO_MATCH
        if (spec.alone || named(ctx)) return MATCH
        return nearMiss(
          `${hexLength} hex chars (${spec.label} length) but the name does not say hash`,
        )
      }
      const isB64Length = v.length === b64.padded || v.length === b64.bare
      if (isB64Length && BASE64.test(v) && /[A-Z]/.test(v) && /[a-z]/.test(v) && /\d/.test(v)) {
        if (named(ctx)) return MATCH
        return nearMiss(
          `base64 of ${spec.bytes} bytes (${spec.label} length) but the name does not say hash`,
        )
      }
      return NO_MATCH
    },
  }
}

export const hashRecognizers: readonly ValueRecognizer[] = SPECS.map(makeHashRecognizer)
