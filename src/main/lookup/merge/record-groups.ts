import type { CategoryId } from '../../../shared/model/personal-data'
import type { LookupPlanStep, LookupRecord } from '../../../shared/model/lookup'
import { parseUrn } from '../../../shared/urn'
import type { RawRecord } from '../lookup-inputs'
import { fieldUrnOf } from './record-keys'

/**
 * Records as the UI shows them: masked values, the category of each field, and the related-record
 * group (orders, deliveries, payments, fraud, interactions, events, profile) the customer card
 * files them under, from the asset's name.
 */

/** Display label: `crm.dbo.Customer`, `web.clickstream.v1`, `singleview.customers`. */
export function assetLabelOf(assetUrn: string): string {
  let label = labels.get(assetUrn)
  if (label === undefined) {
    try {
      label = parseUrn(assetUrn).path.join('.')
    } catch {
      label = assetUrn
    }
    if (labels.size > 10_000) labels.clear()
    labels.set(assetUrn, label)
  }
  return label
}

const labels = new Map<string, string>()

/** First matching rule on the asset's own name (its last path segment), then on the label. */
const GROUP_RULES: ReadonlyArray<[RegExp, string]> = [
  [/deliver|shipment/i, 'deliveries'],
  [/payment|card|refund/i, 'payments'],
  [/return/i, 'returns'],
  [/order|basket|cart/i, 'orders'],
  [/fraud|risk/i, 'fraud'],
  [/interaction|call|ticket|complaint|contact_?log/i, 'interactions'],
  [/segment|campaign|marketing/i, 'marketing'],
  [/click|event|pageview|session|audit|activity/i, 'events'],
]

export function groupOf(assetUrn: string): string {
  const label = assetLabelOf(assetUrn)
  const own = label.split('.').filter((s) => !/^v\d+$/.test(s))
  const name = own[own.length - 1] ?? label
  for (const [re, group] of GROUP_RULES) if (re.test(name)) return group
  for (const [re, group] of GROUP_RULES) if (re.test(label)) return group
  // CDC topics (`crm.dbo.Customer`), tables and documents of no other kind describe the person.
  return 'profile'
}

/** The record with every value masked (raw values stay in main's memory, keyed by record id). */
export function toLookupRecord(
  raw: RawRecord,
  steps: ReadonlyMap<string, LookupPlanStep>,
  categories: ReadonlyMap<string, CategoryId>,
  mask: (value: unknown, category?: CategoryId) => string | null,
): LookupRecord {
  const step = steps.get(raw.stepId)
  const values: Record<string, string | null> = {}
  const cats: Record<string, CategoryId> = {}
  for (const [path, value] of Object.entries(raw.values)) {
    const category = categories.get(fieldUrnOf(raw.assetUrn, path))
    if (category) cats[path] = category
    values[path] = value === null || value === undefined ? null : mask(value, category)
  }
  return {
    id: raw.id,
    source: raw.source,
    platform: raw.platform,
    assetUrn: raw.assetUrn,
    assetLabel: assetLabelOf(raw.assetUrn),
    recordKey: raw.recordKey,
    ...(raw.timestamp !== undefined ? { timestamp: raw.timestamp } : {}),
    values,
    categories: cats,
    matchedBy: {
      stepId: raw.stepId,
      fieldUrn: step?.fieldUrn ?? '',
      strength: step?.strength ?? 'weak',
    },
    group: groupOf(raw.assetUrn),
  }
}
