import type { ApiErrorShape } from '../../../shared/api'
import type { JsonValue } from '../../../shared/model/catalog'
import type { JobState } from '../../../shared/model/jobs'
import type {
  IdentifierKind,
  LinkedPerson,
  LookupInput,
  LookupPerson,
  LookupPlan,
  LookupRecord,
  LookupResult,
  Provenance,
  SourceLookupStatus,
} from '../../../shared/model/lookup'
import type { SourceKind } from '../../../shared/model/sources'
import { parseUrn } from '../../../shared/urn'

/** A reason must say something: the audit log keeps it next to every lookup, reveal and export. */
export const MIN_REASON_LENGTH = 10

export function reasonProblem(reason: string): string | undefined {
  return reason.trim().length < MIN_REASON_LENGTH
    ? `Give a reason of at least ${MIN_REASON_LENGTH} characters`
    : undefined
}

export const KIND_LABELS: Record<IdentifierKind, string> = {
  email: 'Email',
  phone: 'Phone',
  postcode: 'Postcode',
  'customer-number': 'Customer number',
  'loyalty-number': 'Loyalty number',
  'card-token': 'Card token',
  'card-last4-expiry': 'Card last four + expiry',
  'bank-account': 'Sort code + account',
  'ip-address': 'IP address',
  'device-id': 'Device id',
  'name-postcode': 'Name + postcode',
  'name-dob': 'Name + date of birth',
  'postal-address': 'Address + postcode',
}

export const PLATFORM_LABELS: Record<SourceKind, string> = {
  sqlserver: 'SQL Server',
  postgres: 'PostgreSQL',
  kafka: 'Kafka',
  'kafka-connect': 'Kafka Connect',
  'schema-registry': 'Schema registry',
  mongodb: 'MongoDB',
}

/**
 * What the search box says when the identifier cannot be looked up. Refusals (`bad-input`, with
 * `details.reason`) come with a specific sentence that never repeats the input; anything else
 * means recognition itself failed.
 */
export function refusalMessage(error: ApiErrorShape): string {
  if (error.code === 'bad-input') return error.message
  return `The identifier could not be recognised: ${error.message}`
}

/** The input sent to the API: the kind only when the user picked one among readings. */
export function lookupInput(text: string, kind: IdentifierKind | undefined): LookupInput {
  return kind ? { value: text.trim(), kind } : { value: text.trim() }
}

export type SourceLineState = SourceLookupStatus['state']

export const STATE_LABELS: Record<SourceLineState, string> = {
  queued: 'Queued',
  running: 'Asking',
  answered: 'Answered',
  unavailable: 'Unavailable',
  timeout: 'Timed out',
  cancelled: 'Cancelled',
  skipped: 'Skipped',
}

export const STATE_COLORS: Record<SourceLineState, string> = {
  queued: 'gray',
  running: 'indigo',
  answered: 'teal',
  unavailable: 'red',
  timeout: 'orange',
  cancelled: 'gray',
  skipped: 'gray',
}

/**
 * One line per source: the plan's sources start queued, events move them on, and the final
 * result (which cannot be missed, unlike events) wins. A job that ended leaves no source running.
 */
export function sourceLines(
  plan: LookupPlan | undefined,
  statuses: Readonly<Record<string, SourceLookupStatus>> | undefined,
  result: LookupResult | undefined,
  jobState: JobState | undefined,
): SourceLookupStatus[] {
  const lines = new Map<string, SourceLookupStatus>()
  for (const step of (result?.plan ?? plan)?.steps ?? []) {
    if (!lines.has(step.source)) {
      lines.set(step.source, {
        source: step.source,
        platform: step.platform,
        state: step.access === 'unreachable' ? 'skipped' : 'queued',
        records: 0,
      })
    }
  }
  for (const status of Object.values(statuses ?? {})) lines.set(status.source, status)
  for (const status of result?.sources ?? []) lines.set(status.source, status)
  if (jobState && jobState !== 'queued' && jobState !== 'running') {
    for (const [source, line] of lines) {
      if (line.state === 'queued' || line.state === 'running') {
        lines.set(source, { ...line, state: jobState === 'succeeded' ? 'answered' : 'cancelled' })
      }
    }
  }
  return [...lines.values()].sort((a, b) => a.source.localeCompare(b.source))
}

/** "3 of 4 sources answered, 1 unavailable" */
export function sourceTally(lines: readonly SourceLookupStatus[]): string {
  const count = (state: SourceLineState) => lines.filter((line) => line.state === state).length
  let text = `${count('answered')} of ${lines.length} sources answered`
  for (const state of ['unavailable', 'timeout', 'cancelled', 'skipped'] as const) {
    const n = count(state)
    if (n) text += `, ${n} ${STATE_LABELS[state].toLowerCase()}`
  }
  return text
}

/** Related-record groups in the order an analyst reads them; unknown groups come last. */
export const GROUP_ORDER = [
  'profile',
  'orders',
  'deliveries',
  'payments',
  'fraud',
  'interactions',
  'events',
] as const

export const GROUP_LABELS: Record<string, string> = {
  profile: 'Profile',
  orders: 'Orders',
  deliveries: 'Deliveries',
  payments: 'Payments',
  fraud: 'Fraud cases',
  interactions: 'Interactions',
  events: 'Events',
}

export function groupLabel(group: string): string {
  return GROUP_LABELS[group] ?? group.charAt(0).toUpperCase() + group.slice(1)
}

function groupRank(group: string): number {
  const index = (GROUP_ORDER as readonly string[]).indexOf(group)
  return index === -1 ? GROUP_ORDER.length : index
}

export interface RecordGroup {
  group: string
  label: string
  records: LookupRecord[]
}

/**
 * A person's records by group: the person's own groups when the merger gave them, else the
 * records' `group`. Records the person does not list are left out (they belong to another).
 */
export function groupRecords(
  records: readonly LookupRecord[],
  person?: Pick<LookupPerson, 'groups'>,
): RecordGroup[] {
  const byId = new Map(records.map((record) => [record.id, record]))
  const groups = new Map<string, LookupRecord[]>()
  if (person && person.groups.length > 0) {
    for (const { group, records: ids } of person.groups) {
      const found = ids.map((id) => byId.get(id)).filter((r): r is LookupRecord => !!r)
      if (found.length > 0) groups.set(group, [...(groups.get(group) ?? []), ...found])
    }
  } else {
    for (const record of records)
      groups.set(record.group, [...(groups.get(record.group) ?? []), record])
  }
  return [...groups.entries()]
    .map(([group, list]) => ({ group, label: groupLabel(group), records: list }))
    .sort((a, b) => groupRank(a.group) - groupRank(b.group) || a.group.localeCompare(b.group))
}

function formatJson(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** `CustomerId 42`, `_id C00000042`, `partition 3 · offset 1207` (topic named by the asset). */
export function formatRecordKey(key: Readonly<Record<string, JsonValue>>): string {
  if ('offset' in key && ('partition' in key || 'topic' in key)) {
    const parts: string[] = []
    if (key.partition !== undefined) parts.push(`partition ${formatJson(key.partition)}`)
    parts.push(`offset ${formatJson(key.offset!)}`)
    return parts.join(' · ')
  }
  return Object.entries(key)
    .map(([name, value]) => `${name} ${formatJson(value)}`)
    .join(', ')
}

/** `crm.dbo.Customer › Email` from a field URN; the URN itself when it does not parse. */
export function fieldLabel(fieldUrn: string): string {
  try {
    const parsed = parseUrn(fieldUrn)
    const asset = parsed.path.join('.')
    return parsed.field ? `${asset} › ${parsed.field}` : asset
  } catch {
    return fieldUrn
  }
}

/** The field path inside its record (`contact.email`), for a reveal. */
export function fieldPathOf(fieldUrn: string): string | undefined {
  try {
    return parseUrn(fieldUrn).field
  } catch {
    return undefined
  }
}

function sameKey(a: Readonly<Record<string, JsonValue>>, b: Readonly<Record<string, JsonValue>>) {
  const keys = Object.keys(a)
  return (
    keys.length === Object.keys(b).length &&
    keys.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]))
  )
}

/** The record a merged value came from, and the value's path in it: what a reveal names. */
export function revealTarget(
  provenance: Provenance,
  records: readonly LookupRecord[],
): { recordId: string; path: string } | undefined {
  const record = records.find(
    (r) => r.assetUrn === provenance.assetUrn && sameKey(r.recordKey, provenance.recordKey),
  )
  const path = fieldPathOf(provenance.fieldUrn)
  if (!record || !path) return undefined
  return { recordId: record.id, path }
}

/** The label a person goes by on screen: a name if the card has one, else a strong identifier. */
export function personTitle(person: LookupPerson, index: number): string {
  const name = person.fields.find(
    (field) => field.category === 'person.name' && field.values.length > 0,
  )
  if (name) return name.values[0]!.value
  const strong = person.strongIdentifiers[0]
  return strong ? `${KIND_LABELS[strong.kind]} ${strong.masked}` : `Person ${index + 1}`
}

/** Distinct sources and platforms of a person's records: "PostgreSQL, Kafka, MongoDB". */
export function platformsOf(records: readonly LookupRecord[]): SourceKind[] {
  return [...new Set(records.map((record) => record.platform))]
}

/** `lookup-<id>-subject-access.json` */
export function exportFileName(lookupId: string, what: string, format: 'json' | 'html'): string {
  const safe = lookupId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 24) || 'lookup'
  return `sightline-${what}-${safe}.${format}`
}

/** "12 ms", "1.3 s" */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return ''
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

/** "1.2 kB" */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return ''
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/**
 * Who shares an identifier with whom. A weak identifier typed in (a household phone) can find
 * several people directly: they are listed as sharing it, side by side, never merged; people
 * reached through a pivot who share a weak identifier come from the merger's `linked`.
 */
export function sharingPeople(
  result: Pick<LookupResult, 'plan' | 'people' | 'linked'>,
): LinkedPerson[] {
  const direct =
    result.plan.identifier.strength === 'weak' && result.people.length > 1
      ? result.people.map((person) => ({
          person,
          sharedVia: [
            {
              kind: result.plan.identifier.kind,
              fieldUrn: '',
              masked: result.plan.identifier.masked,
            },
          ],
        }))
      : []
  return [...direct, ...result.linked]
}
