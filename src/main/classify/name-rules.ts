import type { CategoryId } from '../../shared/model/personal-data'
import type { ValueRecognizer } from './recognizer'

/**
 * Name rules (issue 5): a field's name tokens (see tokenize-name.ts) pointing at a category.
 * Written once against plain English tokens; the tokenizer maps every naming style onto them.
 */
export interface NameRule {
  id: string
  category: CategoryId
  /**
   * Alternatives, each a space-separated set of tokens that must all appear in the field's name
   * (or its parent's, for a nested field; at least one in the field's own name): `date birth`
   * matches `DateOfBirth`, `DOB_DT`, `birth_date`, `person.birthDate`.
   */
  match: readonly string[]
  /** 0..1: what the name alone says (0.75 strong, 0.55 moderate, 0.3 only supports values). */
  weight: number
  /** Tokens that veto the rule anywhere in the field's name (`email sha256` is a hash). */
  not?: readonly string[]
  /** At least one of these in the asset's name, the parent's or the field's own name. */
  context?: readonly string[]
  /** The field's own tokens must be exactly the alternative (`id` alone, not `order id`). */
  exact?: boolean
  /** The rule may fire on key-like names (`…_id`, `…Key`): identifiers, not their subjects. */
  keyLike?: boolean
}

/** A loaded rule pack: the builtin one or a workspace's catalog/rules/*.yaml. */
export interface RulePack {
  /** `builtin@1`, `catalog/rules/acme.yaml@3`: recorded in every classification. */
  id: string
  nameRules: readonly NameRule[]
  recognizers: readonly PackRecognizer[]
  /** Globs over the field's snake_case name (`is_*`, `*_count`): never personal. */
  suppress: readonly string[]
}

/** A recognizer with how far its values count without a name agreeing. */
export interface PackRecognizer {
  recognizer: ValueRecognizer
  /** Values alone may label the field (a validated email); else only alongside a name rule. */
  standalone: boolean
}

/** The tokens of one field, as name rules see them. */
export interface NameTokens {
  /** The field's own name (last path segment), expanded. */
  field: readonly string[]
  /** The parent segment's (nested fields), expanded. */
  parent: readonly string[]
  /** The asset's name (table, topic, collection), expanded. */
  asset: readonly string[]
  /** The last raw token of the field's own name (before expansion), for key-like names. */
  lastRaw?: string
}

export interface NameMatch {
  rule: NameRule
  pack: string
  /** The alternative that matched. */
  tokens: readonly string[]
}

/** Parent segments that wrap a record rather than name a thing (Debezium, Connect, JSON APIs). */
const WRAPPERS = new Set([
  'after',
  'before',
  'key',
  'value',
  'payload',
  'data',
  'record',
  'row',
  'document',
  'doc',
  'fields',
  'properties',
  'attributes',
  'body',
  'message',
])
/** Last tokens that make a name describe data rather than hold it. */
const META_TOKENS = new Set([
  'type',
  'types',
  'status',
  'format',
  'count',
  'length',
  'len',
  'flag',
  'flags',
  'verified',
  'valid',
  'enabled',
  'kind',
  'category',
  'level',
  'score',
  'source',
  'channel',
  'preference',
])
const KEY_TOKENS = new Set(['id', 'key', 'uuid', 'guid', 'pk', 'fk', 'sk', 'oid'])

/** Each rule's alternatives split into tokens, once (rules are immutable once loaded). */
const SPLIT_ALTERNATIVES = new WeakMap<NameRule, string[][]>()
function alternatives(rule: NameRule): string[][] {
  let alts = SPLIT_ALTERNATIVES.get(rule)
  if (!alts) {
    alts = rule.match.map((alt) => alt.split(/\s+/).filter((t) => t !== ''))
    SPLIT_ALTERNATIVES.set(rule, alts)
  }
  return alts
}

/**
 * Per pack: token -> the positions of the rules that mention it. A rule matches only if one of
 * its tokens is among the field's own tokens, so only those rules are looked at: classification
 * runs on every field of every crawl (100,000 fields at bench scale) against hundreds of rules.
 */
const RULES_BY_TOKEN = new WeakMap<RulePack, Map<string, number[]>>()
function rulesByToken(pack: RulePack): Map<string, number[]> {
  let index = RULES_BY_TOKEN.get(pack)
  if (!index) {
    index = new Map()
    pack.nameRules.forEach((rule, position) => {
      for (const token of new Set(alternatives(rule).flat())) {
        const list = index!.get(token)
        if (list) list.push(position)
        else index!.set(token, [position])
      }
    })
    RULES_BY_TOKEN.set(pack, index)
  }
  return index
}

interface FieldTokenSets {
  own: ReadonlySet<string>
  path: ReadonlySet<string>
  /** Whether the asset's tokens count as context (a top-level or envelope-wrapped field). */
  assetCounts: boolean
}

function ruleMatches(
  rule: NameRule,
  t: NameTokens,
  sets: FieldTokenSets,
): readonly string[] | undefined {
  const { own, path, assetCounts } = sets
  if (rule.not?.some((n) => path.has(n))) return undefined
  if (!rule.keyLike && t.lastRaw !== undefined && KEY_TOKENS.has(t.lastRaw)) return undefined
  if (
    rule.context &&
    !rule.context.some((c) => path.has(c) || (assetCounts && t.asset.includes(c)))
  )
    return undefined
  // The longest alternative that matches: `email address` says more than `email`.
  let best: string[] | undefined
  for (const tokens of alternatives(rule)) {
    if (tokens.length === 0 || (best && best.length >= tokens.length)) continue
    const hit = rule.exact
      ? own.size === tokens.length && tokens.every((x) => own.has(x))
      : tokens.every((x) => path.has(x)) && tokens.some((x) => own.has(x))
    if (hit) best = tokens
  }
  // `AddressType`, `phone_status`, `email_format`: about the thing, not the thing, unless the
  // rule names the tail itself (`blood type`).
  if (best && t.lastRaw !== undefined && META_TOKENS.has(t.lastRaw) && !best.includes(t.lastRaw))
    return undefined
  return best
}

/**
 * Every rule of every pack that matches, most specific first: more matched tokens win (`ip
 * address` over `address`, `email sha256` over `email`), then the higher weight. Later packs
 * (the workspace's) come after the builtin one in `packs` and win ties.
 */
export function matchNameRules(t: NameTokens, packs: readonly RulePack[]): NameMatch[] {
  const own = new Set(t.field)
  const sets: FieldTokenSets = {
    own,
    path: new Set([...t.field, ...t.parent]),
    // A nested field is described by its parent (`transaction.id`, `source.name`), not the
    // asset; envelope wrappers (`after.`, `key.`, `payload.`) describe nothing.
    assetCounts: t.parent.length === 0 || t.parent.every((p) => WRAPPERS.has(p)),
  }
  const found: Array<NameMatch & { order: number }> = []
  let offset = 0
  for (const pack of packs) {
    const index = rulesByToken(pack)
    const candidates = new Set<number>()
    for (const token of own) for (const position of index.get(token) ?? []) candidates.add(position)
    for (const position of [...candidates].sort((a, b) => a - b)) {
      const rule = pack.nameRules[position]!
      const tokens = ruleMatches(rule, t, sets)
      if (tokens) found.push({ rule, pack: pack.id, tokens, order: offset + position + 1 })
    }
    offset += pack.nameRules.length
  }
  found.sort(
    (a, b) =>
      b.tokens.length - a.tokens.length || b.rule.weight - a.rule.weight || b.order - a.order,
  )
  return found.map(({ rule, pack, tokens }) => ({ rule, pack, tokens }))
}

/** A glob (`*` any run of characters) over snake_case names, compiled once. */
export function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .toLowerCase()
    .split('*')
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${escaped}$`)
}

/** The first suppression glob (with its pack) matching the snake_case name, if any. */
export function findSuppression(
  snake: string,
  packs: readonly RulePack[],
): { pack: string; glob: string } | undefined {
  for (const pack of packs)
    for (const glob of pack.suppress) if (compiled(glob).test(snake)) return { pack: pack.id, glob }
  return undefined
}

const GLOB_CACHE = new Map<string, RegExp>()
function compiled(glob: string): RegExp {
  let re = GLOB_CACHE.get(glob)
  if (!re) {
    re = globToRegExp(glob)
    if (GLOB_CACHE.size > 5_000) GLOB_CACHE.clear()
    GLOB_CACHE.set(glob, re)
  }
  return re
}
