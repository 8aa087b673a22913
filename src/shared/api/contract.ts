import type { AuditEntry, AuditVerifyResult } from '../model/audit'
import type {
  AssetKind,
  AssetOwnership,
  CatalogAssetView,
  CatalogDiff,
  CatalogSearchHit,
  CatalogTreeNode,
  CrawlSummary,
  OwnersView,
} from '../model/catalog'
import type { JobView } from '../model/jobs'
import type { StoreResidency } from '../model/store-residency'
import type {
  LineageDirection,
  LineageGraph,
  LineageImpact,
  LineageInsight,
  LineagePath,
  LineageSuggestion,
  SingleViewModel,
} from '../model/lineage'
import type {
  CategoryId,
  FieldClassification,
  PersonalDataEntry,
  PersonalDataMap,
  ProcessingAttributes,
  ProcessingRule,
  ReviewDecision,
  ReviewState,
} from '../model/personal-data'
import type {
  ErasurePlan,
  IdentifierKind,
  LookupHistoryEntry,
  LookupIndexStatus,
  LookupInput,
  LookupPlan,
  LookupResult,
} from '../model/lookup'
import type { ConnectionCheck, SourceInput, SourceView } from '../model/sources'

/** Facts about the running app and its workspace. */
export interface AppInfo {
  version: string
  workspace: string
  /** 'desktop' (Electron IPC) or 'serve' (HTTP) */
  mode: 'desktop' | 'serve'
  /** Where typed-in secrets go in this mode. */
  secretStorage: 'keychain' | 'memory'
  /** Present when safeStorage falls back to Linux basic_text: the UI warns loudly. */
  secretStorageWarning?: string
  actor: string
  /** Whether the store is kept in memory (the app and serve keep it; one-shot commands do not). */
  storeResidency: StoreResidency
}

/**
 * The Sightline API: one interface, implemented once in src/main/api, carried by the IPC and
 * HTTP transports (DESIGN.md §2). Every method takes one plain-object argument and returns plain
 * JSON; failures reject with an ApiError `{ code, message, details? }`.
 */
export interface SightlineApi {
  /** App version, workspace folder, mode and actor. */
  getAppInfo(arg: Record<string, never>): Promise<AppInfo>

  /** Every source of the workspace's catalog/sources.yaml, secrets redacted. */
  listSources(arg: Record<string, never>): Promise<SourceView[]>
  /** One source by name; `not-found` if absent. */
  getSource(arg: { name: string }): Promise<SourceView>
  /** Validates, stores the secret per mode, writes sources.yaml. `conflict` if the name exists. */
  addSource(arg: { source: SourceInput }): Promise<SourceView>
  /** Replaces a source (may rename it: `name` is the current name). */
  updateSource(arg: { name: string; source: SourceInput }): Promise<SourceView>
  /** Removes a source and its stored secret. */
  removeSource(arg: { name: string }): Promise<{ removed: string }>
  /**
   * Tests a saved source (`name`) or an unsaved draft (`source`): reachability, auth, server
   * version and latency. Resolves with `ok: false` and a specific error rather than rejecting.
   */
  testSource(arg: { name: string } | { source: SourceInput }): Promise<ConnectionCheck>
  /** Tests every source concurrently as a job; per-source checks arrive as `job.partial`. */
  testAllSources(arg: Record<string, never>): Promise<{ jobId: string }>

  /** Jobs of this session, newest first. */
  listJobs(arg: Record<string, never>): Promise<JobView[]>
  getJob(arg: { id: string }): Promise<JobView>
  /** Cancels a running job (its AbortSignal fires); no-op for finished jobs. */
  cancelJob(arg: { id: string }): Promise<JobView>

  /** Audit entries, newest first. */
  listAudit(arg: { limit?: number; beforeSeq?: number }): Promise<AuditEntry[]>
  /** Recomputes the hash chain; reports the first tampered entry. */
  verifyAudit(arg: Record<string, never>): Promise<AuditVerifyResult>

  /**
   * Crawls the named sources (default: all) concurrently as a job. Each source's progress arrives
   * as a `job.partial` CrawlSourceProgress; the job's result is a CrawlJobResult. A failing source
   * never stops the others, and its last good catalogue stays current.
   */
  startCrawl(arg: { sources?: string[]; sampleSize?: number }): Promise<{ jobId: string }>
  /** Crawls, newest first. */
  listCrawls(arg: { source?: string; limit?: number }): Promise<CrawlSummary[]>
  /** Children of a catalogue tree node; without `parent`, one node per source. */
  catalogTree(arg: { parent?: string }): Promise<CatalogTreeNode[]>
  /** Full-text search over names, paths, descriptions and tags of the current catalogue. */
  searchCatalog(arg: {
    text: string
    limit?: number
    sources?: string[]
    kinds?: AssetKind[]
  }): Promise<CatalogSearchHit[]>
  /** One asset (of the current catalogue, or of a given crawl); `not-found` if absent. */
  getAsset(arg: { urn: string; crawlId?: string }): Promise<CatalogAssetView>
  /**
   * Drift: per source, what changed between two crawls (default: the current one against the one
   * before it; `since` picks the last crawl before that ISO time as `from`).
   */
  diffCatalog(arg: {
    source?: string
    from?: string
    to?: string
    since?: string
  }): Promise<CatalogDiff[]>
  /**
   * The catalogue as JSON (docs/catalog-export.md, versioned) or CSV (one row per field).
   * Raw sampled values only with `rawSamples` (a reason is required and the export is audited).
   */
  exportCatalog(arg: {
    format: 'json' | 'csv'
    sources?: string[]
    rawSamples?: { reason: string }
  }): Promise<{ format: 'json' | 'csv'; content: string; assets: number; fields: number }>
  /**
   * The raw sampled values of one field, from this process's memory (they are never stored).
   * Requires a reason; audited as `reveal`. `not-found` when the samples are no longer in memory.
   */
  revealSample(arg: { fieldUrn: string; reason: string }): Promise<{
    fieldUrn: string
    values: Array<string | number | boolean | null>
    sampledAt: string
  }>
  /** catalog/owners.yaml: teams, domains and the rules that assign them. */
  getOwners(arg: Record<string, never>): Promise<OwnersView>
  /**
   * Sets (or with nulls, clears) the owner team and domain of one asset or URN glob, writing
   * catalog/owners.yaml. Unknown team or domain ids are `bad-input`.
   */
  setOwnership(arg: {
    match: string
    owner?: string | null
    domain?: string | null
  }): Promise<OwnersView>
  /** The ownership that applies to one URN. */
  getOwnership(arg: { urn: string }): Promise<AssetOwnership>

  /**
   * The personal-data map (issue 5): every classified field of the current catalogue with its
   * effective category, confidence, review state, evidence summary and processing attributes,
   * filtered; the summary always covers the whole map.
   */
  getPersonalDataMap(arg: {
    categories?: CategoryId[]
    sources?: string[]
    reviewStates?: ReviewState[]
    minConfidence?: number
    /** Include fields with only near misses / no label (for "not personal" review). Default false. */
    includeUnlabelled?: boolean
  }): Promise<PersonalDataMap>
  /** One field's classification with all evidence and near misses, its decision and processing. */
  getFieldClassification(arg: { urn: string }): Promise<{
    urn: string
    classification?: FieldClassification
    decision?: ReviewDecision
    entry?: PersonalDataEntry
  }>
  /**
   * Records a review decision in catalog/classifications.yaml (audited `review`). `changed` needs
   * `category`; `confirmed`/`rejected` default to the field's best suggestion.
   */
  reviewField(arg: {
    urn: string
    decision: 'confirmed' | 'rejected' | 'changed'
    category?: CategoryId
    reason?: string
  }): Promise<PersonalDataEntry>
  /** Removes a field's decision (undo), back to the suggestion. Audited `review`. */
  clearReview(arg: { urn: string }): Promise<PersonalDataEntry | { urn: string; cleared: true }>
  /** catalog/processing.yaml: the Article 30 rules. */
  getProcessing(arg: Record<string, never>): Promise<ProcessingRule[]>
  /** Sets (or with `attributes: null`, removes) the rule for one match (URN, glob or `category:<id>`). */
  setProcessing(arg: {
    match: string
    attributes: ProcessingAttributes | null
  }): Promise<ProcessingRule[]>
  /**
   * The personal-data report: JSON (docs/personal-data.md, versioned), CSV or printable HTML.
   * Holds no raw values (masked examples only); recorded in the audit log as an export.
   */
  exportPersonalData(arg: {
    format: 'json' | 'csv' | 'html'
    reason?: string
  }): Promise<{ format: 'json' | 'csv' | 'html'; content: string; entries: number }>

  /**
   * Lineage around one asset or field (issue 6): upstream, downstream or both to `depth` hops
   * (default 1), at asset or field level (default: the URN's own level). Fan-outs wider than
   * `maxFanOut` (default 25) are collapsed and reported in `collapsed`; nodes with more beyond the
   * depth are listed in `frontier` so the UI can expand them. `not-found` for an unknown URN.
   */
  getLineage(arg: {
    urn: string
    direction?: LineageDirection
    depth?: number
    level?: 'asset' | 'field'
    maxFanOut?: number
  }): Promise<LineageGraph>
  /** The whole estate at asset level (tables, topics, collections, connectors, the model). */
  getLineageOverview(arg: { sources?: string[] }): Promise<LineageGraph>
  /** The paths between two fields or assets (shortest first, at most `maxPaths`, default 5). */
  getLineagePath(arg: { from: string; to: string; maxPaths?: number }): Promise<LineagePath>
  /** Everything downstream of a field or asset, grouped by owner team, category and platform. */
  getLineageImpact(arg: { urn: string }): Promise<LineageImpact>
  /** Inferred lineage suggestions from sampled value sketches, best first. */
  listLineageSuggestions(arg: {
    status?: Array<LineageSuggestion['status']>
    minScore?: number
  }): Promise<LineageSuggestion[]>
  /**
   * "Find suggestions": profiles the named sources (default: all) for lineage inference. A crawl
   * job (progress and cancel as any crawl's) whose sample is larger than the everyday crawl's
   * (`sampleSize`, default 3000, returned), so that value sketches read small assets whole; the
   * sketches it keeps are not replaced by later, shallower crawls (docs/lineage.md).
   */
  findLineageSuggestions(arg: {
    sources?: string[]
    sampleSize?: number
  }): Promise<{ jobId: string; sampleSize: number }>
  /**
   * Accepts (written to catalog/lineage/accepted.yaml), rejects (remembered) or, with `open`,
   * undoes a decision on a suggestion. Audited.
   */
  decideLineageSuggestion(arg: {
    id: string
    decision: 'accepted' | 'rejected' | 'open'
    reason?: string
  }): Promise<LineageSuggestion>
  /** Estate insights: uncaptured CDC tables, personal-data flows, unconsumed topics, failed connectors. */
  getLineageInsights(arg: Record<string, never>): Promise<LineageInsight[]>
  /** The single-view model(s) of catalog/model/. */
  getSingleViewModel(arg: Record<string, never>): Promise<SingleViewModel[]>
  /**
   * Lineage as JSON (docs/lineage.md, versioned) or OpenLineage-compatible JSON (datasets with
   * the columnLineage facet); the whole estate, or the neighbourhood of `urn`.
   */
  exportLineage(arg: {
    format: 'json' | 'openlineage'
    urn?: string
    direction?: LineageDirection
    depth?: number
  }): Promise<{ format: 'json' | 'openlineage'; content: string; edges: number }>

  /**
   * What an identifier looks like (issue 7 item 1): the most likely kind, alternatives, and the
   * masked canonical form; `bad-input` with a specific reason for identifiers too broad to be safe.
   */
  recogniseIdentifier(arg: { value: string }): Promise<{
    kind: IdentifierKind
    strength: 'strong' | 'weak'
    masked: string
    reason: string
    confidence: number
    alternatives: Array<{ kind: IdentifierKind; confidence: number }>
    ambiguous: boolean
  }>
  /** The dry run: which stores would be asked, by which field and index, and what cannot be. */
  planLookup(arg: {
    input: LookupInput
    depth?: number
    scans?: 'skip' | 'warn' | 'allow'
    sources?: string[]
  }): Promise<LookupPlan>
  /**
   * Looks a customer up across every store as a job (audited with the reason). Each source's
   * SourceLookupStatus and records arrive as `job.partial`; the result is a LookupResult.
   */
  startLookup(arg: {
    input: LookupInput
    reason: string
    depth?: number
    scans?: 'skip' | 'warn' | 'allow'
    sources?: string[]
    timeoutMs?: number
  }): Promise<{ jobId: string; lookupId: string }>
  /** A finished lookup of this process (results are kept in memory only). */
  getLookup(arg: { lookupId: string }): Promise<LookupResult>
  /** The raw value of one record field of a lookup; reason required, audited as `reveal`. */
  revealLookupValue(arg: {
    lookupId: string
    recordId: string
    path: string
    reason: string
  }): Promise<{ value: string | number | boolean | null }>
  /** Lookups, newest first, from the audit log (identifiers as HMACs). */
  listLookupHistory(arg: { limit?: number }): Promise<LookupHistoryEntry[]>
  /**
   * Subject access (Article 15): every personal datum found, by category and source, with the
   * record-of-processing attributes, as JSON or printable HTML. Reason required; audited.
   */
  exportSubjectAccess(arg: {
    lookupId: string
    format: 'json' | 'html'
    reason: string
  }): Promise<{ format: 'json' | 'html'; content: string; records: number }>
  /** Erasure (Article 17) as a plan, never executed: what holds the person and what re-creates it. */
  getErasurePlan(arg: { lookupId: string; reason: string }): Promise<ErasurePlan>
  /**
   * Sightline's Kafka lookup index, per Kafka source (or the named one): kept current or not,
   * build progress, and freshness per topic and partition (lag in messages, age).
   */
  getLookupIndexStatus(arg: { source?: string }): Promise<LookupIndexStatus[]>
  /**
   * `start`/`stop` keeping the index current (a consumer that polls; nothing is written to
   * Kafka); `build` catches up once, `rebuild` drops the index and builds it again: both as a job.
   */
  controlLookupIndex(arg: {
    action: 'start' | 'stop' | 'build' | 'rebuild'
    source?: string
  }): Promise<{ jobId?: string; status: LookupIndexStatus[] }>
}

export type ApiMethod = keyof SightlineApi
export type ApiArg<M extends ApiMethod> = Parameters<SightlineApi[M]>[0]
export type ApiResult<M extends ApiMethod> = Awaited<ReturnType<SightlineApi[M]>>

/**
 * Every method, listed once. The compiler checks this list against the interface in both
 * directions, so transports that allowlist methods from it can never drift.
 */
export const API_METHODS = [
  'getAppInfo',
  'listSources',
  'getSource',
  'addSource',
  'updateSource',
  'removeSource',
  'testSource',
  'testAllSources',
  'listJobs',
  'getJob',
  'cancelJob',
  'listAudit',
  'verifyAudit',
  'startCrawl',
  'listCrawls',
  'catalogTree',
  'searchCatalog',
  'getAsset',
  'diffCatalog',
  'exportCatalog',
  'revealSample',
  'getOwners',
  'setOwnership',
  'getOwnership',
  'getPersonalDataMap',
  'getFieldClassification',
  'reviewField',
  'clearReview',
  'getProcessing',
  'setProcessing',
  'exportPersonalData',
  'getLineage',
  'getLineageOverview',
  'getLineagePath',
  'getLineageImpact',
  'listLineageSuggestions',
  'findLineageSuggestions',
  'decideLineageSuggestion',
  'getLineageInsights',
  'getSingleViewModel',
  'exportLineage',
  'recogniseIdentifier',
  'planLookup',
  'startLookup',
  'getLookup',
  'revealLookupValue',
  'listLookupHistory',
  'exportSubjectAccess',
  'getErasurePlan',
  'getLookupIndexStatus',
  'controlLookupIndex',
] as const satisfies readonly ApiMethod[]

type MissingFromList = Exclude<ApiMethod, (typeof API_METHODS)[number]>
// If this line fails to compile, a method of SightlineApi is missing from API_METHODS.
const everyMethodListed: [MissingFromList] extends [never] ? true : MissingFromList = true
void everyMethodListed

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && (API_METHODS as readonly string[]).includes(name)
}

/**
 * What a transport gives the renderer (and tests): call any allowlisted method, and listen to
 * pushed events. The IPC bridge and the HTTP client both implement it; the UI cannot tell.
 */
export interface ApiTransport {
  invoke<M extends ApiMethod>(method: M, arg: ApiArg<M>): Promise<ApiResult<M>>
  /** Returns an unsubscribe function. */
  subscribe(listener: (event: import('../model/jobs').ApiEvent) => void): () => void
}
