import { ApiError } from '../../shared/api/errors'
import type {
  LookupJobPartial,
  LookupPlan,
  LookupRecord,
  LookupResult,
  LookupStepRun,
  SourceLookupStatus,
} from '../../shared/model/lookup'
import type { AuditLog } from '../audit/audit-log'
import type { LookupQuery } from '../connectors/connector'
import type { ConnectorLease } from './execute/connector-pool'
import type { LookupIndexProbe } from './execute/index-step'
import { boundKeyed, KafkaQueue, keyedQueries, runKeyed } from './execute/kafka-keyed'
import { pointReads } from './execute/point-reads'
import type { LookupContext } from './lookup-context'
import type { RawRecord, StepRunner } from './lookup-inputs'
import type { KeptLookup } from './lookup-memory'
import type { LookupParts } from './lookup-parts'
import { fieldUrnOf, maskingOnce, subjectOf } from './lookup-values'

/**
 * One lookup's run, inside its job: each source's connector taken from the service's pool on its
 * first step and given back at the end (closed instead when the source failed or the lookup did
 * not finish: execute/connector-pool.ts); raw records kept in the lookup's memory and streamed masked as `job.partial`;
 * merged; and the outcome audited whatever happens (finished, failed or cancelled).
 */

export interface RunLookupInput {
  kept: KeptLookup
  plan: LookupPlan
  /** How long planning took (before the job started), for the result's `phases`. */
  planMs?: number
  context: LookupContext
  parts: LookupParts
  signal: AbortSignal
  /** A connector of the source for this lookup (the service's pool), released at the end. */
  acquire: (source: string) => Promise<ConnectorLease>
  audit: AuditLog
  timeoutMs: number
  rowCap: number
  partial: (p: LookupJobPartial) => void
  /** Sightline's lookup index for `lookup-index` steps (docs/lookup-index.md). */
  lookupIndex?: LookupIndexProbe
}

export async function runKeptLookup(run: RunLookupInput): Promise<LookupResult> {
  const { kept, plan, context, parts, signal, partial } = run
  const startedAt = new Date()
  const { lookupId, identifier } = kept
  const statuses = new Map<string, SourceLookupStatus>()
  const stepRuns: LookupStepRun[] = []
  const raw: RawRecord[] = []
  const steps = new Map(plan.steps.map((s) => [s.id, s]))
  const connectors = new Map<string, Promise<ConnectorLease>>()
  const kafkaQueue = new KafkaQueue()
  const mask = maskingOnce()
  const runStep: StepRunner = async (step, query, stepSignal) => {
    let opened = connectors.get(step.source)
    if (!opened) {
      opened = run.acquire(step.source)
      connectors.set(step.source, opened)
    }
    const { connector } = await opened
    if (!connector.lookup)
      throw new ApiError('unsupported', `The ${connector.kind} connector cannot look up yet.`, {
        source: step.source,
      })
    const lookup = connector.lookup.bind(connector)
    const one = (q: LookupQuery) => lookup(q, { signal: stepSignal })
    // A keyed topic is read one partition per key: the key bytes come from the catalogue, the
    // offsets to read from the lookup index (execute/kafka-keyed.ts).
    const keyed = keyedQueries(step, query, context.snapshot)
    // FerretDB without `$in` pushdown: one `_id` point read per value (execute/point-reads.ts).
    const points = keyed ? undefined : pointReads(step, query, context.snapshot)
    const ask = async () => {
      if (points) return runKeyed(points, one)
      if (!keyed) return one(query)
      const bounded = await boundKeyed(step, keyed, run.lookupIndex, context.snapshot)
      const out = await runKeyed(bounded.queries, one)
      if (bounded.capped) out.capped = true
      return out
    }
    return step.platform === 'kafka' ? kafkaQueue.run(step.source, ask) : ask()
  }
  const preview = (r: RawRecord): LookupRecord => {
    const step = steps.get(r.stepId)
    const values: Record<string, string | null> = {}
    const categories: LookupRecord['categories'] = {}
    for (const [path, value] of Object.entries(r.values)) {
      values[path] = mask(value)
      const category = context.categories.get(fieldUrnOf(r.assetUrn, path))
      if (category) categories[path] = category
    }
    return {
      id: r.id,
      source: r.source,
      platform: r.platform,
      assetUrn: r.assetUrn,
      assetLabel: context.labelOf(r.assetUrn),
      recordKey: r.recordKey,
      ...(r.timestamp ? { timestamp: r.timestamp } : {}),
      values,
      categories,
      matchedBy: {
        stepId: r.stepId,
        fieldUrn: step?.fieldUrn ?? '',
        strength: step?.strength ?? 'weak',
      },
      group: 'unsorted',
    }
  }
  let outcome: 'finished' | 'failed' | 'cancelled' = 'failed'
  let result: LookupResult | undefined
  const asking = performance.now()
  try {
    await parts.runLookupPlan(plan, {
      identifier,
      runStep,
      signal,
      timeoutMs: run.timeoutMs,
      rowCap: run.rowCap,
      ...(run.lookupIndex ? { lookupIndex: run.lookupIndex } : {}),
      onStep: (r) => stepRuns.push(r),
      onStatus: (status) => {
        statuses.set(status.source, status)
        partial({ lookupId, kind: 'status', status })
      },
      onRecords: (records) => {
        if (records.length === 0) return
        for (const r of records) {
          raw.push(r)
          kept.raw.set(r.id, r)
        }
        partial({
          lookupId,
          kind: 'records',
          source: records[0]!.source,
          records: records.map(preview),
        })
      },
    })
    const merging = performance.now()
    const merged = parts.mergeLookup({
      plan,
      identifier,
      records: raw,
      categories: context.categories,
      modelPaths: context.modelPaths,
      edges: context.edges,
      mask,
    })
    result = {
      lookupId,
      plan,
      steps: stepRuns,
      people: merged.people,
      linked: merged.linked,
      records: merged.records,
      // Name-based lookups: the people ranked with their scores (issue 7, quality).
      ...(merged.candidates ? { candidates: merged.candidates } : {}),
      ...(merged.identifierShared ? { identifierShared: merged.identifierShared } : {}),
      sources: [...statuses.values()],
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
    }
    const done = performance.now()
    result.phases = {
      planMs: round(run.planMs ?? 0),
      askMs: round(merging - asking),
      mergeMs: round(done - merging),
    }
    kept.result = result
    outcome = signal.aborted ? 'cancelled' : 'finished'
  } finally {
    if (signal.aborted) outcome = 'cancelled'
    // Back to the pool only from a lookup that finished with the source answering: a source
    // down, timing out or cancelled may have left its connection dead or mid-statement.
    const reusable = (source: string) =>
      outcome === 'finished' && ['answered', 'skipped'].includes(statuses.get(source)?.state ?? '')
    await Promise.all(
      [...connectors.entries()].map(([source, lease]) =>
        lease.then((l) => l.release(reusable(source))).catch(() => undefined),
      ),
    )
    const answered = [...statuses.values()].filter((s) => s.state === 'answered')
    await run.audit.record({
      action: 'lookup',
      target: answered.map((s) => s.source).join(','),
      subject: subjectOf(identifier),
      reason: kept.reason,
      details: {
        lookupId,
        phase: outcome,
        kind: identifier.kind,
        sourcesAnswered: answered.map((s) => s.source),
        sourcesUnavailable: [...statuses.values()]
          .filter((s) => s.state !== 'answered' && s.state !== 'skipped')
          .map((s) => ({ source: s.source, state: s.state })),
        records: raw.length,
        people: result?.people.length ?? 0,
        linked: result?.linked.length ?? 0,
      },
    })
  }
  if (signal.aborted) throw new ApiError('cancelled', 'The lookup was cancelled.')
  return result
}

/** Milliseconds to a tenth: the phases are a few ms each. */
function round(ms: number): number {
  return Math.round(ms * 10) / 10
}
