import type { AssetOwnership, OwnersView, OwnershipRule } from '../../shared/model/catalog'

/**
 * Resolution of catalog/owners.yaml rules for one URN (see OwnershipRule's JSDoc). Pure, so the
 * API, the export and the store can all call it on a loaded OwnersView.
 *
 * - A rule without wildcards is a URN: it matches that URN and everything under it (the next
 *   character is `/` for a child asset or `#` for a field).
 * - A glob: `*` matches within one segment (no `/` or `#`), `**` across segments. A glob, too,
 *   covers what is under what it matches, so `kafka://events/crm.*` covers the topics' fields.
 * - Most specific wins: an exact URN first, then the longest match text (wildcards not counted);
 *   on a tie a plain URN beats a glob, then the earlier rule. Owner and domain are resolved each
 *   on its own, so a narrow rule that sets only a domain keeps the owner of a broader one.
 */

const GLOB_CHARS = /\*/

export function isGlob(match: string): boolean {
  return GLOB_CHARS.test(match)
}

const regexCache = new Map<string, RegExp>()

function globRegex(glob: string): RegExp {
  let re = regexCache.get(glob)
  if (re) return re
  let body = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!
    if (c === '*' && glob[i + 1] === '*') {
      body += '.*'
      i++
    } else if (c === '*') body += '[^/#]*'
    else body += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
  }
  re = new RegExp(`^${body}(?:[/#].*)?$`)
  if (regexCache.size > 1000) regexCache.clear()
  regexCache.set(glob, re)
  return re
}

/** Whether `rule` applies to `urn`, and how specific it is (higher wins); undefined if not. */
export function ruleSpecificity(match: string, urn: string): number | undefined {
  if (match === urn) return Number.MAX_SAFE_INTEGER
  if (!isGlob(match)) {
    const under = urn.startsWith(match) && (urn[match.length] === '/' || urn[match.length] === '#')
    // Doubled so that a plain prefix beats a glob of the same literal length.
    return under ? match.length * 2 + 1 : undefined
  }
  if (!globRegex(match).test(urn)) return undefined
  return match.replace(/\*/g, '').length * 2
}

interface Ranked {
  rule: OwnershipRule
  score: number
  index: number
}

function best(candidates: Ranked[]): Ranked | undefined {
  let top: Ranked | undefined
  for (const c of candidates)
    if (!top || c.score > top.score || (c.score === top.score && c.index < top.index)) top = c
  return top
}

/** The owner and domain that apply to `urn` under `view`'s rules. */
export function resolveOwnership(view: OwnersView, urn: string): AssetOwnership {
  const matching: Ranked[] = []
  view.rules.forEach((rule, index) => {
    const score = ruleSpecificity(rule.match, urn)
    if (score !== undefined) matching.push({ rule, score, index })
  })
  const result: AssetOwnership = {}
  const winner = best(matching)
  if (!winner) return result
  result.matchedBy = winner.rule.match
  const ownerRule = best(matching.filter((m) => m.rule.owner !== undefined))
  const domainRule = best(matching.filter((m) => m.rule.domain !== undefined))
  if (ownerRule) {
    const team = view.teams.find((t) => t.id === ownerRule.rule.owner)
    result.owner = { id: ownerRule.rule.owner! }
    if (team?.name !== undefined) result.owner.name = team.name
    if (team?.contact !== undefined) result.owner.contact = team.contact
  }
  if (domainRule) {
    const domain = view.domains.find((d) => d.id === domainRule.rule.domain)
    result.domain = { id: domainRule.rule.domain! }
    if (domain?.description !== undefined) result.domain.description = domain.description
  }
  return result
}
