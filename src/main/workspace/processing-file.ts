import { isMap, isSeq, LineCounter, parseDocument, YAMLSeq, type Document } from 'yaml'
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
import {
  isCategoryId,
  type ProcessingAttributes,
  type ProcessingRule,
} from '../../shared/model/personal-data'
import { MATCH_PATTERN } from './owners-file'
import { ruleSpecificity } from './owners-match'

/** Written at the top of a processing.yaml the app creates; hand-written headers are kept. */
export const PROCESSING_FILE_HEADER = `
 Sightline record of processing (GDPR Article 30) for this workspace's personal data
 (docs/personal-data.md, "Processing attributes"). Edited by the app and by hand; comments kept.

 version: 1
 rules: [{ match, purpose?, lawfulBasis?, retention?, recipients? }]
   match: an asset or field URN, a glob over URNs (* within a segment, ** across), or
          category:<id> (category:special.* for a group).
   lawfulBasis: consent | contract | legal-obligation | vital-interests | public-task |
                legitimate-interests
 A field takes each attribute from the most specific URN rule that sets it, else from its
 category's rule.`.slice(1)

export const LAWFUL_BASES = [
  'consent',
  'contract',
  'legal-obligation',
  'vital-interests',
  'public-task',
  'legitimate-interests',
] as const

const CATEGORY_MATCH = /^category:([a-z_]+(?:\.[a-z0-9_*]+)*|\*)$/

/** `category:<id>`, `category:<group>.*`, or a URN / URN glob (as in owners.yaml). */
export const processingMatchSchema = z
  .string()
  .trim()
  .refine((m) => (CATEGORY_MATCH.test(m) ? categoryMatchValid(m) : MATCH_PATTERN.test(m)), {
    message:
      'a match is an asset URN (postgres://amper-pg/crm/dbo/Customer), a glob over URNs, or category:<id>',
  })

function categoryMatchValid(match: string): boolean {
  const id = match.slice('category:'.length)
  return id.includes('*') || isCategoryId(id)
}

export const processingAttributesSchema = z.strictObject({
  purpose: z.string().trim().min(1, 'purpose is empty').optional(),
  lawfulBasis: z
    .enum(LAWFUL_BASES, { error: `lawfulBasis must be one of ${LAWFUL_BASES.join(', ')}` })
    .optional(),
  retention: z.string().trim().min(1, 'retention is empty').optional(),
  recipients: z.array(z.string().trim().min(1, 'a recipient is empty')).optional(),
})

const RuleSchema = processingAttributesSchema.extend({ match: processingMatchSchema })
const TopSchema = z.looseObject({
  version: z.literal(1, { error: 'version must be 1' }).optional(),
  rules: z.array(z.unknown()).nullish(),
})

const ATTRIBUTE_KEYS = ['purpose', 'lawfulBasis', 'retention', 'recipients'] as const

/** Reads, validates and rewrites catalog/processing.yaml. */
export class ProcessingFile {
  constructor(readonly file: string) {}

  private error(message: string, line?: number): ApiError {
    return catalogFileError(this.file, message, line)
  }

  private load(): LoadedYaml | undefined {
    return loadCatalogYaml(this.file)
  }

  private lineOf(doc: Document, lines: LineCounter, keys: KeyPath): number | undefined {
    return lineOfKeys(doc, lines, keys)
  }

  private rulesOf(loaded: ReturnType<ProcessingFile['load']>): ProcessingRule[] {
    if (!loaded) return []
    const { doc, lines } = loaded
    const data: unknown = doc.toJS()
    if (data === null || data === undefined) return []
    const top = TopSchema.safeParse(data)
    if (!top.success)
      throw this.error('expected a mapping with `version: 1` and a `rules:` list.', 1)
    const seen = new Set<string>()
    return (top.data.rules ?? []).map((raw, index) => {
      const parsed = RuleSchema.safeParse(raw)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!
        const keys = ['rules', index, ...issue.path.map(String)]
        throw this.error(`${keys.join('.')}: ${issue.message}.`, this.lineOf(doc, lines, keys))
      }
      if (seen.has(parsed.data.match))
        throw this.error(
          `rules.${index}: match "${parsed.data.match}" appears twice.`,
          this.lineOf(doc, lines, ['rules', index]),
        )
      seen.add(parsed.data.match)
      return clean(parsed.data) as ProcessingRule
    })
  }

  /** The rules in file order; an absent file has none. Throws `bad-input` naming the line. */
  read(): ProcessingRule[] {
    return this.rulesOf(this.load())
  }

  /** Replaces (or with null removes) the attributes of the rule for `match`; comments kept. */
  setRule(match: string, attributes: ProcessingAttributes | null): ProcessingRule[] {
    const loaded = this.load()
    this.rulesOf(loaded)
    const doc = loaded?.doc ?? this.newDocument()
    let seq = doc.get('rules', true)
    if (!isSeq(seq)) {
      seq = new YAMLSeq()
      doc.set('rules', seq)
    }
    const rules = seq as YAMLSeq
    rules.flow = false
    const index = rules.items.findIndex((item) => isMap(item) && item.get('match') === match)
    const attrs = attributes ? clean(attributes) : {}
    if (Object.keys(attrs).length === 0) {
      if (index < 0) return this.rulesOf(loaded)
      rules.items.splice(index, 1)
    } else if (index < 0) {
      rules.items.push(doc.createNode({ match, ...attrs }))
    } else {
      const map = rules.items[index]
      if (!isMap(map)) throw this.error(`rules.${index} is not a mapping.`)
      for (const key of ATTRIBUTE_KEYS) {
        const value = attrs[key]
        if (value === undefined) map.delete(key)
        else map.set(key, doc.createNode(value))
      }
    }
    this.save(doc)
    return this.read()
  }

  private newDocument(): Document {
    const doc = parseDocument('version: 1\nrules: []\n')
    doc.commentBefore = PROCESSING_FILE_HEADER
    return doc
  }

  private save(doc: Document): void {
    saveCatalogYaml(this.file, doc)
  }
}

function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T
}

function categorySpecificity(match: string, category: string): number | undefined {
  const id = match.slice('category:'.length)
  if (id === category) return Number.MAX_SAFE_INTEGER
  if (!id.includes('*')) return undefined
  const re = new RegExp(`^${id.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`)
  return re.test(category) ? id.replace(/\*/g, '').length : undefined
}

/**
 * The attributes that apply to a field: each attribute from the most specific URN rule that
 * sets it (as owners.yaml resolves, so a table rule beats a database rule), else from the most
 * specific category rule that sets it. Pure.
 */
export function resolveProcessing(
  rules: readonly ProcessingRule[],
  fieldUrn: string,
  category: string,
): ProcessingAttributes {
  const byUrn: Array<{ rule: ProcessingRule; score: number; index: number }> = []
  const byCategory: typeof byUrn = []
  rules.forEach((rule, index) => {
    if (rule.match.startsWith('category:')) {
      const score = categorySpecificity(rule.match, category)
      if (score !== undefined) byCategory.push({ rule, score, index })
    } else {
      const score = ruleSpecificity(rule.match, fieldUrn)
      if (score !== undefined) byUrn.push({ rule, score, index })
    }
  })
  const rank = (a: (typeof byUrn)[number], b: (typeof byUrn)[number]) =>
    b.score - a.score || a.index - b.index
  const ordered = [...byUrn.sort(rank), ...byCategory.sort(rank)]
  const result: ProcessingAttributes = {}
  for (const key of ATTRIBUTE_KEYS) {
    const from = ordered.find((r) => r.rule[key] !== undefined)
    if (from) (result as Record<string, unknown>)[key] = from.rule[key]
  }
  return result
}
