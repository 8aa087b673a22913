import type { CategoryId } from '../../../shared/model/personal-data'
import type {
  LookupPlanStep,
  MergedField,
  MergedValue,
  Provenance,
} from '../../../shared/model/lookup'
import { normaliseName } from '../identifiers/normalise'
import { readBirthDate } from '../identifiers/compound'
import type { RawRecord } from '../lookup-inputs'
import { toAttributeForm, type AttributeResolver } from './attributes'
import { assetLabelOf } from './record-groups'
import {
  canonicalOf,
  fieldUrnOf,
  isHistoryPath,
  scalarsOf,
  strongKindOf,
  type RecordKey,
} from './record-keys'

/**
 * One person's fields: every value by single-view attribute, each with where it came from, and
 * `conflict` when the stores disagree once values are normalised. A field the model does not
 * name is kept under its own URN when it holds personal data (an interaction's phone number).
 */

export interface FieldContext {
  resolver: AttributeResolver
  categories: ReadonlyMap<string, CategoryId>
  steps: ReadonlyMap<string, LookupPlanStep>
  mask: (value: unknown, category?: CategoryId) => string | null
}

interface Slot {
  path: string
  label: string
  category?: CategoryId
  /** Array attributes (`addresses[].postcode`) hold several values: compared as sets per asset. */
  many: boolean
  /**
   * Only attributes compare across stores: a field the model does not name is one field of one
   * asset, whose rows may rightly differ (a person's billing and delivery addresses).
   */
  comparable: boolean
  values: Map<string, { display: string; provenance: Provenance[]; latest: string }>
  perAsset: Map<string, Set<string>>
}

/** The comparison form of a value of a category: the normalisers the lookup itself uses. */
export function comparable(value: unknown, category: CategoryId | undefined): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  switch (category) {
    case 'contact.email':
      return canonicalOf('email', text) ?? text.trim().toLowerCase()
    case 'contact.phone':
      return canonicalOf('phone', text) ?? text.replace(/\D/g, '')
    case 'contact.postcode':
      return canonicalOf('postcode', text) ?? text.replace(/\s+/g, '').toUpperCase()
    case 'identifier.customer':
      return canonicalOf('customer-number', text) ?? text.trim()
    case 'identifier.loyalty':
      return canonicalOf('loyalty-number', text) ?? text.trim()
    case 'person.name':
      return normaliseName(text)?.canonical ?? text.trim().toLowerCase()
    case 'identity.date_of_birth':
      // A legacy system's `29/11/2005` or `20051129` is the same date as the single view's ISO.
      return /^\d{4}-\d{2}-\d{2}/.test(text)
        ? text.slice(0, 10)
        : (readBirthDate(text) ?? text.trim())
    default:
      return text.trim().replace(/\s+/g, ' ').toLowerCase()
  }
}

/**
 * `records` are one person's; `keysOf` their identifier keys (recordKeys). A field of a strong
 * kind holding several values (a marketing segment's `customerIds[]`, thousands of customers)
 * shows only the person's own among them: the others are not theirs to see, nor to put in a
 * subject access report.
 */
export function mergeFields(
  records: readonly RawRecord[],
  ctx: FieldContext,
  keysOf: ReadonlyMap<string, readonly RecordKey[]>,
): MergedField[] {
  const slots = new Map<string, Slot>()
  const own = new Set(records.flatMap((r) => (keysOf.get(r.id) ?? []).map((k) => k.key)))
  for (const record of records) {
    for (const [path, value] of Object.entries(record.values)) {
      if (isHistoryPath(path) || value === null || value === undefined) continue
      const fieldUrn = fieldUrnOf(record.assetUrn, path)
      const category = ctx.categories.get(fieldUrn)
      const attribute = ctx.resolver.resolve(fieldUrn)
      if (!attribute && !category) continue
      let scalars = scalarsOf(value)
      const strongKind = strongKindOf(category)
      if (scalars.length > 1 && strongKind)
        scalars = scalars.filter((v) => own.has(`${strongKind}:${canonicalOf(strongKind, v)}`))
      if (scalars.length === 0) continue
      const key = attribute?.path ?? fieldUrn
      let slot = slots.get(key)
      if (!slot) {
        slot = {
          path: key,
          label: attribute?.path ?? `${assetLabelOf(record.assetUrn)} ${path}`,
          many: attribute ? attribute.path.includes('[]') : path.includes('[]'),
          comparable: attribute !== undefined,
          values: new Map(),
          perAsset: new Map(),
          ...(category ? { category } : {}),
        }
        slots.set(key, slot)
      }
      if (!slot.category && category) slot.category = category
      for (const scalar of scalars) {
        const form = attribute ? toAttributeForm(scalar, attribute) : scalar
        if (form === null || form === undefined || form === '') continue
        const norm = comparable(form, slot.category ?? category)
        let entry = slot.values.get(norm)
        if (!entry) {
          const display = ctx.mask(form, slot.category ?? category) ?? ''
          slot.values.set(norm, (entry = { display, provenance: [], latest: '' }))
        }
        entry.provenance.push({
          source: record.source,
          platform: record.platform,
          assetUrn: record.assetUrn,
          fieldUrn,
          recordKey: record.recordKey,
          ...(record.timestamp !== undefined ? { timestamp: record.timestamp } : {}),
          stepId: record.stepId,
        })
        if ((record.timestamp ?? '') > entry.latest) entry.latest = record.timestamp ?? ''
        const set = slot.perAsset.get(record.assetUrn) ?? new Set<string>()
        set.add(norm)
        slot.perAsset.set(record.assetUrn, set)
      }
    }
  }
  const fields: MergedField[] = []
  for (const slot of slots.values()) {
    if (slot.values.size === 0) continue
    const values: MergedValue[] = [...slot.values.values()]
      // The most recent value first, then the most widely held.
      .sort((a, b) =>
        a.latest !== b.latest
          ? a.latest < b.latest
            ? 1
            : -1
          : b.provenance.length - a.provenance.length,
      )
      .map((v) => ({ value: v.display, provenance: v.provenance }))
    fields.push({
      path: slot.path,
      label: slot.label,
      ...(slot.category ? { category: slot.category } : {}),
      values,
      conflict: slot.comparable && hasConflict(slot),
    })
  }
  // Model attributes first (in path order), then the fields the model does not name.
  return fields.sort((a, b) => {
    const am = a.path.includes('://') ? 1 : 0
    const bm = b.path.includes('://') ? 1 : 0
    return am !== bm ? am - bm : a.path < b.path ? -1 : a.path > b.path ? 1 : 0
  })
}

function hasConflict(slot: Slot): boolean {
  if (!slot.many) return slot.values.size > 1
  // Several addresses are normal; a store that holds a different set of them is not.
  const sets = [...slot.perAsset.values()].map((s) => [...s].sort().join('\u0000'))
  return new Set(sets).size > 1
}
