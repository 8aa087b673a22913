import type { CatalogAsset, CatalogField } from '../../shared/model/catalog'
import {
  PERSONAL_DATA_CATEGORIES,
  type CategoryId,
  type ClassificationLabel,
  type EvidenceItem,
  type FieldClassification,
  type PersonalDataEntry,
  type PersonalDataMap,
  type PersonalDataSummary,
  type ProcessingRule,
  type ReviewDecision,
  type ReviewState,
} from '../../shared/model/personal-data'
import { resolveProcessing } from '../workspace/processing-file'

/**
 * The personal-data map (issue 5): current catalogue + review decisions + processing rules.
 * Pure. A decision always wins over the classifier; a crawl never overrides one: fresh evidence
 * that strongly contradicts a decision only flags the field `re-review`.
 */

/** Re-review of a rejection: a suggestion at least this confident... */
export const REREVIEW_MIN_CONFIDENCE = 0.9
/** ...whose value evidence matched at least this share of the values looked at. */
export const REREVIEW_MIN_VALUE_SHARE = 0.9

export interface MapFilter {
  categories?: readonly string[]
  sources?: readonly string[]
  reviewStates?: readonly ReviewState[]
  minConfidence?: number
  /** Fields with only near misses (no label, no decision). */
  includeUnlabelled?: boolean
}

export interface MapInput {
  assets: Iterable<CatalogAsset>
  decisions: ReadonlyMap<string, ReviewDecision>
  processing: readonly ProcessingRule[]
  workspace: string
  generatedAt: string
  /**
   * When each source's current crawl started. Evidence is fresh only when crawled after the
   * decision: a reviewer who rejects a confident suggestion has seen that evidence already.
   * Absent: every classification counts as fresh.
   */
  crawledAt?: ReadonlyMap<string, string>
  filter?: MapFilter
}

const CATEGORY_ORDER = new Map<string, number>(PERSONAL_DATA_CATEGORIES.map((c, i) => [c.id, i]))
const LABEL = new Map<string, string>(PERSONAL_DATA_CATEGORIES.map((c) => [c.id, c.label]))

function valueShare(label: ClassificationLabel): number | undefined {
  const values = label.evidence.filter((e) => e.kind === 'value' && (e.of ?? 0) > 0)
  if (values.length === 0) return undefined
  return Math.max(...values.map((e) => (e.matched ?? 0) / e.of!))
}

/** Why fresh evidence contradicts `decision`, or undefined when it does not. */
export function reReviewReason(
  decision: ReviewDecision,
  cls: FieldClassification | undefined,
): string | undefined {
  if (!cls || cls.sampled === 0) return undefined
  if (decision.decision === 'rejected') {
    const strong = cls.labels.find(
      (l) =>
        l.confidence >= REREVIEW_MIN_CONFIDENCE && (valueShare(l) ?? 0) >= REREVIEW_MIN_VALUE_SHARE,
    )
    if (!strong) return undefined
    const ev = strong.evidence.find((e) => e.kind === 'value' && (e.of ?? 0) > 0)
    return `rejected, but a fresh crawl suggests ${strong.category} at ${Math.round(strong.confidence * 100)}% (${ev?.matched} of ${ev?.of} values match)`
  }
  if (decision.decision === 'confirmed') {
    const label = cls.labels.find((l) => l.category === decision.category)
    if (label) {
      const share = valueShare(label)
      return share === 0
        ? `confirmed as ${decision.category}, but none of the freshly sampled values match`
        : undefined
    }
    const miss = cls.nearMisses.find((m) => m.category === decision.category)
    return miss
      ? `confirmed as ${decision.category}, but a fresh crawl rejects it: ${miss.reason}`
      : `confirmed as ${decision.category}, but a fresh crawl found no sign of it in ${cls.sampled} sampled values`
  }
  return undefined
}

function evidencePart(e: EvidenceItem, category: string): string {
  if (e.kind === 'name') return `name rule ${e.source.replace(/^name:/, '')}`
  if (e.kind === 'value' && e.of !== undefined)
    return `${e.matched ?? 0} of ${e.of} values are ${(LABEL.get(category) ?? category).toLowerCase()}${
      e.example ? ` (e.g. ${e.example})` : ''
    }`
  return e.detail
}

/** One line: `name rule email; 98 of 100 values are email address (e.g. j•••@e•••.com)`. */
export function evidenceSummary(label: ClassificationLabel | undefined): string {
  if (!label) return ''
  const parts = label.evidence
    .filter((e) => e.weight > 0)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 3)
    .map((e) => evidencePart(e, label.category))
  if (label.share !== undefined)
    parts.push(`${Math.round(label.share * 100)}% of values hold personal data`)
  const line = parts.join('; ')
  return line.length > 240 ? `${line.slice(0, 239)}…` : line
}

function locationOf(asset: CatalogAsset, field: CatalogField): string {
  const base = asset.path.join('.')
  return /[.[]/.test(field.path) ? `${base} › ${field.path}` : `${base}.${field.path}`
}

/** The map entry of one field, or undefined when it is neither labelled nor decided. */
export function entryFor(
  asset: CatalogAsset,
  field: CatalogField,
  decision: ReviewDecision | undefined,
  processing: readonly ProcessingRule[],
  includeUnlabelled = false,
  crawledAt?: string,
): PersonalDataEntry | undefined {
  const cls = field.classification
  const best = cls?.labels[0]
  let category: CategoryId
  let confidence: number
  let reviewState: ReviewState
  let summary: string
  let reason: string | undefined
  if (decision) {
    category = decision.category
    const fresh = cls?.labels.find((l) => l.category === category)
    const isFresh = crawledAt === undefined || Date.parse(crawledAt) > Date.parse(decision.at)
    reason = isFresh ? reReviewReason(decision, cls) : undefined
    reviewState = reason ? 're-review' : decision.decision
    // Decided: certain (1) or certainly not (0); under re-review, what the fresh crawl says.
    confidence =
      reviewState === 're-review'
        ? ((decision.decision === 'rejected' ? best?.confidence : fresh?.confidence) ?? 0)
        : decision.decision === 'rejected'
          ? 0
          : 1
    summary = evidenceSummary(fresh ?? best) || `decided by ${decision.by}`
  } else if (best) {
    category = best.category
    confidence = best.confidence
    reviewState = 'suggested'
    summary = evidenceSummary(best)
  } else {
    const miss = cls?.nearMisses[0]
    if (!includeUnlabelled || !miss) return undefined
    category = miss.category
    confidence = 0
    reviewState = 'suggested'
    summary = `near miss: ${miss.reason}`
  }
  const count = asset.counts?.rows ?? asset.counts?.messages ?? asset.counts?.documents
  const entry: PersonalDataEntry = {
    urn: field.urn,
    assetUrn: asset.urn,
    source: asset.source,
    platform: asset.platform,
    location: locationOf(asset, field),
    fieldPath: field.path,
    category,
    confidence: Math.round(confidence * 1000) / 1000,
    reviewState,
    evidenceSummary: summary,
    processing: resolveProcessing(processing, field.urn, category),
  }
  if (best && best.category !== category) entry.suggested = best.category
  if (decision) entry.decision = decision
  if (reason) entry.reReviewReason = reason
  if (count !== undefined) entry.count = count
  return entry
}

function summarise(entries: readonly PersonalDataEntry[]): PersonalDataSummary {
  // Rejected fields are not personal: they count in the totals only.
  const personal = entries.filter((e) => e.reviewState !== 'rejected')
  const byCategory = PERSONAL_DATA_CATEGORIES.map((c) => {
    const of = personal.filter((e) => e.category === c.id)
    return {
      category: c.id as CategoryId,
      fields: of.length,
      sources: new Set(of.map((e) => e.source)).size,
      confirmed: of.filter((e) => e.reviewState === 'confirmed' || e.reviewState === 'changed')
        .length,
    }
  }).filter((c) => c.fields > 0)
  const sources = [...new Set(personal.map((e) => e.source))].sort()
  const bySource = sources.map((source) => {
    const of = personal.filter((e) => e.source === source)
    return {
      source,
      fields: of.length,
      categories: new Set(of.map((e) => e.category)).size,
      needsReview: of.filter((e) => e.reviewState === 'suggested' || e.reviewState === 're-review')
        .length,
    }
  })
  const count = (...states: ReviewState[]) =>
    entries.filter((e) => states.includes(e.reviewState)).length
  return {
    byCategory,
    bySource,
    totals: {
      fields: entries.length,
      confirmed: count('confirmed', 'changed'),
      suggested: count('suggested'),
      rejected: count('rejected'),
      reReview: count('re-review'),
    },
  }
}

function compare(a: PersonalDataEntry, b: PersonalDataEntry): number {
  return (
    (CATEGORY_ORDER.get(a.category) ?? 999) - (CATEGORY_ORDER.get(b.category) ?? 999) ||
    (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0)
  )
}

/** Builds the map; the filter narrows `entries`, the summary always covers the whole map. */
export function buildPersonalDataMap(input: MapInput): PersonalDataMap {
  const all: PersonalDataEntry[] = []
  const unlabelled = new Set<PersonalDataEntry>()
  for (const asset of input.assets)
    for (const field of asset.fields) {
      const decision = input.decisions.get(field.urn)
      const entry = entryFor(
        asset,
        field,
        decision,
        input.processing,
        true,
        input.crawledAt?.get(asset.source),
      )
      if (!entry) continue
      if (!decision && !field.classification?.labels.length) unlabelled.add(entry)
      all.push(entry)
    }
  all.sort(compare)
  const f = input.filter ?? {}
  const entries = all.filter(
    (e) =>
      (f.includeUnlabelled || !unlabelled.has(e)) &&
      (!f.categories?.length || f.categories.includes(e.category)) &&
      (!f.sources?.length || f.sources.includes(e.source)) &&
      (!f.reviewStates?.length || f.reviewStates.includes(e.reviewState)) &&
      (f.minConfidence === undefined || e.confidence >= f.minConfidence),
  )
  return {
    schemaVersion: 1,
    generatedAt: input.generatedAt,
    workspace: input.workspace,
    summary: summarise(all.filter((e) => !unlabelled.has(e))),
    entries,
  }
}
