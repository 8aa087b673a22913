import { ApiError } from '../../../shared/api/errors'
import type { JsonValue } from '../../../shared/model/catalog'
import type { IdentifierKind, LookupRecord, LookupResult } from '../../../shared/model/lookup'
import {
  PERSONAL_DATA_CATEGORIES,
  type CategoryId,
  type ProcessingAttributes,
} from '../../../shared/model/personal-data'
import type { SourceKind } from '../../../shared/model/sources'
import type { LookupContext } from '../lookup-context'
import type { RawRecord } from '../lookup-inputs'
import { fieldUrnOf, plainValue } from '../lookup-values'

/**
 * The subject-access report (GDPR Article 15, issue 7 item 7): every datum found for ONE person,
 * grouped by category and source, each with the record it sits in and the record-of-processing
 * attributes of its field (purpose, lawful basis, retention, recipients; catalog/processing.yaml
 * as the personal-data map resolves it) and where the data was obtained from (lineage upstream).
 * It holds raw values: it is for the data subject. Format: docs/lookup.md, schemaVersion 1.
 */

export const SUBJECT_ACCESS_SCHEMA_VERSION = 1

/** Values of fields with no personal-data category: still the person's records, listed apart. */
export const OTHER_CATEGORY = 'other'

export interface SubjectAccessItem {
  fieldPath: string
  fieldUrn: string
  /** `crm.dbo.Customer.Email`. */
  field: string
  value: string | number | boolean | null
  recordId: string
  recordKey: Record<string, JsonValue>
  timestamp?: string
  processing: ProcessingAttributes
  /** Upstream fields the value was obtained from (lineage roots); empty: held where collected. */
  obtainedFrom: string[]
}

export interface SubjectAccessReport {
  schemaVersion: typeof SUBJECT_ACCESS_SCHEMA_VERSION
  report: 'sightline.subject-access'
  generator: string
  generatedAt: string
  reason: string
  lookup: {
    lookupId: string
    startedAt: string
    identifierKind: IdentifierKind
    /** The identifier as shown to the analyst (masked). */
    identifierMasked: string
    sources: Array<{ source: string; platform: SourceKind; state: string; records: number }>
  }
  summary: {
    records: number
    values: number
    categories: Array<{ category: string; label: string; values: number; sources: string[] }>
  }
  categories: Array<{
    category: CategoryId | typeof OTHER_CATEGORY
    label: string
    sources: Array<{ source: string; platform: SourceKind; items: SubjectAccessItem[] }>
  }>
  records: Array<{
    id: string
    source: string
    platform: SourceKind
    assetUrn: string
    asset: string
    recordKey: Record<string, JsonValue>
    timestamp?: string
    group: string
  }>
  notes: string[]
}

const LABELS = new Map<string, string>(PERSONAL_DATA_CATEGORIES.map((c) => [c.id, c.label]))
const ORDER = new Map<string, number>(PERSONAL_DATA_CATEGORIES.map((c, i) => [c.id, i]))

/**
 * The records of the person the lookup found, with their raw values. Linked people (who share
 * a weak identifier) are never part of someone's subject-access report.
 */
export function personRecords(
  result: LookupResult,
  raw: ReadonlyMap<string, RawRecord>,
): Array<{ record: LookupRecord; raw: RawRecord }> {
  if (result.people.length === 0)
    throw new ApiError('not-found', 'The lookup found no one: there is nothing to report.', {
      lookupId: result.lookupId,
    })
  // A strong identifier names one person however many records the merger could not tie
  // together (a legacy copy under another number); a weak one may name several: ask which.
  if (result.people.length > 1 && result.plan.identifier.strength !== 'strong')
    throw new ApiError(
      'bad-input',
      `The lookup found ${result.people.length} people: look the person up by a strong identifier (customer number, loyalty number or email) first.`,
      { lookupId: result.lookupId, people: result.people.length },
    )
  const ids = new Set(result.people.flatMap((p) => p.groups.flatMap((g) => g.records)))
  const byId = new Map(result.records.map((r) => [r.id, r]))
  const out: Array<{ record: LookupRecord; raw: RawRecord }> = []
  for (const id of ids) {
    const record = byId.get(id)
    const rawRecord = raw.get(id)
    if (record && rawRecord) out.push({ record, raw: rawRecord })
  }
  return out
}

/** Lineage roots upstream of a field, as labels (bounded walk). */
function originsOf(fieldUrn: string, context: LookupContext): string[] {
  const roots = new Set<string>()
  const seen = new Set<string>([fieldUrn])
  let frontier = [fieldUrn]
  for (let hop = 0; hop < 8 && frontier.length > 0; hop++) {
    const next: string[] = []
    for (const urn of frontier) {
      const feeders = context.feedersOf(urn).filter((f) => !seen.has(f))
      if (feeders.length === 0 && urn !== fieldUrn) roots.add(urn)
      for (const f of feeders) {
        seen.add(f)
        next.push(f)
      }
    }
    frontier = next
  }
  for (const urn of frontier) roots.add(urn)
  return [...roots].map((u) => context.labelOf(u)).sort()
}

export interface SubjectAccessInput {
  result: LookupResult
  identifierKind: IdentifierKind
  records: Array<{ record: LookupRecord; raw: RawRecord }>
  context: LookupContext
  reason: string
  generator: string
  generatedAt: string
}

export function buildSubjectAccess(input: SubjectAccessInput): SubjectAccessReport {
  const { context, result } = input
  type Bucket = Map<string, { platform: SourceKind; items: SubjectAccessItem[] }>
  const byCategory = new Map<string, Bucket>()
  const origins = new Map<string, string[]>()
  for (const { record, raw } of input.records) {
    for (const [path, value] of Object.entries(raw.values)) {
      if (value === null || value === undefined || value === '') continue
      const fieldUrn = fieldUrnOf(raw.assetUrn, path)
      const category = context.categories.get(fieldUrn) ?? record.categories[path] ?? OTHER_CATEGORY
      if (!origins.has(fieldUrn)) origins.set(fieldUrn, originsOf(fieldUrn, context))
      const item: SubjectAccessItem = {
        fieldPath: path,
        fieldUrn,
        field: `${record.assetLabel}.${path}`,
        value: plainValue(value),
        recordId: record.id,
        recordKey: record.recordKey,
        ...(record.timestamp ? { timestamp: record.timestamp } : {}),
        processing: context.processingOf(fieldUrn, category),
        obtainedFrom: origins.get(fieldUrn)!,
      }
      const bucket: Bucket = byCategory.get(category) ?? new Map()
      byCategory.set(category, bucket)
      const source = bucket.get(record.source) ?? { platform: record.platform, items: [] }
      bucket.set(record.source, source)
      source.items.push(item)
    }
  }
  const rank = (c: string) => (c === OTHER_CATEGORY ? 1e9 : (ORDER.get(c) ?? 1e8))
  const categories = [...byCategory.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([category, bucket]) => ({
      category: category as CategoryId | typeof OTHER_CATEGORY,
      label: LABELS.get(category) ?? 'Other data held in these records',
      sources: [...bucket.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([source, { platform, items }]) => ({ source, platform, items })),
    }))
  const values = categories.reduce(
    (n, c) => n + c.sources.reduce((m, s) => m + s.items.length, 0),
    0,
  )
  return {
    schemaVersion: SUBJECT_ACCESS_SCHEMA_VERSION,
    report: 'sightline.subject-access',
    generator: input.generator,
    generatedAt: input.generatedAt,
    reason: input.reason,
    lookup: {
      lookupId: result.lookupId,
      startedAt: result.startedAt,
      identifierKind: input.identifierKind,
      identifierMasked: result.plan.identifier.masked,
      sources: result.sources.map((s) => ({
        source: s.source,
        platform: s.platform,
        state: s.state,
        records: s.records,
      })),
    },
    summary: {
      records: input.records.length,
      values,
      categories: categories.map((c) => ({
        category: c.category,
        label: c.label,
        values: c.sources.reduce((n, s) => n + s.items.length, 0),
        sources: c.sources.map((s) => s.source),
      })),
    },
    categories,
    records: input.records.map(({ record }) => ({
      id: record.id,
      source: record.source,
      platform: record.platform,
      assetUrn: record.assetUrn,
      asset: record.assetLabel,
      recordKey: record.recordKey,
      ...(record.timestamp ? { timestamp: record.timestamp } : {}),
      group: record.group,
    })),
    notes: [
      'Only the records merged into this person through strong identifiers are included; people who share a phone, address, device or card are not.',
      ...result.sources
        .filter((s) => s.state !== 'answered' && s.state !== 'skipped')
        .map(
          (s) =>
            `${s.source} did not answer (${s.state}): its records are missing from this report.`,
        ),
    ],
  }
}

/** Every field URN the report holds values of (for the audit entry). */
export function reportFieldUrns(report: SubjectAccessReport): string[] {
  const urns = new Set<string>()
  for (const c of report.categories)
    for (const s of c.sources) for (const i of s.items) urns.add(i.fieldUrn)
  return [...urns].sort()
}
