import { CopyClasses, isKeyField, type FieldInfo } from './field-context'
import type { ScoredMatch } from './score-matches'

/**
 * Reference copies (issue 6 item 4): a process that writes an asset from another copies the
 * other's key along with what it derives. The web application writes the clickstream from the
 * CRM customer: `emailSha256` is a hash of `Customer.Email`, and `customerId` is
 * `Customer.CustomerId`. The id alone proves nothing (a subset of integer ids is what every
 * reference looks like), but an id column named like the key, whose values are all keys of an
 * asset that already feeds this asset by a field values can prove, is that asset's key copied.
 *
 * The same copy explains a false lead away: the clickstream's ids are all customers, so they meet
 * the single view's `_id` as well as the CRM key does. When the field they come from feeds the
 * same target itself, the copy's match with the target is the common upstream seen twice (two
 * hops through the CRM), not an edge of its own.
 */

/** Share of the copy's values that must be keys upstream (less the sampling slack). */
export const REFERENCE_MIN_VALUE = 0.95
/** Names must agree: `customerId` and `CustomerId`. */
export const REFERENCE_MIN_NAMES = 0.8

/**
 * Assets joined by known copy edges (a table and its CDC topic, a topic and its sink's
 * collection), so that a link proven through a table counts for its topic too.
 */
export function assetGroups(
  fields: ReadonlyMap<string, FieldInfo>,
  classes: CopyClasses,
): (assetUrn: string) => string {
  const parent = new Map<string, string>()
  const find = (u: string): string => {
    let r = u
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!
    return r
  }
  const firstAsset = new Map<string, string>()
  for (const info of fields.values()) {
    const root = classes.find(info.field.urn)
    const first = firstAsset.get(root)
    if (first === undefined) firstAsset.set(root, info.asset.urn)
    else if (find(first) !== find(info.asset.urn)) parent.set(find(info.asset.urn), find(first))
  }
  return find
}

export interface ReferenceInput {
  /** Every scored match, before the value bar (a copy holds a subset: containFrom is low). */
  scored: readonly ScoredMatch[]
  /** Matches that passed, values proving them (not ids, not low-cardinality): the asset links. */
  proven: readonly ScoredMatch[]
  fields: ReadonlyMap<string, FieldInfo>
  classes: CopyClasses
  isId: (m: ScoredMatch) => boolean
  knownPairs: ReadonlySet<string>
}

/** The reference copies among the scored matches, scored on the copy's containment. */
export function referenceCopies(input: ReferenceInput): ScoredMatch[] {
  const { classes } = input
  const group = assetGroups(input.fields, classes)
  const linked = new Set<string>()
  for (const m of input.proven)
    linked.add(`${group(m.from.asset.urn)}\u0000${group(m.to.asset.urn)}`)
  const keyClasses = new Set<string>()
  for (const info of input.fields.values())
    if (isKeyField(info)) keyClasses.add(classes.find(info.field.urn))

  const out: ScoredMatch[] = []
  for (const m of input.scored) {
    if (m.transform.type !== 'identity' || !input.isId(m)) continue
    if (!keyClasses.has(classes.find(m.from.field.urn)) || isKeyField(m.to)) continue
    if (m.nameSimilarity < REFERENCE_MIN_NAMES) continue
    if (m.containTo < REFERENCE_MIN_VALUE - m.samplingSlack) continue
    if (input.knownPairs.has(`${m.from.field.urn}\u0000${m.to.field.urn}`)) continue
    if (!linked.has(`${group(m.from.asset.urn)}\u0000${group(m.to.asset.urn)}`)) continue
    const value = m.containTo
    out.push({
      ...m,
      value,
      score: value * (0.7 + 0.2 * m.nameSimilarity + 0.1 * (m.typeCompatible ? 1 : 0)),
      notes: [
        `${Math.round(m.containTo * 100)}% of the target's values are keys of the upstream`,
        "the upstream's asset feeds the target's asset by another field: its key is copied along",
      ],
    })
  }
  return out
}

/**
 * Drops a match whose upstream is a reference copy of a field that itself feeds the same target
 * (among `candidates`, every upstream that passed for it): the copy's values are the common
 * upstream's values seen twice.
 */
export function explainedAway(
  chosen: readonly ScoredMatch[],
  candidates: readonly ScoredMatch[],
  copies: readonly ScoredMatch[],
  classes: CopyClasses,
): ScoredMatch[] {
  const copiedFrom = new Map<string, string>()
  for (const c of copies)
    copiedFrom.set(classes.find(c.to.field.urn), classes.find(c.from.field.urn))
  const feeders = new Map<string, Set<string>>()
  for (const m of candidates) {
    const set = feeders.get(m.to.field.urn) ?? new Set<string>()
    set.add(classes.find(m.from.field.urn))
    feeders.set(m.to.field.urn, set)
  }
  return chosen.filter((m) => {
    const source = copiedFrom.get(classes.find(m.from.field.urn))
    return !(source !== undefined && feeders.get(m.to.field.urn)?.has(source))
  })
}
