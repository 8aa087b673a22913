import type { CategoryId } from '../../../shared/model/personal-data'
import type { RecognizerContext, ValueRecognizer } from '../recognizer'
import { MATCH, NO_MATCH, view } from './shared-b'
import { compileCues, findCue, MAX_TEXT_LENGTH, wordTokens, type CueSet } from './text-tokens'

/**
 * GDPR Article 9 special categories, by name and by value cues. Cues are lower-case words or
 * phrases matched on word tokens (camelCase split, so `VulnerableCustomer` holds `vulnerable`).
 * Cues are chosen to be unambiguous: `blind` alone is a window blind, `union` alone is SQL or the
 * EU, `fingerprint` alone is a browser or certificate fingerprint, `race` alone is a motor race.
 */

/** A comma-separated cue list (compact to read and to edit). */
function cues(text: string): string[] {
  return text
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c.length > 0)
}

export type SpecialCategoryId = Extract<CategoryId, `special.${string}`>

/** Field-name cues per special category (phrases match consecutive name tokens). */
export const SPECIAL_NAME_CUES: Readonly<Record<SpecialCategoryId, readonly string[]>> = {
  'special.health': cues(
    'health, medical, diagnosis, disability, disabilities, vulnerable, vulnerability, ' +
      'pregnancy, pregnant, wheelchair, allergy, allergies, medication, medications, ' +
      'illness, mental health, hearing impaired, visually impaired, impairment, diabetes, ' +
      'diabetic, blood type, blood group, symptoms, prescription, clinical, sickness, ' +
      'sick leave, care needs, accessibility needs, medical condition, health condition, ' +
      'dietary medical, bmi',
  ),
  'special.ethnicity': cues(
    'ethnicity, ethnic, ethnic origin, ethnic group, racial, race ethnicity',
  ),
  'special.religion': cues('religion, religious, faith, belief, beliefs, denomination'),
  'special.political': cues(
    'political, politics, political party, party affiliation, voting intention, ' +
      'political opinion, political views',
  ),
  'special.trade_union': cues(
    'trade union, tradeunion, union member, union membership, union dues, union rep',
  ),
  'special.biometric': cues(
    'biometric, biometrics, fingerprint template, fingerprint image, fingerprint scan, ' +
      'face embedding, face template, face encoding, facial, faceprint, voiceprint, ' +
      'iris scan, iris template, retina scan, dna, genetic, genome, genotype, palm print',
  ),
  'special.sexual_orientation': cues('sexual orientation, sexuality, sexual, sex life'),
}

/** Exact field names that are a cue only alone (`race` yes, `race_id` in a motor-racing set no). */
const EXACT_NAME_CUES: Readonly<Record<string, SpecialCategoryId>> = {
  race: 'special.ethnicity',
  orientation: 'special.sexual_orientation',
}

/** Name or asset tokens that cancel a special cue (`health_check`, `vulnerability` scans). */
export const SPECIAL_NAME_NEGATIVE_CUES: readonly string[] = cues(
  'check, healthcheck, endpoint, service, probe, url, node, cluster, cve, scan, scanner, ' +
    'security, severity, cvss, exploit, patch, server, pipeline, job, replica, disk, ' +
    'monitor, uptime, liveness, readiness',
)

/** Value cues per special category, for free text and code lists. */
export const SPECIAL_VALUE_CUES: Readonly<Record<SpecialCategoryId, readonly string[]>> = {
  'special.health': cues(
    'diagnosis, diagnosed, disability, disabilities, vulnerable, vulnerability, pregnancy, ' +
      'pregnant, wheelchair, diabetes, diabetic, dementia, alzheimers, chemotherapy, cancer, ' +
      'stroke, depression, anxiety, epilepsy, epileptic, asthma, autism, autistic, adhd, ' +
      'hiv, schizophrenia, bipolar, ptsd, dyslexia, dyslexic, medication, deaf, ' +
      'hearing impaired, visually impaired, sight impaired, mobility impaired, ' +
      'terminal illness, terminally ill, mental health, registered blind, partially sighted, ' +
      'learning difficulties, learning disability, illness, medical condition, ' +
      'health condition, sick note, hospitalised, hospitalized, miscarriage, parkinsons, ' +
      'multiple sclerosis',
  ),
  'special.ethnicity': cues(
    'white british, white irish, white other, other white, black british, black african, ' +
      'black caribbean, asian british, british asian, mixed race, mixed ethnicity, ' +
      'ethnic minority, ethnic origin, ethnicity, irish traveller, ' +
      'white and black caribbean, white and black african, white and asian, hispanic, ' +
      'latino, latina, latinx, african american, pacific islander, native american, ' +
      'alaska native, caucasian',
  ),
  'special.religion': cues(
    'christian, christianity, muslim, islam, islamic, jewish, judaism, hindu, hinduism, ' +
      'sikh, sikhism, buddhist, buddhism, atheist, agnostic, catholic, protestant, anglican, ' +
      'methodist, baptist, mormon, jehovahs witness, no religion, church of england, ' +
      'religious',
  ),
  'special.political': cues(
    'labour party, conservative party, liberal democrat, liberal democrats, green party, ' +
      'reform uk, plaid cymru, scottish national party, sinn fein, democrat, ' +
      'democratic party, republican party, tory, tories, political party, party member, ' +
      'political views, political opinion, voting intention',
  ),
  'special.trade_union': cues(
    'trade union, union member, union membership, union rep, union representative, ' +
      'union dues, shop steward, unison, nasuwt, usdaw',
  ),
  'special.biometric': cues(
    'fingerprint template, face embedding, facial recognition, biometric, biometrics, ' +
      'iris scan, retina scan, voiceprint, faceprint, dna sample, genetic test, genome, ' +
      'genotype',
  ),
  'special.sexual_orientation': cues(
    'heterosexual, homosexual, bisexual, lesbian, pansexual, asexual, gay man, gay woman, ' +
      'gay men, sexual orientation, lgbt, lgbtq, lgbtqia, sex life',
  ),
}

/** Words in the same value that cancel a value cue (`vulnerability` in a CVE description). */
const VALUE_NEGATIVES: Partial<Record<SpecialCategoryId, ReadonlySet<string>>> = {
  'special.health': new Set(
    cues(
      'cve, fault, engine, exploit, patch, security, xss, injection, sql, cvss, malware, scanner, firmware, ' +
        'dependency, package, npm, csrf, rce',
    ),
  ),
}

/** Assets whose text describes products, not people (`wheelchair ramp`, `pregnancy test`). */
const PRODUCT_CONTEXT = cues(
  'product, products, sku, catalog, catalogue, item, items, article, articles, ' +
    'inventory, stock, listing, listings, merchandise, range',
)

const SPECIAL_IDS = Object.keys(SPECIAL_VALUE_CUES) as SpecialCategoryId[]
const NAME_SETS = new Map<SpecialCategoryId, CueSet>(
  SPECIAL_IDS.map((id) => [id, compileCues(SPECIAL_NAME_CUES[id])]),
)
const VALUE_SETS = new Map<SpecialCategoryId, CueSet>(
  SPECIAL_IDS.map((id) => [id, compileCues(SPECIAL_VALUE_CUES[id])]),
)
const NEGATIVE_NAME = new Set(SPECIAL_NAME_NEGATIVE_CUES)

/**
 * The special category a field's name points at, with the cue, or undefined. Name tokens are
 * as in RecognizerContext (lower-case words); asset tokens only cancel (a `health` column of a
 * `service_health` table is a service's health).
 */
export function specialCategoryFromName(
  nameTokens: readonly string[],
  assetTokens: readonly string[] = [],
): { category: SpecialCategoryId; cue: string } | undefined {
  const tokens = nameTokens.map((t) => String(t).toLowerCase())
  if (tokens.some((t) => NEGATIVE_NAME.has(t)) || assetTokens.some((t) => NEGATIVE_NAME.has(t)))
    return undefined
  const only = tokens.length === 1 ? (tokens[0] ?? '') : ''
  const exact = EXACT_NAME_CUES[only]
  if (exact) return { category: exact, cue: only }
  const joined = tokens.join('')
  for (const id of SPECIAL_IDS) {
    const cue = findCue(tokens, NAME_SETS.get(id)!)
    if (cue) return { category: id, cue }
    // `HEALTHNOTES`, `ethnicorigin`: long single-word cues inside an unsplit name.
    const inside = SPECIAL_NAME_CUES[id].find(
      (c) => c.length >= 6 && !c.includes(' ') && joined.includes(c),
    )
    if (inside && !NEGATIVE_NAME.has(joined.replace(inside, '')))
      return { category: id, cue: inside }
  }
  return undefined
}

/** Every special category cued in one value, with the cue (for free text evidence). */
export function specialCuesInText(value: string): Partial<Record<SpecialCategoryId, string>> {
  const found: Partial<Record<SpecialCategoryId, string>> = {}
  if (typeof value !== 'string' || value.length === 0) return found
  const tokens = wordTokens(value, MAX_TEXT_LENGTH)
  if (tokens.length === 0) return found
  let tokenSet: Set<string> | undefined
  for (const id of SPECIAL_IDS) {
    const cue = findCue(tokens, VALUE_SETS.get(id)!)
    if (!cue) continue
    const negatives = VALUE_NEGATIVES[id]
    if (negatives) {
      tokenSet ??= new Set(tokens)
      if ([...negatives].some((n) => tokenSet!.has(n))) continue
    }
    found[id] = cue
  }
  return found
}

/**
 * The seven special recognizers each test every value: the cues of recent values are cached so
 * a value is tokenised and matched once (bounded: cleared when full).
 */
const recentCues = new Map<string, Partial<Record<SpecialCategoryId, string>>>()
const RECENT_MAX = 1024

function cachedCues(value: string): Partial<Record<SpecialCategoryId, string>> {
  const hit = recentCues.get(value)
  if (hit) return hit
  const found = specialCuesInText(value)
  if (value.length <= MAX_TEXT_LENGTH) {
    if (recentCues.size >= RECENT_MAX) recentCues.clear()
    recentCues.set(value, found)
  }
  return found
}

function productContext(ctx: RecognizerContext): boolean {
  const v = view(ctx)
  return PRODUCT_CONTEXT.some((c) => v.asset.has(c) || v.name.has(c))
}

/** Minimum share of values with a cue: call notes hold health data in a few values in a hundred. */
export const SPECIAL_VALUE_THRESHOLD = 0.02

function specialRecognizer(id: SpecialCategoryId): ValueRecognizer {
  return {
    id: `${id.replace('.', '-').replace('_', '-')}-cues`,
    category: id,
    threshold: SPECIAL_VALUE_THRESHOLD,
    test(value) {
      if (value.length < 3) return NO_MATCH
      return cachedCues(value)[id] === undefined ? NO_MATCH : MATCH
    },
    judgeField(matching, all, ctx) {
      if (productContext(ctx)) return 'cue words in product or catalogue text, not about a person'
      if (all.length >= 10 && matching.length < 2) return 'a cue word in a single value'
      return undefined
    },
  }
}

/** One recognizer per special category, by value cues. */
export const SPECIAL_RECOGNIZERS: readonly ValueRecognizer[] = SPECIAL_IDS.map(specialRecognizer)
