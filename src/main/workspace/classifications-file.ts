import { isMap, isScalar, LineCounter, parseDocument, YAMLMap, type Document } from 'yaml'
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
  PERSONAL_DATA_CATEGORIES,
  type ReviewDecision,
} from '../../shared/model/personal-data'

/** Written at the top of a classifications.yaml the app creates; hand-written headers are kept. */
export const CLASSIFICATIONS_FILE_HEADER = `
 Sightline personal-data review decisions (docs/personal-data.md, "Review and re-review").
 Written by the app when someone confirms, rejects or changes a suggested category; may be
 edited by hand and reviewed in pull requests; comments are kept. A decision is never
 overridden by a crawl: fresh evidence that contradicts one flags the field for re-review.

 version: 1
 decisions:
   <field URN>:            e.g. postgres://amper-pg/crm/dbo/Customer#Email
     decision: confirmed | rejected | changed
     category: <category id>   (confirmed/changed-to; for rejected, the rejected suggestion)
     by: <who>
     at: <ISO 8601 time>
     reason: <optional>`.slice(1)

const FIELD_URN = /^[a-z][a-z0-9+.-]*:\/\/\S+#\S+$/

const DecisionSchema = z.strictObject({
  decision: z.enum(['confirmed', 'rejected', 'changed'], {
    error: 'decision must be confirmed, rejected or changed',
  }),
  category: z.string({ error: 'a category id is required' }).refine(isCategoryId, {
    message: `is not a known category id (one of ${PERSONAL_DATA_CATEGORIES.map((c) => c.id).join(', ')})`,
  }),
  by: z.string({ error: 'who decided (`by`) is required' }).trim().min(1, 'by is empty'),
  // YAML may parse an unquoted timestamp as a Date; both are accepted.
  at: z.union([z.string(), z.date()]).transform((v, ctx) => {
    const d = v instanceof Date ? v : new Date(v)
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'at: expected an ISO 8601 time' })
      return z.NEVER
    }
    return typeof v === 'string' ? v : d.toISOString()
  }),
  reason: z.string().nullish(),
})

const TopSchema = z.looseObject({
  version: z.literal(1, { error: 'version must be 1' }).optional(),
  decisions: z.record(z.string(), z.unknown()).nullish(),
})

/** Reads, validates and rewrites catalog/classifications.yaml (keyed by field URN). */
export class ClassificationsFile {
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

  /** The line of the key `urn` under `decisions:` (the value may sit on a later line). */
  private keyLine(doc: Document, lines: LineCounter, urn: string): number | undefined {
    const decisions = doc.get('decisions', true)
    if (!isMap(decisions)) return undefined
    const pair = decisions.items.find((p) => isScalar(p.key) && p.key.value === urn)
    const offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined
    return offset === undefined ? undefined : lines.linePos(offset).line
  }

  private decisionsOf(loaded: ReturnType<ClassificationsFile['load']>): ReviewDecision[] {
    if (!loaded) return []
    const { doc, lines } = loaded
    const data: unknown = doc.toJS()
    if (data === null || data === undefined) return []
    const top = TopSchema.safeParse(data)
    if (!top.success) {
      const issue = top.error.issues[0]!
      const key = issue.path.map(String)
      throw this.error(
        issue.path.length > 0
          ? `${key.join('.')}: ${issue.message}.`
          : 'expected a mapping with `version: 1` and `decisions:`.',
        this.lineOf(doc, lines, key),
      )
    }
    const result: ReviewDecision[] = []
    for (const [urn, raw] of Object.entries(top.data.decisions ?? {})) {
      const keys: KeyPath = ['decisions', urn]
      if (!FIELD_URN.test(urn))
        throw this.error(
          `decisions: "${urn}" is not a field URN (asset URN + "#" + field path).`,
          this.keyLine(doc, lines, urn) ?? this.lineOf(doc, lines, keys),
          'decisions',
        )
      const parsed = DecisionSchema.safeParse(raw)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!
        const at = [...keys, ...issue.path.map(String)]
        const name = issue.path.map(String).join('.') || 'decision'
        const detail =
          name === 'category' && typeof (raw as { category?: unknown })?.category === 'string'
            ? `"${(raw as { category: string }).category}" ${issue.message}`
            : issue.message
        throw this.error(`${urn} ${name}: ${detail}.`, this.lineOf(doc, lines, at), name)
      }
      const d = parsed.data
      result.push({
        urn,
        decision: d.decision,
        category: d.category as ReviewDecision['category'],
        by: d.by,
        at: d.at,
        ...(d.reason ? { reason: d.reason } : {}),
      })
    }
    return result
  }

  /** Every decision; an absent file has none. Throws `bad-input` naming the line. */
  read(): ReviewDecision[] {
    return this.decisionsOf(this.load())
  }

  /** Decisions by field URN. */
  readMap(): Map<string, ReviewDecision> {
    return new Map(this.read().map((d) => [d.urn, d]))
  }

  /** Writes (replacing) the decision of `decision.urn`; comments and other entries are kept. */
  setDecision(decision: ReviewDecision): void {
    if (!isCategoryId(decision.category))
      throw new ApiError('bad-input', `category: "${decision.category}" is not a known category.`, {
        field: 'category',
      })
    const loaded = this.load()
    this.decisionsOf(loaded)
    const doc = loaded?.doc ?? this.newDocument()
    const decisions = this.decisionsMap(doc)
    const entry: Record<string, string> = {
      decision: decision.decision,
      category: decision.category,
      by: decision.by,
      at: decision.at,
    }
    if (decision.reason) entry.reason = decision.reason
    const existing = decisions.get(decision.urn, true)
    if (isMap(existing)) {
      for (const key of ['decision', 'category', 'by', 'at', 'reason'])
        if (entry[key] === undefined) existing.delete(key)
        else existing.set(key, entry[key])
    } else decisions.set(decision.urn, doc.createNode(entry))
    this.save(doc)
  }

  /** Removes the decision of `urn`; returns whether there was one. */
  removeDecision(urn: string): boolean {
    const loaded = this.load()
    if (!loaded) return false
    this.decisionsOf(loaded)
    const decisions = loaded.doc.get('decisions', true)
    if (!isMap(decisions) || !decisions.has(urn)) return false
    decisions.delete(urn)
    this.save(loaded.doc)
    return true
  }

  private decisionsMap(doc: Document): YAMLMap {
    if (!doc.has('version')) doc.set('version', 1)
    const found = doc.get('decisions', true)
    if (isMap(found)) {
      found.flow = false
      return found
    }
    const map = new YAMLMap()
    doc.set('decisions', map)
    return map
  }

  private newDocument(): Document {
    const doc = parseDocument('version: 1\ndecisions: {}\n')
    doc.commentBefore = CLASSIFICATIONS_FILE_HEADER
    return doc
  }

  private save(doc: Document): void {
    saveCatalogYaml(this.file, doc)
  }
}
