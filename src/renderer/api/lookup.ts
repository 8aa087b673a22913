import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query'
import type {
  LookupInput,
  LookupRecord,
  LookupResult,
  SourceLookupStatus,
} from '../../shared/model/lookup'
import { useApi } from './api-context'
import { isJobFinished, useJob } from './jobs'
import { queryKeys } from './query-keys'

/** How the plan and the lookup treat stores that have no index or pushdown for a field. */
export type ScanChoice = 'skip' | 'warn' | 'allow'

const LOOKUP_STATES = new Set<SourceLookupStatus['state']>([
  'queued',
  'running',
  'answered',
  'unavailable',
  'timeout',
  'cancelled',
  'skipped',
])

function isSourceStatus(value: unknown): value is SourceLookupStatus {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    typeof v.source === 'string' &&
    typeof v.platform === 'string' &&
    typeof v.state === 'string' &&
    LOOKUP_STATES.has(v.state as SourceLookupStatus['state']) &&
    typeof v.records === 'number'
  )
}

function isLookupRecord(value: unknown): value is LookupRecord {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    typeof v.id === 'string' &&
    typeof v.assetUrn === 'string' &&
    typeof v.values === 'object' &&
    v.values !== null
  )
}

/** What one lookup `job.partial` event carries: a source's status, masked records, or both. */
export interface LookupPartial {
  status?: SourceLookupStatus
  records: LookupRecord[]
}

/**
 * A lookup job's partial event: a bare SourceLookupStatus, or `{ status?, records? }` (records
 * masked). Anything else (a crawl's progress, a check) is undefined.
 */
export function parseLookupPartial(partial: unknown): LookupPartial | undefined {
  if (isSourceStatus(partial)) return { status: partial, records: [] }
  if (typeof partial !== 'object' || partial === null) return undefined
  const p = partial as Record<string, unknown>
  const status = isSourceStatus(p.status) ? p.status : undefined
  const records = Array.isArray(p.records) ? p.records.filter(isLookupRecord) : []
  if (!status && records.length === 0) return undefined
  return { status, records }
}

/** Statuses by source and records by id, as a lookup job's events arrive. */
export interface LookupProgress {
  statuses: Record<string, SourceLookupStatus>
  records: Record<string, LookupRecord>
}

const EMPTY_PROGRESS: LookupProgress = { statuses: {}, records: {} }

export function foldLookupPartial(
  previous: LookupProgress | undefined,
  partial: LookupPartial,
): LookupProgress {
  const base = previous ?? EMPTY_PROGRESS
  const statuses = partial.status
    ? { ...base.statuses, [partial.status.source]: partial.status }
    : base.statuses
  if (partial.records.length === 0) return { statuses, records: base.records }
  const records = { ...base.records }
  for (const record of partial.records) records[record.id] = record
  return { statuses, records }
}

/** Called by useEventSync for every `job.partial` a lookup job sends. */
export function rememberLookupProgress(
  client: QueryClient,
  jobId: string,
  partial: LookupPartial,
): void {
  client.setQueryData<LookupProgress>(queryKeys.lookupProgress(jobId), (previous) =>
    foldLookupPartial(previous, partial),
  )
}

/** Per-source progress of one lookup job (see useEventSync). */
export function useLookupProgress(jobId: string | undefined) {
  return useQuery<LookupProgress>({
    queryKey: queryKeys.lookupProgress(jobId ?? ''),
    queryFn: () => EMPTY_PROGRESS,
    enabled: jobId !== undefined,
    staleTime: Infinity,
    gcTime: Infinity,
  })
}

/**
 * What the typed identifier looks like, asked as the user types (debounced by the caller). A
 * refusal is an error with `details.reason`; the previous answer stays while the next loads.
 */
export function useRecogniseIdentifier(value: string) {
  const api = useApi()
  return useQuery({
    queryKey: queryKeys.lookupRecognise(value),
    queryFn: () => api.recogniseIdentifier({ value }),
    enabled: value.trim().length > 0,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  })
}

/** The dry run: asked on demand only (`enabled`), for the input as it stands. */
export function useLookupPlan(input: LookupInput | undefined, scans: ScanChoice) {
  const api = useApi()
  return useQuery({
    queryKey: queryKeys.lookupPlan(JSON.stringify(input ?? null), scans),
    queryFn: () => api.planLookup({ input: input!, scans }),
    enabled: input !== undefined,
  })
}

export interface StartLookupArg {
  input: LookupInput
  reason: string
  scans: ScanChoice
}

/** Starts a lookup job; the audit log records it, so the history is refreshed. */
export function useStartLookup() {
  const api = useApi()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (arg: StartLookupArg) => api.startLookup(arg),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.lookupHistory }),
  })
}

/**
 * A lookup's result: the job's own result when the job is known and has finished, else (a
 * lookup from the history, a reload) `getLookup` while main still holds it.
 */
export function useLookupResult(jobId: string | undefined, lookupId: string | undefined) {
  const api = useApi()
  const job = useJob(jobId)
  const finished = jobId === undefined || isJobFinished(job.data)
  const fromJob =
    job.data?.state === 'succeeded' && isLookupResult(job.data.result) ? job.data.result : undefined
  const fetched = useQuery({
    queryKey: queryKeys.lookupResult(lookupId ?? ''),
    queryFn: () => api.getLookup({ lookupId: lookupId! }),
    enabled:
      lookupId !== undefined &&
      finished &&
      fromJob === undefined &&
      job.data?.state !== 'failed' &&
      job.data?.state !== 'cancelled',
  })
  return { job, result: fromJob ?? fetched.data, error: fetched.error, finished }
}

function isLookupResult(value: unknown): value is LookupResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as LookupResult).lookupId === 'string' &&
    Array.isArray((value as LookupResult).records)
  )
}

export interface RevealArg {
  lookupId: string
  recordId: string
  path: string
  reason: string
}

/** One raw value, with a reason; audited as `reveal`. The value is kept by the caller only. */
export function useRevealLookupValue() {
  const api = useApi()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (arg: RevealArg) => api.revealLookupValue(arg),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.audit }),
  })
}

export function useLookupHistory(limit = 50) {
  const api = useApi()
  return useQuery({
    queryKey: [...queryKeys.lookupHistory, limit] as const,
    queryFn: () => api.listLookupHistory({ limit }),
  })
}

/** Subject access report (Article 15) as JSON or HTML, for a download; audited as an export. */
export function useExportSubjectAccess() {
  const api = useApi()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (arg: { lookupId: string; format: 'json' | 'html'; reason: string }) =>
      api.exportSubjectAccess(arg),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.audit }),
  })
}

/** Erasure (Article 17) as a plan, never executed; audited. */
export function useErasurePlan() {
  const api = useApi()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (arg: { lookupId: string; reason: string }) => api.getErasurePlan(arg),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.audit }),
  })
}
