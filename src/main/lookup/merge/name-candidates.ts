import type { LookupPerson } from '../../../shared/model/lookup'
import { normaliseName } from '../identifiers/normalise'
import type { RecognisedIdentifier } from '../identifiers/identifier-kinds'
import type { RawRecord } from '../lookup-inputs'
import type { FieldContext } from './merged-fields'
import { comparable } from './merged-fields'
import { fieldUrnOf, isHistoryPath, scalarsOf } from './record-keys'

/**
 * Name-based lookups (a name with a postcode or a date of birth) find people, not one person:
 * each is a candidate scored by how well its names match the typed name (given and family name
 * tokens: exact, initial, one typo) and whether the postcode or birth date is held. Reasons are
 * in words, never values.
 */

export interface Candidate {
  personId: string
  score: number
  why: string
}

/** Levenshtein distance of at most 1: enough for one typo. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false
  let i = 0
  let j = 0
  let edits = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++
      j++
      continue
    }
    if (++edits > 1) return false
    if (a.length > b.length) i++
    else if (b.length > a.length) j++
    else {
      i++
      j++
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1
}

function tokenScore(typed: string, held: ReadonlySet<string>): { score: number; how: string } {
  if (held.has(typed)) return { score: 1, how: 'exactly' }
  for (const h of held) {
    if (typed.length === 1 && h.startsWith(typed)) return { score: 0.6, how: 'by initial' }
    if (h.length === 1 && typed.startsWith(h)) return { score: 0.6, how: 'by initial' }
  }
  for (const h of held) {
    if (typed.length > 3 && withinOneEdit(typed, h)) return { score: 0.8, how: 'with one typo' }
  }
  return { score: 0, how: 'not at all' }
}

export function rankNameCandidates(
  identifier: RecognisedIdentifier,
  people: ReadonlyArray<{ person: LookupPerson; records: readonly RawRecord[] }>,
  ctx: Pick<FieldContext, 'categories'>,
): Candidate[] {
  const typed = normaliseName(identifier.parts.name ?? '')
  const facet = identifier.parts.postcode ?? identifier.parts.dateOfBirth
  const facetCategory = identifier.parts.postcode ? 'contact.postcode' : 'identity.date_of_birth'
  const out: Candidate[] = []
  for (const { person, records } of people) {
    const names = new Set<string>()
    const facets = new Set<string>()
    for (const r of records) {
      for (const [path, value] of Object.entries(r.values)) {
        if (isHistoryPath(path)) continue
        const category = ctx.categories.get(fieldUrnOf(r.assetUrn, path))
        for (const v of scalarsOf(value)) {
          if (category === 'person.name')
            normaliseName(String(v))?.tokens.forEach((t) => names.add(t))
          if (category === facetCategory) facets.add(comparable(v, category))
        }
      }
    }
    const reasons: string[] = []
    let nameScore = 0
    if (typed) {
      const given = typed.given ? tokenScore(typed.given, names) : undefined
      const family = tokenScore(typed.family ?? typed.tokens[typed.tokens.length - 1]!, names)
      nameScore = given ? 0.4 * given.score + 0.6 * family.score : family.score
      if (given) reasons.push(`given name matches ${given.how}`)
      reasons.push(`family name matches ${family.how}`)
    }
    const facetHeld = facet !== undefined && facets.has(comparable(facet, facetCategory))
    reasons.push(
      `${facetCategory === 'contact.postcode' ? 'postcode' : 'date of birth'} ${facetHeld ? 'held' : 'not held'}`,
    )
    const score = Math.round((0.7 * nameScore + 0.3 * (facetHeld ? 1 : 0)) * 1000) / 1000
    out.push({ personId: person.id, score, why: reasons.join('; ') })
  }
  return out.sort((a, b) => b.score - a.score || (a.personId < b.personId ? -1 : 1))
}
