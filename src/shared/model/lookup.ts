import type { ApiErrorShape } from '../api/errors'
import type { JsonValue } from './catalog'
import type { CategoryId } from './personal-data'
import type { SourceKind } from './sources'
import type { TransformSpec } from './lineage'

/**
 * The live customer lookup (issue 7) as the API, the CLI and the UI see it. Plain JSON only.
 * Values are MASKED everywhere here; raw values stay in main's memory, keyed by lookup id, and
 * leave it only through an audited reveal or export (DESIGN.md §3, §8).
 */

export type IdentifierKind =
  | 'email'
  | 'phone'
  | 'postcode'
  | 'customer-number'
  | 'loyalty-number'
  | 'card-token'
  | 'card-last4-expiry'
  | 'bank-account'
  | 'ip-address'
  | 'device-id'
  | 'name-postcode'
  | 'name-dob'
  | 'postal-address'

/** What the user typed, optionally with the kind they chose. Compound kinds take `parts`. */
export interface LookupInput {
  value: string
  kind?: IdentifierKind
  /**
   * For compound kinds: `{ name, postcode }`, `{ name, dob }`, `{ last4, expiry }`,
   * `{ sortCode, account }`, `{ line, postcode }` (postal address).
   */
  parts?: Record<string, string>
}

/** How a step reaches its records. */
export type StepAccess =
  | 'primary-key' // the field is (the first column of) the primary key / `_id`
  | 'index' // an index leads with the field
  | 'partition' // a Kafka topic keyed by the identifier: one partition read
  | 'lookup-index' // Sightline's own index of a topic's identifiers
  | 'scan' // no index, no pushdown: a bounded scan, only when the user allows it
  | 'unreachable' // cannot be asked (no identifier field, no pushdown and scans refused...)

/** How the step's value is compared: exact, or a match mode from a transform's inverse. */
export type StepMatch = 'equals' | 'case-insensitive' | 'trimmed' | 'digits-only' | 'sha256-of'

export interface LookupPlanStep {
  id: string
  source: string
  platform: SourceKind
  assetUrn: string
  fieldUrn: string
  access: StepAccess
  /** Index name for `index` / `primary-key`; topic partition for `partition`. */
  index?: string
  partition?: number
  match: StepMatch
  /**
   * Where the step's value comes from: the typed identifier, or a pivot on a value found by
   * `from` (another step's field), carried through `transform`'s apply or invert.
   */
  input:
    | { kind: 'identifier'; identifierKind: IdentifierKind }
    | {
        kind: 'pivot'
        fromStep: string
        fromField: string
        transform?: TransformSpec
        inverted: boolean
        /**
         * A category pivot (no lineage between the fields): the found value is read as an
         * identifier of this kind and asked in its canonical form and every form the catalogue
         * knows (`42` and `C00000042`), as a typed identifier would be.
         */
        as?: IdentifierKind
      }
  /** Why this step exists, in words: "crm CustomerId -> singleview _id by the builder's prefix-pad". */
  reason: string
  /** Strong identifiers merge people; weak ones link them (issue 7 item 2). */
  strength: 'strong' | 'weak'
  /** For `scan` and `unreachable`: why, and what the user may choose. */
  warning?: string
}

export interface LookupPlan {
  identifier: {
    kind: IdentifierKind
    strength: 'strong' | 'weak'
    /** Masked canonical form: `j•••@e••••••.co.uk`. */
    masked: string
    /** How it was recognised. */
    reason: string
  }
  steps: LookupPlanStep[]
  /** Assets holding personal data that cannot be asked, with the reason. */
  unreachable: Array<{ assetUrn: string; reason: string }>
  warnings: string[]
  /** How deep pivots go (default 2). */
  depth: number
  /** What to do without an index or pushdown. */
  scans: 'skip' | 'warn' | 'allow'
}

/** Where one value came from. */
export interface Provenance {
  source: string
  platform: SourceKind
  assetUrn: string
  fieldUrn: string
  /** Row key: primary-key values, `_id`, or `{ topic, partition, offset }`. */
  recordKey: Record<string, JsonValue>
  /** Commit/event/update time where the store has one (ISO). */
  timestamp?: string
  stepId: string
}

/** One record (row, document or message) found for the person. */
export interface LookupRecord {
  id: string
  source: string
  platform: SourceKind
  assetUrn: string
  /** Display: `crm.dbo.Customer`, `orders.sales.deliveries`. */
  assetLabel: string
  recordKey: Record<string, JsonValue>
  timestamp?: string
  /** Field path -> masked value. */
  values: Record<string, string | null>
  /** Field path -> personal-data category of that field. */
  categories: Record<string, CategoryId>
  matchedBy: { stepId: string; fieldUrn: string; strength: 'strong' | 'weak' }
  /** Related-record group: orders, deliveries, payments, fraud, interactions, events, profile. */
  group: string
}

export interface MergedValue {
  /** Masked value. */
  value: string
  provenance: Provenance[]
}

/** One attribute of the merged person: model path (`contact.email`) or a field label. */
export interface MergedField {
  path: string
  label: string
  category?: CategoryId
  values: MergedValue[]
  /** More than one distinct (normalised) value across stores: shown highlighted. */
  conflict: boolean
}

export interface LookupPerson {
  id: string
  /** Strong identifiers that tie the records together (masked). */
  strongIdentifiers: Array<{ kind: IdentifierKind; masked: string }>
  fields: MergedField[]
  /** Record ids, grouped for the UI. */
  groups: Array<{ group: string; records: string[] }>
}

/** Someone else sharing a weak identifier: shown, never merged. */
export interface LinkedPerson {
  person: LookupPerson
  sharedVia: Array<{ kind: IdentifierKind; fieldUrn: string; masked: string }>
}

export interface SourceLookupStatus {
  source: string
  platform: SourceKind
  state: 'queued' | 'running' | 'answered' | 'unavailable' | 'timeout' | 'cancelled' | 'skipped'
  records: number
  durationMs?: number
  /** For Kafka: bytes fetched (a keyed lookup reads one partition). */
  bytesFetched?: number
  /** True when a row cap cut one of the source's answers short. */
  capped?: boolean
  error?: ApiErrorShape
  /**
   * Kafka, lookup-index steps: messages of the asked topics not indexed yet when the lookup ran
   * (what they hold cannot be found through the index).
   */
  indexLag?: number
  /** Kafka: offsets the index named that the topic no longer holds (compaction, retention). */
  staleOffsets?: number
  /** In words, what the user should know about this source's answer ("the index is 12 behind"). */
  note?: string
}

/**
 * How one plan step ran (issue 7, speed): what a profile of a lookup reads (bench/lookup/
 * speed-profile.ts), in plan order of completion.
 */
export interface LookupStepRun {
  stepId: string
  /** `reused`: an earlier step of this lookup asked the same field with the same values. */
  state: 'answered' | 'reused' | 'no-values' | 'failed' | 'skipped'
  /** Wall time from the step's start to its answer (waiting for a connection included). */
  ms?: number
  /** When the step started, in ms from the start of the plan's run: with `ms`, the lookup's waterfall. */
  startMs?: number
  /** Values asked of the source (after those already asked were taken out). */
  values: number
  /** Values not asked again: an earlier step asked the same source, asset and field with them. */
  reusedValues?: number
  records: number
  bytesFetched?: number
  /** What the step did not read, in words ("no lookup index: newest 5000 messages only"). */
  note?: string
}

export interface LookupResult {
  lookupId: string
  plan: LookupPlan
  /** Per step: time, values, records (absent from lookups kept before it existed). */
  steps?: LookupStepRun[]
  /** The person (or people, for ambiguous weak lookups) found. */
  people: LookupPerson[]
  linked: LinkedPerson[]
  records: LookupRecord[]
  sources: SourceLookupStatus[]
  /** Name-based lookups: ranked candidates instead of one person. */
  candidates?: Array<{ personId: string; score: number; why: string }>
  /**
   * Set when the typed strong identifier turned out to be held by people the merge cannot tie (a
   * household's shared email: two customer numbers of one numbering): it acted as a weak one, the
   * people holding it are listed side by side in `people`, none merged into another.
   */
  identifierShared?: { people: number; reason: string }
  startedAt: string
  durationMs: number
  /**
   * Wall time of the lookup's phases, in ms: planning (before the job started), asking the
   * stores (the plan's run: every step) and merging what they answered. Absent from lookups kept
   * before it existed.
   */
  phases?: { planMs: number; askMs: number; mergeMs: number }
}

/** An entry of the lookup history (from the audit log). */
export interface LookupHistoryEntry {
  lookupId: string
  at: string
  actor: string
  kind: IdentifierKind
  /** HMAC of the canonical identifier: never the identifier. */
  identifierHmac: string
  reason: string
  sourcesAnswered: string[]
  records: number
}

/** Erasure (Article 17) as a plan, never executed. */
export interface ErasurePlan {
  lookupId: string
  actions: Array<{
    source: string
    platform: SourceKind
    assetUrn: string
    recordKey: Record<string, JsonValue>
    action: 'delete-row' | 'delete-document' | 'tombstone'
    /** Connectors and processes that would re-create the record, from lineage. */
    recreatedBy: string[]
    note?: string
  }>
  warnings: string[]
}

/**
 * A lookup job's `job.partial` event: a source's status as it changes, or the records one step
 * answered (masked, not yet merged). The job's result is the merged LookupResult.
 */
export type LookupJobPartial =
  | { lookupId: string; kind: 'status'; status: SourceLookupStatus }
  | { lookupId: string; kind: 'records'; source: string; records: LookupRecord[] }

/**
 * How current Sightline's lookup index of a Kafka source is (issue 7 item 4): per partition, the
 * next offset indexed against the high watermark, and when a catch-up last reached it. The UI
 * shows it beside Kafka results: what the index does not cover yet cannot be found through it.
 */
export interface LookupIndexFreshness {
  source: string
  /** ISO time of this answer. */
  checkedAt: string
  /** False when the broker could not be asked: high watermarks are the last ones stored. */
  live: boolean
  /** Index entries stored for the source. */
  entries: number
  /** The most recent catch-up that reached the high watermark, any partition (ISO). */
  lastCatchUpAt?: string
  topics: Array<{
    topic: string
    /** Messages not indexed yet, over every partition. */
    lag: number
    partitions: Array<{
      partition: number
      /** Every message before this offset is indexed. */
      indexedOffset: number
      highWatermark: number
      /** The earliest offset the partition still holds (when Kafka answered). */
      lowWatermark?: number
      lag: number
      caughtUpAt?: string
    }>
  }>
}

/**
 * The lookup index of one Kafka source as the app keeps it (issue 7 item 4): whether it is kept
 * current, how far a build has got, and how fresh it is.
 */
export interface LookupIndexStatus {
  source: string
  /**
   * `stopped`: not kept current; `building`: a catch-up is indexing what is not indexed yet;
   * `current`: nothing left to index at the last check; `behind`: messages arrived since the last
   * catch-up (the next poll indexes them); `failed`: the last catch-up failed (retried at the
   * next poll); `no-fields`: the catalogue classifies no identifier field in the source's topics.
   */
  state: 'stopped' | 'building' | 'current' | 'behind' | 'failed' | 'no-fields'
  /** True while the index is kept current (polling). */
  running: boolean
  /** Share of the retained messages of the indexed topics that is indexed, 0..1. */
  progress: number
  /** Identifier fields indexed (topic and path). */
  fields: number
  /** Milliseconds since a catch-up last reached the high watermark; absent if never. */
  ageMs?: number
  freshness?: LookupIndexFreshness
  error?: ApiErrorShape
}
