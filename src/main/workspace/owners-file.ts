import {
  isMap,
  isSeq,
  LineCounter,
  parseDocument,
  YAMLSeq,
  type Document,
  type YAMLMap,
} from 'yaml'
import { z } from 'zod'
import {
  catalogFileError,
  lineOfKeys,
  loadCatalogYaml,
  saveCatalogYaml,
  type KeyPath,
  type LoadedYaml,
} from './catalog-yaml'
import { ApiError } from '../../shared/api/errors'
import type { AssetOwnership, OwnersView, OwnershipRule } from '../../shared/model/catalog'
import { resolveOwnership } from './owners-match'

/** Written at the top of an owners.yaml the app creates; hand-written headers are kept. */
export const OWNERS_FILE_HEADER = `
 Sightline owners: teams and domains of this workspace's sources and assets (DESIGN.md §5).
 Edited by the app and by hand; comments are kept.

 teams:   [{ id, name?, contact? }]
 domains: [{ id, description? }]
 rules:   [{ match, owner?, domain? }]
   match: a URN (the asset and everything under it) or a glob over URNs
          (* within a segment, ** across segments); the most specific rule wins.`.slice(1)

const ID = /^[a-z0-9][a-z0-9._-]*$/
const idSchema = z
  .string()
  .regex(
    ID,
    'an id has lower-case letters, digits, ".", "_" or "-" and starts with a letter or digit',
  )

/** A URN (`scheme://source/...`) or a glob over URNs; the scheme may itself be a glob. */
export const MATCH_PATTERN = /^(?:[a-z][a-z0-9+.-]*|\*+):\/\/[^\s]+$/
export const matchSchema = z
  .string()
  .regex(MATCH_PATTERN, 'a match is a URN such as postgres://amper-pg/crm or a glob over URNs')

const TeamSchema = z.strictObject({
  id: idSchema,
  name: z.string().optional(),
  contact: z.string().optional(),
})
const DomainSchema = z.strictObject({ id: idSchema, description: z.string().optional() })
const RuleSchema = z
  .strictObject({ match: matchSchema, owner: idSchema.optional(), domain: idSchema.optional() })
  .refine((r) => r.owner !== undefined || r.domain !== undefined, {
    message: 'a rule sets an owner, a domain or both',
  })
const TopSchema = z.looseObject({
  teams: z.array(z.unknown()).nullish(),
  domains: z.array(z.unknown()).nullish(),
  rules: z.array(z.unknown()).nullish(),
})

/** Reads, validates and rewrites catalog/owners.yaml through the yaml Document API. */
export class OwnersFile {
  constructor(readonly file: string) {}

  private error(message: string, line?: number, key?: string): ApiError {
    return catalogFileError(this.file, message, line, key)
  }

  private load(): LoadedYaml | undefined {
    return loadCatalogYaml(this.file)
  }

  private lineOf(doc: Document, lines: LineCounter, keys: KeyPath): number | undefined {
    return lineOfKeys(doc, lines, keys)
  }

  private viewOf(loaded: { doc: Document.Parsed; lines: LineCounter } | undefined): OwnersView {
    const view: OwnersView = { teams: [], domains: [], rules: [] }
    if (!loaded) return view
    const { doc, lines } = loaded
    const data: unknown = doc.toJS()
    if (data === null || data === undefined) return view
    const top = TopSchema.safeParse(data)
    if (!top.success)
      throw this.error('expected a mapping with `teams:`, `domains:` and `rules:` lists.', 1)
    const fail = (keys: KeyPath, message: string): never => {
      throw this.error(
        `${keys.join('.')} ${message}.`,
        this.lineOf(doc, lines, keys),
        keys.join('.'),
      )
    }
    const parseList = <T>(key: 'teams' | 'domains' | 'rules', schema: z.ZodType<T>): T[] =>
      (top.data[key] ?? []).map((raw, index) => {
        const parsed = schema.safeParse(raw)
        if (parsed.success) return parsed.data
        const issue = parsed.error.issues[0]!
        return fail(
          [key, index, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))],
          issue.message,
        )
      })
    view.teams = parseList('teams', TeamSchema) as OwnersView['teams']
    view.domains = parseList('domains', DomainSchema) as OwnersView['domains']
    view.rules = parseList('rules', RuleSchema) as OwnershipRule[]
    const unique = (key: 'teams' | 'domains' | 'rules', ids: string[], what: string) => {
      const seen = new Set<string>()
      ids.forEach((id, index) => {
        if (seen.has(id)) fail([key, index], `${what} "${id}" appears twice`)
        seen.add(id)
      })
    }
    unique(
      'teams',
      view.teams.map((t) => t.id),
      'team id',
    )
    unique(
      'domains',
      view.domains.map((d) => d.id),
      'domain id',
    )
    unique(
      'rules',
      view.rules.map((r) => r.match),
      'match',
    )
    const teams = new Set(view.teams.map((t) => t.id))
    const domains = new Set(view.domains.map((d) => d.id))
    view.rules.forEach((rule, index) => {
      if (rule.owner !== undefined && !teams.has(rule.owner))
        fail(['rules', index, 'owner'], `names team "${rule.owner}", which is not under teams:`)
      if (rule.domain !== undefined && !domains.has(rule.domain))
        fail(
          ['rules', index, 'domain'],
          `names domain "${rule.domain}", which is not under domains:`,
        )
    })
    return stripUndefined(view)
  }

  /** Teams, domains and rules; an absent file is an empty view. Throws `bad-input` with a line. */
  read(): OwnersView {
    return this.viewOf(this.load())
  }

  /** The ownership that applies to `urn` (see owners-match.ts). */
  ownershipFor(urn: string, view: OwnersView = this.read()): AssetOwnership {
    return resolveOwnership(view, urn)
  }

  /**
   * Sets the owner and/or domain of the rule whose match is `match` (creating it at the end).
   * `undefined` leaves a key as it is; `null` removes it; a rule left with neither is removed.
   * Unknown team or domain ids are `bad-input`. Comments and key order are kept.
   */
  setRule(match: string, change: { owner?: string | null; domain?: string | null }): OwnersView {
    const loaded = this.load()
    const view = this.viewOf(loaded)
    if (change.owner && !view.teams.some((t) => t.id === change.owner))
      throw new ApiError('bad-input', `owner: no team "${change.owner}" in owners.yaml.`, {
        field: 'owner',
      })
    if (change.domain && !view.domains.some((d) => d.id === change.domain))
      throw new ApiError('bad-input', `domain: no domain "${change.domain}" in owners.yaml.`, {
        field: 'domain',
      })
    const doc = loaded?.doc ?? this.newDocument()
    let seq = doc.get('rules', true)
    if (!isSeq(seq)) {
      seq = new YAMLSeq()
      doc.set('rules', seq)
    }
    const rules = seq as YAMLSeq
    rules.flow = false
    const index = rules.items.findIndex((item) => isMap(item) && item.get('match') === match)
    let map = index >= 0 ? (rules.items[index] as YAMLMap) : undefined
    if (!map) {
      if (!change.owner && !change.domain) return view
      map = doc.createNode({ match }) as YAMLMap
      rules.items.push(map)
    }
    for (const key of ['owner', 'domain'] as const) {
      const value = change[key]
      if (value === null) map.delete(key)
      else if (value !== undefined && map.get(key) !== value) map.set(key, value)
    }
    if (!map.has('owner') && !map.has('domain')) rules.items.splice(rules.items.indexOf(map), 1)
    this.save(doc)
    return this.read()
  }

  private newDocument(): Document {
    const doc = parseDocument('teams: []\ndomains: []\nrules: []\n')
    doc.commentBefore = OWNERS_FILE_HEADER
    return doc
  }

  private save(doc: Document): void {
    saveCatalogYaml(this.file, doc)
  }
}

/** zod keeps absent optional keys absent, but a YAML `key:` with no value parses as null. */
function stripUndefined(view: OwnersView): OwnersView {
  const clean = <T extends object>(o: T): T =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
  return {
    teams: view.teams.map(clean),
    domains: view.domains.map(clean),
    rules: view.rules.map(clean),
  }
}
