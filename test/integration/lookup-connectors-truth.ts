import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { LookupQuery } from '../../src/main/connectors/connector'
import { REPO_ROOT, estateEnv } from '../support/estate'

/**
 * Ground truth for the connectors' lookup suites: the small estate's manifest gives a person id
 * for every record (records/<platform>/<asset>.tsv) and each person's identifiers
 * (people.jsonl). Empty when the estate's data is not there (the suites skip then).
 */
const env = estateEnv()
export const INJECTIONS = [
  "' OR 1=1 --",
  '{"$ne": null}',
  '.*',
  '^.*$',
  '%',
  '(a+)+$',
  '\\',
  'x'.repeat(10 * 1024),
]

// --- ground truth: the manifest's person ids for every record -----------------------------
const dataDir = path.join(
  env.SIGHTLINE_ESTATE_DIR ?? path.join(REPO_ROOT, '.estate'),
  'data',
  env.SIGHTLINE_ESTATE_SCALE ?? 'small',
)
export interface Person {
  personId: string
  email: string
  mobile: string | null
  crmCustomerIds: number[]
  singleviewIds: string[]
}
const present = existsSync(path.join(dataDir, 'people.jsonl'))
export const people: Person[] = present
  ? readFileSync(path.join(dataDir, 'people.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Person)
  : []
/** Record key -> person id, from records/<platform>/<asset>.tsv. */
function owners(file: string): Map<string, string> {
  if (!present) return new Map()
  const text = readFileSync(path.join(dataDir, 'records', file), 'utf8')
  return new Map(
    text
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t') as [string, string]),
  )
}
export const keysOf = (tsv: Map<string, string>, personId: string) =>
  [...tsv]
    .filter(([, p]) => p === personId)
    .map(([k]) => k)
    .sort()
export const customers = owners('postgres/crm.dbo.Customer.tsv')
export const orders = owners('postgres/orders.sales.orders.tsv')
export const singleview = owners('mongodb/singleview.customers.tsv')
export const interactions = owners('mongodb/callcentre.interactions.tsv')
const count = (tsv: Map<string, string>, id: string) => keysOf(tsv, id).length
const emailCount = new Map<string, number>()
for (const p of people) emailCount.set(p.email, (emailCount.get(p.email) ?? 0) + 1)
/** Someone with one crm row, several orders, a call-centre interaction and an unshared email. */
export const person = people.find(
  (p) =>
    p.crmCustomerIds.length === 1 &&
    p.singleviewIds.length === 1 &&
    p.mobile !== null &&
    emailCount.get(p.email) === 1 &&
    count(orders, p.personId) >= 2 &&
    count(interactions, p.personId) >= 1,
)
/** Someone with two crm rows (a duplicate), to prove every row of a person is found. */
export const duplicated = people.find(
  (p) => p.crmCustomerIds.length > 1 && emailCount.get(p.email) === 1,
)

export const q = (over: Partial<LookupQuery> & Pick<LookupQuery, 'assetPath' | 'fieldPath'>) =>
  ({ values: [], match: 'equals', rowCap: 100, timeoutMs: 10_000, ...over }) as LookupQuery
export const keys = (hits: Array<{ recordKey: Record<string, unknown> }>, k: string) =>
  hits.map((h) => String(h.recordKey[k])).sort()
