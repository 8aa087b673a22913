import {
  GDPR_GROUPS,
  PERSONAL_DATA_CATEGORIES,
  type CategoryDefinition,
  type CategoryId,
  type GdprGroup,
  type PersonalDataEntry,
  type PersonalDataSummary,
  type ReviewDecision,
  type ReviewState,
} from '../../../shared/model/personal-data'

export const GROUP_LABELS: Record<GdprGroup, string> = {
  identity: 'Identity',
  contact: 'Contact',
  financial: 'Financial',
  online: 'Online',
  pseudonymous: 'Pseudonymous',
  special: 'Special (Art. 9)',
}

export const REVIEW_STATES: readonly ReviewState[] = [
  'suggested',
  're-review',
  'confirmed',
  'changed',
  'rejected',
]

export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  suggested: 'Suggested',
  're-review': 'Re-review',
  confirmed: 'Confirmed',
  changed: 'Changed',
  rejected: 'Rejected',
}

export const REVIEW_STATE_COLORS: Record<ReviewState, string> = {
  suggested: 'blue',
  're-review': 'orange',
  confirmed: 'teal',
  changed: 'violet',
  rejected: 'gray',
}

/**
 * Every category for a select, grouped by GDPR group, labelled `Email address (contact.email)`
 * or, where space is short (filter pills), `Email address`.
 */
export function categorySelectData(withIds: boolean) {
  return GDPR_GROUPS.map((group) => ({
    group: GROUP_LABELS[group],
    items: PERSONAL_DATA_CATEGORIES.filter((c) => c.group === group).map((c) => ({
      value: c.id as string,
      label: withIds ? `${c.label} (${c.id})` : c.label,
    })),
  }))
}

/** States a reviewer still has to look at. */
export const NEEDS_REVIEW: readonly ReviewState[] = ['suggested', 're-review']

const BY_ID = new Map<string, CategoryDefinition>(PERSONAL_DATA_CATEGORIES.map((c) => [c.id, c]))

/** The vocabulary entry of a category; an id from a newer build still gets a label (its id). */
export function categoryOf(id: string): CategoryDefinition {
  return BY_ID.get(id) ?? { id, group: 'identity', label: id, description: '' }
}

/** `0.934` -> `93%`. */
export function formatConfidence(confidence: number): string {
  return `${Math.round(Math.max(0, Math.min(1, confidence)) * 100)}%`
}

export interface MapFilters {
  categories: CategoryId[]
  sources: string[]
  reviewStates: ReviewState[]
  /** 0..1 */
  minConfidence: number
  text: string
}

export const NO_FILTERS: MapFilters = {
  categories: [],
  sources: [],
  reviewStates: [],
  minConfidence: 0,
  text: '',
}

export function hasFilters(filters: MapFilters): boolean {
  return (
    filters.categories.length > 0 ||
    filters.sources.length > 0 ||
    filters.reviewStates.length > 0 ||
    filters.minConfidence > 0 ||
    filters.text.trim().length > 0
  )
}

/** The entries the filters keep. The text filter looks at location, source, URN and category. */
export function filterEntries(
  entries: readonly PersonalDataEntry[],
  filters: MapFilters,
): PersonalDataEntry[] {
  const categories = new Set<string>(filters.categories)
  const sources = new Set(filters.sources)
  const states = new Set(filters.reviewStates)
  const words = filters.text.toLowerCase().split(/\s+/).filter(Boolean)
  return entries.filter((entry) => {
    if (categories.size && !categories.has(entry.category)) return false
    if (sources.size && !sources.has(entry.source)) return false
    if (states.size && !states.has(entry.reviewState)) return false
    if (entry.confidence < filters.minConfidence) return false
    if (!words.length) return true
    const haystack = [
      entry.location,
      entry.source,
      entry.urn,
      entry.category,
      categoryOf(entry.category).label,
    ]
      .join(' ')
      .toLowerCase()
    return words.every((word) => haystack.includes(word))
  })
}

export type SortKey = 'confidence' | 'location'
export interface MapSort {
  by: SortKey
  direction: 'asc' | 'desc'
}

export const DEFAULT_SORT: MapSort = { by: 'confidence', direction: 'desc' }

/** Sorted copy; ties fall back to location so the order is stable between refreshes. */
export function sortEntries(
  entries: readonly PersonalDataEntry[],
  sort: MapSort,
): PersonalDataEntry[] {
  const sign = sort.direction === 'asc' ? 1 : -1
  const byLocation = (a: PersonalDataEntry, b: PersonalDataEntry) =>
    a.location.localeCompare(b.location) ||
    a.source.localeCompare(b.source) ||
    a.urn.localeCompare(b.urn)
  return [...entries].sort((a, b) =>
    sort.by === 'confidence'
      ? sign * (a.confidence - b.confidence) || byLocation(a, b)
      : sign * byLocation(a, b),
  )
}

/** Clicking a sortable header: the same key flips direction; a new key starts at its natural one. */
export function toggleSort(current: MapSort, by: SortKey): MapSort {
  if (current.by === by) return { by, direction: current.direction === 'asc' ? 'desc' : 'asc' }
  return { by, direction: by === 'confidence' ? 'desc' : 'asc' }
}

export interface SummaryGroup {
  group: GdprGroup
  label: string
  fields: number
  categories: Array<PersonalDataSummary['byCategory'][number] & { definition: CategoryDefinition }>
}

/** The summary's categories by GDPR group, in vocabulary order; groups with no field are left out. */
export function summaryGroups(summary: PersonalDataSummary): SummaryGroup[] {
  const counts = new Map(summary.byCategory.map((row) => [row.category as string, row]))
  const order = new Map<string, number>(PERSONAL_DATA_CATEGORIES.map((c, i) => [c.id, i]))
  const known = new Set(order.keys())
  const unknown = summary.byCategory.filter((row) => !known.has(row.category))
  const rows = [...PERSONAL_DATA_CATEGORIES.map((c) => counts.get(c.id)), ...unknown].filter(
    (row): row is PersonalDataSummary['byCategory'][number] => row !== undefined && row.fields > 0,
  )
  return GDPR_GROUPS.map((group) => {
    const categories = rows
      .map((row) => ({ ...row, definition: categoryOf(row.category) }))
      .filter((row) => row.definition.group === group)
    return {
      group,
      label: GROUP_LABELS[group],
      fields: categories.reduce((sum, row) => sum + row.fields, 0),
      categories,
    }
  }).filter((group) => group.categories.length > 0)
}

/** The row `step` away from the selected one (clamped); the first row when none is selected. */
export function moveSelection(
  entries: readonly PersonalDataEntry[],
  selected: string | undefined,
  step: number,
): string | undefined {
  if (!entries.length) return undefined
  const index = entries.findIndex((entry) => entry.urn === selected)
  if (index < 0) return entries[0]!.urn
  return entries[Math.max(0, Math.min(entries.length - 1, index + step))]!.urn
}

/** What Undo does after a decision: put the decision before it back, or clear it. */
export type UndoStep =
  | { kind: 'clear'; urn: string }
  | {
      kind: 'review'
      arg: {
        urn: string
        decision: ReviewDecision['decision']
        category: CategoryId
        reason?: string
      }
    }

export function undoStep(urn: string, previous: ReviewDecision | undefined): UndoStep {
  if (!previous) return { kind: 'clear', urn }
  return {
    kind: 'review',
    arg: {
      urn,
      decision: previous.decision,
      category: previous.category,
      ...(previous.reason ? { reason: previous.reason } : {}),
    },
  }
}

/** `personal-data-2026-05-01.json` */
export function exportFileName(format: 'json' | 'csv' | 'html', now: Date): string {
  return `personal-data-${now.toISOString().slice(0, 10)}.${format}`
}

export const EXPORT_MIME: Record<'json' | 'csv' | 'html', string> = {
  json: 'application/json',
  csv: 'text/csv',
  html: 'text/html',
}
