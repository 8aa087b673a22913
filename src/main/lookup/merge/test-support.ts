import type { LineageEdge, TransformSpec } from '../../../shared/model/lineage'
import type { CategoryId } from '../../../shared/model/personal-data'
import type { LookupPlan, LookupPlanStep } from '../../../shared/model/lookup'
import { maskValue } from '../../crawl/mask-value'
import type { RecognisedIdentifier } from '../identifiers/identifier-kinds'
import type { MergeInput, RawRecord } from '../lookup-inputs'

/**
 * Synthetic plans, records, edges and categories shaped like the reference estate's (crm in
 * PostgreSQL, its CDC topics, the single view in FerretDB, call-centre interactions), for the
 * executor's and the merger's unit tests. Test-only: nothing in the product imports it.
 */

export const CRM = 'postgres://amper-pg/crm/dbo/Customer'
export const CRM_ADDRESS = 'postgres://amper-pg/crm/dbo/Address'
export const TOPIC = 'kafka://events/crm.dbo.Customer'
export const SV = 'mongodb://singleview/singleview/customers'
export const ORDERS = 'postgres://amper-pg/orders/sales/orders'
export const CALLS = 'mongodb://ops/callcentre/interactions'

export const CATEGORIES: ReadonlyMap<string, CategoryId> = new Map<string, CategoryId>([
  [`${CRM}#CustomerId`, 'identifier.customer'],
  [`${CRM}#FirstName`, 'person.name'],
  [`${CRM}#LastName`, 'person.name'],
  [`${CRM}#Email`, 'contact.email'],
  [`${CRM}#MobilePhone`, 'contact.phone'],
  [`${CRM_ADDRESS}#CustomerId`, 'identifier.customer'],
  [`${CRM_ADDRESS}#Postcode`, 'contact.postcode'],
  [`${TOPIC}#after.CustomerId`, 'identifier.customer'],
  [`${TOPIC}#after.Email`, 'contact.email'],
  [`${TOPIC}#before.Email`, 'contact.email'],
  [`${SV}#_id`, 'identifier.customer'],
  [`${SV}#name.first`, 'person.name'],
  [`${SV}#name.last`, 'person.name'],
  [`${SV}#contact.email`, 'contact.email'],
  [`${SV}#contact.mobile`, 'contact.phone'],
  [`${SV}#addresses[].postcode`, 'contact.postcode'],
  [`${ORDERS}#customer_id`, 'identifier.customer'],
  [`${CALLS}#customerId`, 'identifier.customer'],
  [`${CALLS}#phoneNumber`, 'contact.phone'],
])

export const MODEL_PATHS: ReadonlyMap<string, string> = new Map([
  [`${SV}#_id`, '_id'],
  [`${SV}#name.first`, 'name.first'],
  [`${SV}#name.last`, 'name.last'],
  [`${SV}#contact.email`, 'contact.email'],
  [`${SV}#contact.mobile`, 'contact.mobile'],
  [`${SV}#addresses[].postcode`, 'addresses[].postcode'],
])

let edgeId = 0
function edge(from: string, to: string, transform?: TransformSpec): LineageEdge {
  return {
    id: `e${++edgeId}`,
    level: 'field',
    from,
    to,
    ...(transform ? { transform } : {}),
    via: { kind: 'process', name: 'test' },
    origin: { kind: 'declared', file: 'catalog/lineage/test.yaml', line: 1, process: 'test' },
  }
}

const PAD: TransformSpec = { type: 'prefix-pad', prefix: 'C', width: 8 }

/** crm -> CDC topic (Debezium, values as is) -> single view (the builder's transforms). */
export const EDGES: readonly LineageEdge[] = [
  edge(`${CRM}#CustomerId`, `${TOPIC}#after.CustomerId`),
  edge(`${CRM}#Email`, `${TOPIC}#after.Email`),
  edge(`${CRM}#FirstName`, `${TOPIC}#after.FirstName`),
  edge(`${CRM}#MobilePhone`, `${TOPIC}#after.MobilePhone`),
  edge(`${TOPIC}#after.CustomerId`, `${SV}#_id`, PAD),
  edge(`${TOPIC}#after.FirstName`, `${SV}#name.first`, { type: 'trim' }),
  edge(`${TOPIC}#after.Email`, `${SV}#contact.email`, {
    type: 'chain',
    steps: [{ type: 'trim' }, { type: 'lower-case' }],
  }),
  edge(`${TOPIC}#after.MobilePhone`, `${SV}#contact.mobile`, { type: 'e164', region: 'GB' }),
  edge(`${CRM_ADDRESS}#Postcode`, `${SV}#addresses[].postcode`, { type: 'postcode-format' }),
  edge(`${ORDERS}#total_gbp`, `${SV}#orders.lifetimeValueGbp`, {
    type: 'aggregate',
    fn: 'sum',
    groupBy: 'customer_id',
  }),
]

export function step(
  id: string,
  assetUrn: string,
  field: string,
  more: Partial<LookupPlanStep> = {},
): LookupPlanStep {
  const platform = assetUrn.startsWith('kafka')
    ? 'kafka'
    : assetUrn.startsWith('mongodb')
      ? 'mongodb'
      : 'postgres'
  return {
    id,
    source: platform === 'postgres' ? 'amper-pg' : platform === 'kafka' ? 'events' : 'ferret',
    platform,
    assetUrn,
    fieldUrn: `${assetUrn}#${field}`,
    access: 'index',
    match: 'equals',
    input: { kind: 'identifier', identifierKind: 'email' },
    reason: 'test',
    strength: 'strong',
    ...more,
  }
}

export function pivot(
  fromStep: string,
  fromField: string,
  transform?: TransformSpec,
  inverted = false,
): LookupPlanStep['input'] {
  return { kind: 'pivot', fromStep, fromField, inverted, ...(transform ? { transform } : {}) }
}

export function plan(steps: LookupPlanStep[], more: Partial<LookupPlan> = {}): LookupPlan {
  return {
    identifier: { kind: 'email', strength: 'strong', masked: 'j•••@e••••••.com', reason: 'test' },
    steps,
    unreachable: [],
    warnings: [],
    depth: 2,
    scans: 'warn',
    ...more,
  }
}

export function identifier(
  kind: RecognisedIdentifier['kind'],
  canonical: string,
  more: Partial<RecognisedIdentifier> = {},
): RecognisedIdentifier {
  return {
    kind,
    strength: kind === 'email' || kind.endsWith('number') ? 'strong' : 'weak',
    confidence: 1,
    canonical,
    parts: {},
    forms: [],
    reason: 'test',
    ...more,
  }
}

let recordId = 0
export function record(
  stepId: string,
  assetUrn: string,
  recordKey: RawRecord['recordKey'],
  values: Record<string, unknown>,
  more: Partial<RawRecord> = {},
): RawRecord {
  return {
    id: `t${++recordId}`,
    stepId,
    source: assetUrn.split('://')[1]!.split('/')[0]!,
    platform: assetUrn.startsWith('kafka')
      ? 'kafka'
      : assetUrn.startsWith('mongodb')
        ? 'mongodb'
        : 'postgres',
    assetUrn,
    recordKey,
    values,
    ...more,
  }
}

export function mergeInput(
  p: LookupPlan,
  id: RecognisedIdentifier,
  records: RawRecord[],
): MergeInput {
  return {
    plan: p,
    identifier: id,
    records,
    categories: CATEGORIES,
    modelPaths: MODEL_PATHS,
    edges: EDGES,
    mask: (value) => (value === null || value === undefined ? null : maskValue(value)),
  }
}
