import { FAMILY_NAMES } from '../dictionaries/family-names'
import { GIVEN_NAMES } from '../dictionaries/given-names'

/**
 * Person names inside free text (`Left with neighbour Anna Kowalski`, `spoke to Mrs Patel`,
 * `Signed by J. Smith`). Works on capitalisation plus the given/family name dictionaries, and
 * refuses names that are also everyday words (`Will`, `May`, `Green`, `Street`) unless a title
 * or a second name part vouches for them. Linear: one pass over the words.
 */

const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sir',
  'rev',
  'dame',
  'lady',
  'lord',
])

/** Given names that are also words, months or places: a name only with a family name after. */
const AMBIGUOUS_GIVEN = new Set(
  (
    'will may june april august mark bill grace hope rose faith joy jack sky summer autumn dawn ' +
    'amber ruby pearl frank rich art guy ray sunny chase hunter dean carol holly ivy iris lily ' +
    'daisy violet jasmine crystal angel destiny eve christian victoria georgia florence chelsea ' +
    'jordan india asia sydney austin dallas brooklyn paris london kent rowan sage river ' +
    'stone reed wade miles max bob pat sue ben don ed al penny honey star storm harley ' +
    'bentley mercedes porsche apple cherry lincoln douglas norman warren lance gene'
  ).split(' '),
)

/** Family names that are also common words: a name only after a title, initial or given name. */
const AMBIGUOUS_FAMILY = new Set(
  (
    'green brown white black young king hill wood cook day bell ball bird bishop fox frost field ' +
    'cross hall church mill rose may long short best hope hunt lane park north south east west ' +
    'little law grant page love gold rich moon english french welsh price ford banks marsh ' +
    'booth bond bull carter walker baker fisher farmer turner mason butcher porter cooper ' +
    'chambers summers winter summer spring brooks stone street wall waters well wells wise ' +
    'young golden house land lord major nash noble parsons rice sharp small strong sweet ' +
    'swift tanner tucker webb wild charles george james thomas day'
  ).split(' '),
)

/** Words after a given name that make it a place or a thing, not a person (`Victoria Road`). */
const NOT_FAMILY = new Set(
  (
    'street st road rd lane avenue ave close drive way court house park gardens place square ' +
    'crescent terrace grove hill ltd limited plc bank council hospital school college university ' +
    'station airport centre center hotel church store shop group services line'
  ).split(' '),
)

/** Lower-case words before a lone family name that point at a person (`spoke to Patel`). */
const PERSON_LEAD = new Set(
  'to by with from called contacted rang emailed told asked informed met per cc attn neighbour'.split(
    ' ',
  ),
)

interface Word {
  text: string
  lower: string
  /** Starts with a capital followed by a lower-case letter (not an acronym). */
  capitalised: boolean
  /** Single capital letter, optionally with a full stop (`J.`). */
  initial: boolean
  /** First word of the text or of a sentence. */
  sentenceStart: boolean
}

const WORD = /[\p{L}][\p{L}'’-]*\.?/gu

function words(text: string): Word[] {
  const out: Word[] = []
  let lastEnd = 0
  WORD.lastIndex = 0
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const raw = m[0]
    const gap = text.slice(lastEnd, m.index)
    const prev = out[out.length - 1]
    const sentenceStart =
      out.length === 0 ||
      /[.!?:;\n]/.test(gap) ||
      (prev !== undefined && prev.text.endsWith('.') && !prev.initial && !TITLES.has(prev.lower))
    lastEnd = m.index + raw.length
    const bare = raw.endsWith('.') ? raw.slice(0, -1) : raw
    const first = bare[0] ?? ''
    const second = bare[1] ?? ''
    out.push({
      text: raw,
      lower: bare.toLowerCase(),
      capitalised:
        bare.length >= 2 && first !== first.toLowerCase() && second !== second.toUpperCase(),
      initial: bare.length === 1 && first !== first.toLowerCase(),
      sentenceStart,
    })
  }
  return out
}

/** Name parts may be hyphenated or prefixed (`Smith-Jones`, `McDonald`, `O’Brien`). */
function isFamily(lower: string): boolean {
  if (FAMILY_NAMES.has(lower)) return true
  const parts = lower.split(/[-'’]/)
  if (parts.length > 1 && parts.some((p) => p.length > 1 && FAMILY_NAMES.has(p))) return true
  for (const prefix of ['mc', 'mac', 'o']) {
    if (lower.startsWith(prefix) && FAMILY_NAMES.has(lower.slice(prefix.length))) return true
  }
  return false
}

function isGiven(lower: string): boolean {
  if (GIVEN_NAMES.has(lower)) return true
  const parts = lower.split('-')
  return parts.length > 1 && parts.every((p) => GIVEN_NAMES.has(p))
}

/** True when the text names a person. */
export function containsPersonName(text: string): boolean {
  const ws = words(text)
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]
    if (!w) continue
    const next = ws[i + 1]
    // Mrs Patel, Dr. Okafor
    if (TITLES.has(w.lower) && next && next.capitalised && !NOT_FAMILY.has(next.lower)) {
      if (w.text.charAt(0) !== w.text.charAt(0).toLowerCase()) return true
    }
    // J. Smith, J Smith
    if (w.initial && next && next.capitalised && isFamily(next.lower) && !next.sentenceStart)
      return true
    if (!w.capitalised) continue
    // Anna Kowalski; Will Smith (an ambiguous given name with a known family name)
    if (
      isGiven(w.lower) &&
      next &&
      next.capitalised &&
      !next.sentenceStart &&
      !NOT_FAMILY.has(next.lower)
    ) {
      if (isFamily(next.lower)) return true
      if (!AMBIGUOUS_GIVEN.has(w.lower) && !isGiven(next.lower) && next.lower.length >= 3)
        return true
    }
    if (w.sentenceStart) continue
    // Customer Anna asked...: a lone given name mid-sentence
    if (isGiven(w.lower) && !AMBIGUOUS_GIVEN.has(w.lower) && !(next && NOT_FAMILY.has(next.lower)))
      return true
    // spoke to Patel
    const prev = ws[i - 1]
    if (prev && PERSON_LEAD.has(prev.lower) && isFamily(w.lower) && !AMBIGUOUS_FAMILY.has(w.lower))
      return true
  }
  return false
}
