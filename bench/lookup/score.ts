/**
 * Scores one lookup against the ground truth: which of the person's records it found (per asset),
 * which records of other people it merged into the person, whether people sharing a weak
 * identifier came back linked rather than merged, and for name lookups the rank of the right
 * person among the candidates.
 */
import type { LookupPerson, LookupResult } from '../../src/shared/model/lookup'
import { recordId, type Truth } from './truth'
import { STRONG, type LookupCase } from './variants'

export interface AssetScore {
  expected: number
  found: number
  missed: string[]
}

export interface CaseScore {
  lookup: LookupCase
  /** Asset URN -> the person's records expected and found there. */
  assets: Map<string, AssetScore>
  /** Records of someone else inside the person's merged records (strong: every `people` record). */
  foreignMerged: string[]
  /** Merged people (people or linked) holding records of the person AND of someone else only. */
  mixedPeople: number
  /** Records returned whose asset has truth but whose id no person owns (e.g. anonymous events). */
  unowned: number
  linked: number
  /** Other people sharing the typed phone (truth), and how many of them came back at all. */
  sharers: number
  sharersShown: number
  /** Name lookups: 1-based rank of the right person among the candidates; null if not there. */
  rank?: number | null
  candidates?: number
  /** Name lookups: the result held anyone at all (people or linked). */
  foundAnyone?: boolean
  /** The lookup said its strong identifier is shared (a household's email) and acted as weak. */
  identifierShared?: boolean
  /** The source states, `source:state`. */
  sources: string[]
  durationMs: number
  /** The Kafka source's `bytesFetched`, when it reported one. */
  kafkaBytes?: number
  error?: string
}

const personRecords = (p: LookupPerson) => p.groups.flatMap((g) => g.records)

export function scoreLookup(
  truth: Truth,
  lookup: LookupCase,
  result: LookupResult | undefined,
  durationMs: number,
  error?: string,
): CaseScore {
  const expected = truth.expected.get(lookup.personId) ?? new Map<string, Set<string>>()
  const owned = new Map<string, string[] | undefined>() // LookupRecord.id -> owners
  const foundByAsset = new Map<string, Set<string>>()
  let unowned = 0
  for (const r of result?.records ?? []) {
    const id = recordId(r.assetUrn, r.recordKey, truth)
    const owners = truth.owners.get(r.assetUrn)
    if (!owners) continue // an asset without truth (filler): neither found nor foreign
    const who = owners.get(id)
    owned.set(r.id, who)
    if (!who) unowned += 1
    const set = foundByAsset.get(r.assetUrn) ?? new Set<string>()
    foundByAsset.set(r.assetUrn, set)
    set.add(id)
  }
  const assets = new Map<string, AssetScore>()
  for (const [urn, ids] of expected) {
    const found = foundByAsset.get(urn) ?? new Set<string>()
    const missed = [...ids].filter((id) => !found.has(id))
    assets.set(urn, { expected: ids.size, found: ids.size - missed.length, missed })
  }
  const isMine = (recordIdInResult: string) =>
    owned.get(recordIdInResult)?.includes(lookup.personId) ?? false
  // A record several people own (a marketing segment listing both) says nothing of a merge: a
  // person holding one is not the subject's merged person for that alone.
  const isOnlyMine = (recordIdInResult: string) => {
    const who = owned.get(recordIdInResult)
    return who !== undefined && who.length === 1 && who[0] === lookup.personId
  }
  const isForeign = (recordIdInResult: string) => {
    const who = owned.get(recordIdInResult)
    return who !== undefined && !who.includes(lookup.personId)
  }
  const people = result?.people ?? []
  const linked = result?.linked ?? []
  const all = [...people, ...linked.map((l) => l.person)]
  const mixedPeople = all.filter((p) => {
    const ids = personRecords(p)
    return ids.some(isOnlyMine) && ids.some(isForeign)
  }).length
  // Strong: everything in `people` is the subject's. Weak: the merged person holding their records.
  // A strong identifier the lookup found shared (a household's email) acted as a weak one.
  const mergedPeople =
    STRONG.has(lookup.kind) && !result?.identifierShared
      ? people
      : people.filter((p) => personRecords(p).some(isOnlyMine))
  const keyOf = new Map((result?.records ?? []).map((r) => [r.id, r]))
  const foreignMerged = mergedPeople
    .flatMap(personRecords)
    .filter(isForeign)
    .map((id) => {
      const r = keyOf.get(id)!
      return `${r.assetLabel} ${recordId(r.assetUrn, r.recordKey, truth)} (${owned.get(id)!.join(',')})`
    })
  const score: CaseScore = {
    lookup,
    assets,
    foreignMerged,
    mixedPeople,
    unowned,
    linked: linked.length,
    sharers: 0,
    sharersShown: 0,
    sources: (result?.sources ?? []).map((s) => `${s.source}:${s.state}`),
    durationMs,
    ...(error ? { error } : {}),
  }
  if (result?.identifierShared) score.identifierShared = true
  const kafkaBytes = result?.sources.find((x) => x.platform === 'kafka')?.bytesFetched
  if (kafkaBytes !== undefined) score.kafkaBytes = kafkaBytes
  if (lookup.kind === 'mobile' || lookup.kind === 'home-phone') {
    const me = truth.byId.get(lookup.personId)!
    const phone = lookup.kind === 'mobile' ? me.mobile : me.homePhone
    const sharers = truth.people.filter(
      (q) => q.personId !== me.personId && (q.mobile === phone || q.homePhone === phone),
    )
    score.sharers = sharers.length
    score.sharersShown = sharers.filter((q) =>
      all.some((p) => personRecords(p).some((id) => owned.get(id)?.includes(q.personId))),
    ).length
  }
  if (lookup.kind === 'name-postcode' || lookup.kind === 'name-dob') {
    const candidates = result?.candidates
    score.candidates = candidates?.length ?? 0
    score.foundAnyone = all.length > 0
    if (candidates && candidates.length > 0) {
      const at = candidates.findIndex((c) => {
        const p = all.find((x) => x.id === c.personId)
        return p ? personRecords(p).some(isMine) : false
      })
      score.rank = at >= 0 ? at + 1 : null
    } else {
      // No ranked list: the right person counts as rank 1 only when they are the only one.
      const holders = people.filter((p) => personRecords(p).some(isMine))
      score.rank = holders.length > 0 && people.length === 1 ? 1 : null
    }
  }
  return score
}
