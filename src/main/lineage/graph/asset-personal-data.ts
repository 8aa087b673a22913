import type { LineageNode, NodePersonalData } from '../../../shared/model/lineage'
import {
  PERSONAL_DATA_CATEGORIES,
  type CategoryId,
  type GdprGroup,
} from '../../../shared/model/personal-data'

/*
 * Personal data of an asset, rolled up from its fields, so the asset-level graph and the overview
 * show which tables, topics and collections hold personal data, their own or carried along
 * lineage. The asset takes the category of its most sensitive family; the reason names the fields.
 */

/** Families from the most to the least sensitive: the asset's colour is its worst field's. */
const SEVERITY: readonly GdprGroup[] = [
  'special',
  'identity',
  'financial',
  'contact',
  'online',
  'pseudonymous',
]

const CATEGORY_INDEX = new Map<string, number>(
  PERSONAL_DATA_CATEGORIES.map((category, index) => [category.id, index]),
)
const GROUP_OF = new Map<string, GdprGroup>(PERSONAL_DATA_CATEGORIES.map((c) => [c.id, c.group]))

/** Field names the reason lists before "and N more". */
const NAMED = 4

function severity(category: CategoryId): number {
  // Free text or an unknown id counts as identity, as the overlay draws it.
  return SEVERITY.indexOf(GROUP_OF.get(category) ?? 'identity')
}

/**
 * The personal data of an asset whose fields are `fields`: undefined when none is personal.
 * `by` is `lineage` only when every personal field is personal by lineage; a reviewed field
 * makes it `review`, else `classification`. The reason counts and names the personal fields.
 */
export function assetPersonalData(fields: readonly LineageNode[]): NodePersonalData | undefined {
  const personal = fields.filter((field) => field.personalData)
  if (personal.length === 0) return undefined
  const counts = new Map<CategoryId, number>()
  for (const field of personal) {
    const category = field.personalData!.category
    counts.set(category, (counts.get(category) ?? 0) + 1)
  }
  const [category] = [...counts].sort(
    ([a, countA], [b, countB]) =>
      severity(a) - severity(b) ||
      countB - countA ||
      (CATEGORY_INDEX.get(a) ?? Infinity) - (CATEGORY_INDEX.get(b) ?? Infinity) ||
      (a < b ? -1 : 1),
  )[0]!
  const bys = new Set(personal.map((field) => field.personalData!.by))
  const by: NodePersonalData['by'] =
    bys.size === 1 && bys.has('lineage')
      ? 'lineage'
      : bys.has('review')
        ? 'review'
        : 'classification'
  const byLineage = personal.filter((field) => field.personalData!.by === 'lineage').length
  const names = personal
    .map((field) => field.path ?? field.label)
    .sort((a, b) => a.localeCompare(b))
  const listed = names.slice(0, NAMED).join(', ')
  const more = names.length > NAMED ? ` and ${names.length - NAMED} more` : ''
  const lineageNote =
    byLineage === 0
      ? ''
      : byLineage === personal.length
        ? ', all by lineage'
        : `, ${byLineage} by lineage`
  const noun = personal.length === 1 ? 'personal field' : 'personal fields'
  return {
    category,
    by,
    reason: `${personal.length} ${noun} (${listed}${more})${lineageNote}`,
  }
}
