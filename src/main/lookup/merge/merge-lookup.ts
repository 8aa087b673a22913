import type { IdentifierKind, LinkedPerson, LookupPerson } from '../../../shared/model/lookup'
import type { MergeInput, MergeOutput, RawRecord } from '../lookup-inputs'
import { AttributeResolver } from './attributes'
import { mergeFields, type FieldContext } from './merged-fields'
import { rankNameCandidates } from './name-candidates'
import { groupOf, toLookupRecord } from './record-groups'
import { namesManyPeople, recordKeys, type RecordKey } from './record-keys'
import type { CategoryId } from '../../../shared/model/personal-data'
import { numberingsFrom } from '../plan/numbering'
import { numberingFrom, unionPeople, type Component } from './union-people'

/**
 * The merged view (issue 7 item 5): records into people through strong identifiers only; the
 * people the typed identifier found directly come first (`people`); anyone else reached who
 * shares a weak identifier with them (a household's phone, a device), or a strong one that could
 * not be merged (an old email now on another customer), is a linked person, never merged. Every
 * value is masked; provenance says where each came from. Pure.
 */

const GROUP_ORDER = [
  'profile',
  'orders',
  'deliveries',
  'payments',
  'returns',
  'fraud',
  'interactions',
  'events',
  'marketing',
]

export function mergeLookup(input: MergeInput): MergeOutput {
  const { plan, identifier, categories, mask } = input
  const records = input.records
  const steps = new Map(plan.steps.map((s) => [s.id, s]))
  const keysOf = new Map<string, RecordKey[]>(records.map((r) => [r.id, recordKeys(r, categories)]))
  const components = unionPeople(records, keysOf, steps, numberingFrom(input.edges))
  const ctx: FieldContext = {
    resolver: new AttributeResolver(input.modelPaths, input.edges),
    categories,
    steps,
    mask,
  }

  const direct = (c: Component) =>
    c.records.some((r) => steps.get(r.stepId)?.input.kind === 'identifier')
  const bySize = (a: Component, b: Component) => b.records.length - a.records.length
  const typedKey = `${identifier.kind}:${identifier.canonical}`
  let main = foldLists(components.filter(direct), keysOf, categories, typedKey).sort(bySize)
  let others = components.filter((c) => !direct(c)).sort(bySize)
  // A weak identifier's match with no strong identifier behind it (a delivery to this phone whose
  // order was not reached) names nobody: beside the people found it is linked, not a person.
  const anchored = (c: Component) =>
    c.records.some((r) => keysOf.get(r.id)?.some((k) => k.strength === 'strong'))
  if (identifier.strength === 'weak' && main.some(anchored)) {
    others = [...main.filter((c) => !anchored(c)), ...others]
    main = main.filter(anchored)
  }
  // A row of a system numbering its customers itself (legacy tblCust) that nothing strong ties
  // to anyone (no email, or one no one else holds): for a weak identifier it may be any of the
  // people found, so it is linked to them by what it shares, not shown as one more person.
  const numberings = numberingsFrom(input.edges)
  const foreignOnly = (c: Component) => {
    const own = c.records.flatMap((r) =>
      (keysOf.get(r.id) ?? [])
        .filter((k) => k.kind === 'customer-number')
        .map((k) => numberings.isForeignIssuer(k.fieldUrn, Object.hasOwn(r.recordKey, k.path))),
    )
    return own.length > 0 && own.every(Boolean)
  }
  if (identifier.strength === 'weak' && main.some((c) => !foreignOnly(c))) {
    others = [...main.filter(foreignOnly), ...others]
    main = main.filter((c) => !foreignOnly(c))
  }

  let nextPerson = 0
  const toPerson = (c: Component): LookupPerson => {
    const strong = new Map<string, { kind: IdentifierKind; masked: string }>()
    for (const r of c.records) {
      for (const k of keysOf.get(r.id) ?? []) {
        if (k.strength !== 'strong' || strong.has(k.key)) continue
        strong.set(k.key, { kind: k.kind, masked: mask(k.canonical, k.category) ?? '' })
      }
    }
    return {
      id: `p${++nextPerson}`,
      strongIdentifiers: [...strong.values()],
      fields: mergeFields(c.records, ctx, keysOf),
      groups: groupsOf(c.records),
    }
  }
  const people = main.map(toPerson)

  // Every key the people hold: what a linked person may share with them.
  const held = new Set<string>()
  for (const c of main) for (const r of c.records) keysOf.get(r.id)?.forEach((k) => held.add(k.key))
  const linked: LinkedPerson[] = []
  for (const c of others) {
    const shared = new Map<string, LinkedPerson['sharedVia'][number]>()
    for (const r of c.records) {
      for (const k of keysOf.get(r.id) ?? []) {
        if (!held.has(k.key)) continue
        const id = `${k.key}\u0000${k.fieldUrn}`
        if (!shared.has(id)) {
          shared.set(id, {
            kind: k.kind,
            fieldUrn: k.fieldUrn,
            masked: mask(k.canonical, k.category) ?? '',
          })
        }
      }
    }
    // Reached but sharing nothing with the people found (a deeper pivot): its records stay listed.
    if (shared.size > 0) linked.push({ person: toPerson(c), sharedVia: [...shared.values()] })
  }

  const output: MergeOutput = {
    people,
    linked,
    records: records.map((r) => toLookupRecord(r, steps, categories, mask)),
  }
  // A strong identifier that customers of one numbering share (a household's email) names none
  // of them: the merge refused it as a key, so the people holding it stand side by side. So does
  // one that found people nothing strong ties together (a customer, and a family member's
  // anonymous sessions under the same email hash): the result says so rather than implying one.
  const refusedBy = main.filter((c) => c.refused.some((k) => k.key === typedKey)).length
  if (identifier.strength === 'strong' && main.length > 1) {
    const who =
      refusedBy > 1
        ? `customers of one numbering share this ${identifier.kind}`
        : `${main.length} people that no customer number, loyalty number or email ties together hold this ${identifier.kind}`
    output.identifierShared = {
      people: main.length,
      reason: `${who}: it is treated as weak, the ${main.length} people holding it are shown side by side, not merged`,
    }
  }
  if (identifier.kind === 'name-postcode' || identifier.kind === 'name-dob') {
    output.candidates = rankNameCandidates(
      identifier,
      main.map((c, i) => ({ person: people[i]!, records: c.records })),
      ctx,
    )
    // Best candidate first: the card shows the people in the order of their scores.
    const rank = new Map(output.candidates.map((c, i) => [c.personId, i]))
    people.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!)
  }
  return output
}

/**
 * A record that lists many people (a marketing segment's `customerIds[]`) found by the typed
 * identifier is about the one person holding that identifier, not a person of its own: its
 * component is folded into theirs when exactly one component holds the typed identifier.
 */
function foldLists(
  direct: Component[],
  keysOf: ReadonlyMap<string, RecordKey[]>,
  categories: ReadonlyMap<string, CategoryId>,
  typedKey: string,
): Component[] {
  const isList = (c: Component) =>
    c.records.every((r) => !keysOf.get(r.id)?.some((k) => k.strength === 'strong')) &&
    c.records.some((r) => namesManyPeople(r, categories))
  const holders = direct.filter((c) =>
    c.records.some((r) => keysOf.get(r.id)?.some((k) => k.key === typedKey)),
  )
  if (holders.length !== 1) return direct
  const [holder] = holders
  const lists = direct.filter((c) => c !== holder && isList(c))
  if (lists.length === 0) return direct
  const merged: Component = {
    ...holder!,
    records: [...holder!.records, ...lists.flatMap((c) => c.records)],
  }
  return direct.filter((c) => !lists.includes(c)).map((c) => (c === holder ? merged : c))
}

function groupsOf(records: readonly RawRecord[]): LookupPerson['groups'] {
  const groups = new Map<string, string[]>()
  for (const r of records) {
    const g = groupOf(r.assetUrn)
    const list = groups.get(g) ?? []
    list.push(r.id)
    groups.set(g, list)
  }
  const order = (g: string) => {
    const i = GROUP_ORDER.indexOf(g)
    return i < 0 ? GROUP_ORDER.length : i
  }
  return [...groups.entries()]
    .sort(([a], [b]) => order(a) - order(b) || (a < b ? -1 : 1))
    .map(([group, ids]) => ({ group, records: ids }))
}
