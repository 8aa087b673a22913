import type { LineageEdge, TransformSpec } from '../../../shared/model/lineage'
import type { StepMatch } from '../../../shared/model/lookup'
import type { CategoryId } from '../../../shared/model/personal-data'
import { STRENGTH, type IdentifierKind } from '../identifiers/identifier-kinds'

/**
 * Which catalogued fields can answer which identifier (issue 7 item 2): the one table from
 * personal-data categories to identifier kinds, and how a typed value is compared with a field
 * that holds it.
 */

interface KindFields {
  /** Categories of the fields the lookup starts from. */
  categories: readonly CategoryId[]
  /**
   * How a field that holds the identifier as people typed it is compared: the identifier's
   * canonical form against the field's messy values. A field the catalogue knows holds the
   * canonical form (an edge into it normalises) is compared `equals`.
   */
  match: StepMatch
  /**
   * Compound kinds: a category the same asset must also hold, so that the other part can be
   * checked on the record (the name beside a postcode, the expiry beside the last four digits).
   */
  companion?: CategoryId
}

/**
 * Identifier kind -> the categories of the fields holding it. Compound kinds start from their
 * most selective part (the postcode of name + postcode, the date of birth of name + date of
 * birth, the last four digits of last four + expiry); the rest of the parts are the executor's
 * filter and the merger's ranking.
 */
export const KIND_FIELDS: Readonly<Record<IdentifierKind, KindFields>> = {
  email: { categories: ['contact.email'], match: 'case-insensitive' },
  phone: { categories: ['contact.phone'], match: 'digits-only' },
  postcode: { categories: ['contact.postcode'], match: 'case-insensitive' },
  'customer-number': { categories: ['identifier.customer'], match: 'equals' },
  'loyalty-number': { categories: ['identifier.loyalty'], match: 'case-insensitive' },
  'card-token': { categories: ['financial.card_token'], match: 'equals' },
  'card-last4-expiry': {
    categories: ['financial.card_last4'],
    match: 'equals',
    companion: 'financial.card_expiry',
  },
  'bank-account': { categories: ['financial.bank_account'], match: 'digits-only' },
  'ip-address': { categories: ['online.ip_address'], match: 'equals' },
  'device-id': { categories: ['online.device_id'], match: 'case-insensitive' },
  'name-postcode': {
    categories: ['contact.postcode'],
    match: 'case-insensitive',
    companion: 'person.name',
  },
  'name-dob': { categories: ['identity.date_of_birth'], match: 'equals', companion: 'person.name' },
  'postal-address': {
    categories: ['contact.postcode'],
    match: 'case-insensitive',
    companion: 'contact.postal_address',
  },
}

/** The simple kind a category's values are read as when the planner pivots on them. */
const CATEGORY_KIND: ReadonlyMap<CategoryId, IdentifierKind> = new Map(
  (
    [
      'email',
      'phone',
      'postcode',
      'customer-number',
      'loyalty-number',
      'card-token',
      'ip-address',
      'device-id',
    ] as const
  ).flatMap((kind) => KIND_FIELDS[kind].categories.map((c) => [c, kind] as const)),
)

/** The identifier kind a field of this category holds, if it holds one on its own. */
export function kindOfCategory(category: CategoryId | undefined): IdentifierKind | undefined {
  return category === undefined ? undefined : CATEGORY_KIND.get(category)
}

/** Strong for customer and loyalty numbers and email (one person each); weak for the rest. */
export function strengthOf(kind: IdentifierKind): 'strong' | 'weak' {
  return STRENGTH[kind]
}

/** The steps of a transform, chains flattened. */
export function transformSteps(spec: TransformSpec | undefined): TransformSpec[] {
  if (!spec) return []
  return spec.type === 'chain' ? spec.steps.flatMap(transformSteps) : [spec]
}

/** Transforms that put a value into its canonical form: their target holds canonical values. */
const NORMALISING = new Set<TransformSpec['type']>([
  'lower-case',
  'e164',
  'postcode-format',
  'prefix-pad',
])

/**
 * True when lineage says the field's values were normalised on the way in (singleview
 * `contact.email` is crm's email trimmed and lower-cased), so canonical values compare exactly.
 */
export function holdsCanonicalForm(fieldUrn: string, edgesInto: readonly LineageEdge[]): boolean {
  return edgesInto.some(
    (e) => e.to === fieldUrn && transformSteps(e.transform).some((s) => NORMALISING.has(s.type)),
  )
}

/**
 * The edge that says `fieldUrn` holds a SHA-256 of a field of one of `categories` (clickstream
 * `emailSha256` from crm `Email` through trim, lower-case, sha256), if there is one.
 */
export function hashEdgeOf(
  fieldUrn: string,
  edgesInto: readonly LineageEdge[],
  categories: ReadonlyMap<string, CategoryId>,
  wanted: readonly CategoryId[],
): LineageEdge | undefined {
  return edgesInto.find((e) => {
    if (e.to !== fieldUrn) return false
    const steps = transformSteps(e.transform)
    if (steps.at(-1)?.type !== 'sha256') return false
    const from = categories.get(e.from)
    return from !== undefined && wanted.includes(from)
  })
}
