import type { TransformSpec } from '../../model/lineage'
import { phoneForms } from './phone'
import { normalisePostcode } from './text'

/**
 * Inversion: from a value seen in a target field back to the source values that produce it,
 * so that a lookup can pivot between stores (crm.dbo.Customer 42 <- singleview `C00000042`).
 */

/**
 * How a source value is compared with the candidates after a many-to-one transform:
 * `case-insensitive` (lower-case, upper-case), `trimmed` (surrounding whitespace ignored),
 * `space-collapsed` (runs of whitespace are one space), `space-insensitive` (all whitespace
 * ignored), `digits-only` (only digits compared: phone numbers however punctuated).
 */
export type MatchMode =
  'case-insensitive' | 'trimmed' | 'space-collapsed' | 'space-insensitive' | 'digits-only'

/**
 * Candidates are always true preimages (apply gives the target value back), so a lookup may use
 * them for indexed equality. A `match` also says how to find the other preimages: compare under
 * every mode listed; what a mode finds can be confirmed with applyTransform.
 */
export type Inversion =
  /** The source held one of these values, compared exactly (numbers and strings both listed). */
  | { kind: 'exact'; candidates: Array<string | number> }
  /** The source held a value equal to one of these under every mode listed. */
  | { kind: 'match'; modes: MatchMode[]; candidates: string[] }

export interface InvertOptions {
  /** For `concat`: which of the spec's fields the edge comes from. */
  field?: string
}

const MS_PER_DAY = 86_400_000

/**
 * The source values behind a target value, or undefined when the transform has no inverse
 * (sha256, hmac-sha256, aggregate, latest; concat without `field`) or the value is null. A value
 * outside the transform's range (`X1` for prefix-pad C) gives no candidates. A chain inverts step
 * by step in reverse; candidates are deduplicated.
 */
export function invertTransform(
  spec: TransformSpec,
  value: unknown,
  options: InvertOptions = {},
): Inversion | undefined {
  if (value === null || value === undefined) return undefined
  if (spec.type === 'chain') {
    let current: Inversion = { kind: 'exact', candidates: [scalar(value)] }
    for (const step of [...spec.steps].reverse()) {
      let modes = current.kind === 'match' ? current.modes : []
      const candidates: Array<string | number> = []
      for (const c of current.candidates) {
        const inv = invertTransform(step, c, options)
        if (!inv) return undefined
        if (inv.kind === 'match') modes = [...modes, ...inv.modes]
        candidates.push(...inv.candidates)
      }
      current = build([...new Set(modes)], candidates)
    }
    return current
  }
  const text = typeof value === 'string' ? value : String(value)
  switch (spec.type) {
    case 'identity':
    case 'rename':
      return { kind: 'exact', candidates: [scalar(value)] }
    case 'sha256':
    case 'hmac-sha256':
    case 'aggregate':
    case 'latest':
      return undefined
    case 'trim':
      return build(['trimmed'], [text])
    case 'lower-case':
    case 'upper-case':
      return build(['case-insensitive'], [text])
    case 'collapse-whitespace':
      return build(['space-collapsed'], [text])
    case 'postcode-format':
      return normalisePostcode(text) === text
        ? build(['case-insensitive', 'space-insensitive'], [text])
        : { kind: 'exact', candidates: [] }
    case 'e164': {
      // crm holds phones however people typed them: the written forms, then digits only.
      const forms = phoneForms(text, spec.region)
      return forms.length === 0 ? { kind: 'exact', candidates: [] } : build(['digits-only'], forms)
    }
    case 'prefix-pad':
      return { kind: 'exact', candidates: unpad(text, spec.prefix, spec.width) }
    case 'epoch-days-to-date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
      if (!m) return { kind: 'exact', candidates: [] }
      const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
      if (new Date(ms).toISOString().slice(0, 10) !== text) return { kind: 'exact', candidates: [] }
      return { kind: 'exact', candidates: [ms / MS_PER_DAY, text] }
    }
    case 'concat': {
      const index = options.field === undefined ? -1 : spec.fields.indexOf(options.field)
      if (index < 0) return undefined
      const parts = spec.separator === '' ? [] : text.split(spec.separator)
      // Only an unambiguous split says which part was the field's.
      if (parts.length !== spec.fields.length) return undefined
      return { kind: 'exact', candidates: [parts[index]!] }
    }
  }
}

/** Whether invertTransform can answer for this spec (for a non-null value in its range). */
export function isInvertible(spec: TransformSpec): boolean {
  switch (spec.type) {
    case 'sha256':
    case 'hmac-sha256':
    case 'aggregate':
    case 'latest':
      return false
    case 'chain':
      return spec.steps.every(isInvertible)
    default:
      return true
  }
}

/** Whether a source value is one the inversion allows. */
export function inversionMatches(inversion: Inversion, source: unknown): boolean {
  if (source === null || source === undefined) return false
  if (inversion.kind === 'exact') {
    return inversion.candidates.some((c) =>
      typeof source === 'number' || typeof c === 'number' ? c === source : c === String(source),
    )
  }
  const norm = (s: string) => normalise(s, inversion.modes)
  const wanted = new Set(inversion.candidates.map(norm))
  return wanted.has(norm(typeof source === 'string' ? source : String(source)))
}

/** Applies the comparison modes to a string, in a fixed order. */
export function normalise(text: string, modes: readonly MatchMode[]): string {
  let s = text
  if (modes.includes('digits-only')) return s.replace(/\D/g, '')
  if (modes.includes('space-insensitive')) s = s.replace(/\s+/g, '')
  else if (modes.includes('space-collapsed')) s = s.replace(/\s+/g, ' ').trim()
  else if (modes.includes('trimmed')) s = s.trim()
  if (modes.includes('case-insensitive')) s = s.toLowerCase()
  return s
}

function build(modes: MatchMode[], candidates: Array<string | number>): Inversion {
  const unique = [...new Set(candidates)]
  return modes.length === 0
    ? { kind: 'exact', candidates: unique }
    : { kind: 'match', modes, candidates: [...new Set(unique.map(String))] }
}

function scalar(value: unknown): string | number {
  return typeof value === 'number' ? value : String(value)
}

/**
 * `C00000042` under prefix C, width 8: the number 42 and every string that pads to it
 * (`42`, `042` ... `00000042`). A longer remainder was not padded: it is its own preimage.
 */
function unpad(text: string, prefix: string, width: number): Array<string | number> {
  if (!text.startsWith(prefix)) return []
  const rest = text.slice(prefix.length)
  if (rest.length < width) return []
  const out: Array<string | number> = []
  const strings = [rest]
  if (rest.length === width) {
    for (let i = 1; i < rest.length && rest[i - 1] === '0'; i++) strings.push(rest.slice(i))
  }
  const shortest = strings[strings.length - 1]!
  if (/^(0|[1-9]\d*)$/.test(shortest) && Number.isSafeInteger(Number(shortest)))
    out.push(Number(shortest))
  // Shortest first: the form a source most likely holds.
  out.push(...strings.reverse())
  return out
}
