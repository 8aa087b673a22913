import { randomUUID } from 'node:crypto'
import { ApiError } from '../../shared/api/errors'
import type {
  ErasurePlan,
  LookupHistoryEntry,
  LookupInput,
  LookupJobPartial,
  LookupPlan,
  LookupResult,
} from '../../shared/model/lookup'
import type { AuditLog } from '../audit/audit-log'
import type { Connector } from '../connectors/connector'
import type { JobRunner } from '../jobs/job-runner'
import { ConnectorPool } from './execute/connector-pool'
import { reasonWithLag, type LookupIndexProbe } from './execute/index-step'
import type { RecognisedIdentifier, Recognition } from './identifiers/identifier-kinds'
import { recogniseIdentifier } from './identifiers/recognise'
import type { LookupContext } from './lookup-context'
import { LookupMemory, type KeptLookup } from './lookup-memory'
import type { LookupParts } from './lookup-parts'
import { lookupHistory } from './lookup-history'
import { runKeptLookup } from './lookup-run'
import { fieldUrnOf, plainValue, subjectOf } from './lookup-values'
import { buildErasurePlan } from './report/erasure-plan'
import { buildSubjectAccess, personRecords, reportFieldUrns } from './report/subject-access'
import { renderSubjectAccessHtml } from './report/subject-access-html'

/**
 * The live customer lookup behind the API (issue 7): recognise the identifier, plan from the
 * catalogue and lineage, run the plan as a job through each source's connector (kept in a pool
 * per source across lookups, closed when the source changes or the service closes), merge, keep raw values in memory, and audit every lookup, reveal and
 * export. Values leave main masked, except through `reveal` and the subject-access export.
 */

export interface LookupServiceDeps {
  context: () => Promise<LookupContext>
  parts: () => Promise<LookupParts>
  /** Opens the named source's connector (sources.yaml + secrets resolved). */
  openConnector: (source: string) => Promise<Connector>
  /**
   * Changes when the named source's definition or secrets change: pooled connectors of an older
   * version are closed, not reused (execute/connector-pool.ts). Without it they are reused
   * until they idle out or the service closes.
   */
  sourceVersion?: (source: string) => Promise<string>
  /** Pooled connectors idle longer than this are closed; default 5 minutes. */
  poolIdleMs?: number
  audit: AuditLog
  jobs: JobRunner
  /** How many lookups keep their raw values in memory; default 20. */
  keep?: number
  /** Per-source timeout; default 10 s. */
  timeoutMs?: number
  /** Records per step; default 500. */
  rowCap?: number
  /** `sightline <version>`, named in the reports. */
  generator: string
  /**
   * Sightline's Kafka lookup index (kafka-index/lookup-index-manager.ts): the topics it covers,
   * with their lag, go to the planner; its probes answer `lookup-index` steps.
   */
  lookupIndex?: LookupIndexProbe & {
    coverage(): Promise<Map<string, { lag: number; lastCatchUpAt?: string }>>
  }
}

export interface LookupOptions {
  depth?: number
  scans?: 'skip' | 'warn' | 'allow'
  sources?: string[]
  timeoutMs?: number
}

const DEFAULT_DEPTH = 2
const ID_KINDS = ['customer-number', 'loyalty-number'] as const

/** Text the recogniser reads: compound kinds typed as parts are joined the way people type them. */
function inputText(input: LookupInput): string {
  const p = input.parts
  if (!p || Object.keys(p).length === 0) return input.value
  const joined: Partial<Record<NonNullable<LookupInput['kind']>, string[]>> = {
    'name-postcode': [p.name ?? '', p.postcode ?? ''],
    'name-dob': [p.name ?? '', p.dob ?? p.dateOfBirth ?? ''],
    'card-last4-expiry': [p.last4 ?? '', p.expiry ?? ''],
    'bank-account': [p.sortCode ?? '', p.account ?? p.accountNumber ?? ''],
    'postal-address': [p.line ?? p.address ?? '', p.postcode ?? ''],
  }
  const parts = input.kind ? joined[input.kind] : undefined
  return parts ? parts.join(' ').trim() : input.value
}

export class LookupService {
  private readonly memory: LookupMemory
  private readonly pool: ConnectorPool

  constructor(private readonly deps: LookupServiceDeps) {
    this.memory = new LookupMemory(deps.keep ?? 20)
    this.pool = new ConnectorPool({
      open: deps.openConnector,
      ...(deps.sourceVersion ? { version: deps.sourceVersion } : {}),
      ...(deps.poolIdleMs === undefined ? {} : { idleMs: deps.poolIdleMs }),
    })
  }

  /** Recognises what was typed; `bad-input` (with `details.reason`) for what is too broad. */
  recognise(input: LookupInput): Recognition {
    const text = inputText(input)
    if (input.kind === undefined) return recogniseIdentifier(text)
    // "--id" may be a customer or a loyalty number: the printed form tells which.
    const isId = (ID_KINDS as readonly string[]).includes(input.kind)
    const recognition = recogniseIdentifier(text, { kinds: isId ? ID_KINDS : [input.kind] })
    const preferred = [recognition.best, ...recognition.alternatives].find(
      (r) => r.kind === input.kind,
    )
    return preferred && preferred !== recognition.best
      ? { ...recognition, best: preferred, alternatives: [recognition.best] }
      : recognition
  }

  /** The dry run: recognise and plan, nothing asked of any source. */
  async plan(
    input: LookupInput,
    opts: LookupOptions = {},
  ): Promise<{ plan: LookupPlan; identifier: RecognisedIdentifier; context: LookupContext }> {
    const identifier = this.recognise(input).best
    const [context, parts, coverage] = await Promise.all([
      this.deps.context(),
      this.deps.parts(),
      this.indexCoverage(),
    ])
    const planned = parts.planLookup({
      identifier,
      snapshot: context.snapshot,
      edges: context.edges,
      categories: context.categories,
      depth: opts.depth ?? DEFAULT_DEPTH,
      scans: opts.scans ?? 'warn',
      ...(opts.sources ? { sources: opts.sources } : {}),
      ...(coverage.size > 0 ? { indexedTopics: new Set(coverage.keys()) } : {}),
    })
    // Where the index is behind, the step says so: what it has not indexed cannot be found.
    const plan = {
      ...planned,
      steps: planned.steps.map((s) =>
        s.access === 'lookup-index'
          ? { ...s, reason: reasonWithLag(s.reason, coverage.get(s.assetUrn)) }
          : s,
      ),
    }
    return { plan, identifier, context }
  }

  /** Topics the lookup index covers; none when there is no index or it cannot be read. */
  private async indexCoverage(): Promise<Map<string, { lag: number; lastCatchUpAt?: string }>> {
    try {
      return (await this.deps.lookupIndex?.coverage()) ?? new Map()
    } catch {
      // The index is an accelerator: a lookup without it plans those topics as scans.
      return new Map()
    }
  }

  /** Plans, audits, and runs the lookup as a job. */
  async start(
    input: LookupInput,
    reason: string,
    opts: LookupOptions = {},
  ): Promise<{ jobId: string; lookupId: string }> {
    const planning = performance.now()
    const { plan, identifier, context } = await this.plan(input, opts)
    const planMs = performance.now() - planning
    const parts = await this.deps.parts()
    const lookupId = randomUUID()
    const sources = [...new Set(plan.steps.map((s) => s.source))]
    // Audited before any source is asked: no record, no lookup.
    await this.deps.audit.record({
      action: 'lookup',
      target: sources.join(','),
      subject: subjectOf(identifier),
      reason,
      details: { lookupId, phase: 'started', kind: identifier.kind, steps: plan.steps.length },
    })
    const kept: KeptLookup = { lookupId, identifier, reason, raw: new Map() }
    const done = new Set<string>()
    this.memory.put(kept)
    const job = this.deps.jobs.start(
      'lookup',
      (ctx) =>
        runKeptLookup({
          kept,
          plan,
          planMs,
          context,
          parts,
          signal: ctx.signal,
          // Pooled per source; a recrawl (a new lineage snapshot) retires pooled connectors,
          // which cache table details.
          acquire: (source) => this.pool.acquire(source, context.snapshot),
          audit: this.deps.audit,
          timeoutMs: opts.timeoutMs ?? this.deps.timeoutMs ?? 10_000,
          rowCap: this.deps.rowCap ?? 500,
          ...(this.deps.lookupIndex ? { lookupIndex: this.deps.lookupIndex } : {}),
          partial: (p: LookupJobPartial) => {
            ctx.partial(p)
            if (p.kind !== 'status') return
            done.add(p.status.source)
            const finished = ['answered', 'unavailable', 'timeout', 'cancelled', 'skipped']
            if (!finished.includes(p.status.state)) done.delete(p.status.source)
            ctx.progress({
              done: done.size,
              total: sources.length,
              message: `${done.size} of ${sources.length} sources done`,
            })
          },
        }),
      sources.length,
    )
    return { jobId: job.id, lookupId }
  }

  private kept(lookupId: string): KeptLookup & { result: LookupResult } {
    const kept = this.memory.get(lookupId)
    if (!kept?.result)
      throw new ApiError(
        'not-found',
        kept
          ? 'This lookup is still running.'
          : 'No finished lookup with this id in memory (results are never stored): look the customer up again.',
        { lookupId },
      )
    return kept as KeptLookup & { result: LookupResult }
  }

  get(lookupId: string): LookupResult {
    return this.kept(lookupId).result
  }

  /** One raw value of one record of a lookup; audited as `reveal` with the reason. */
  async reveal(
    lookupId: string,
    recordId: string,
    path: string,
    reason: string,
  ): Promise<{ value: string | number | boolean | null }> {
    const kept = this.kept(lookupId)
    const record = kept.raw.get(recordId)
    if (!record || !Object.hasOwn(record.values, path))
      throw new ApiError('not-found', 'No such record field in this lookup.', { recordId, path })
    await this.deps.audit.record({
      action: 'reveal',
      target: record.assetUrn,
      subject: subjectOf(kept.identifier),
      fields: [fieldUrnOf(record.assetUrn, path)],
      reason,
      details: { lookupId, recordId },
    })
    return { value: plainValue(record.values[path]) }
  }

  history(limit = 50): Promise<LookupHistoryEntry[]> {
    return lookupHistory(this.deps.audit, limit)
  }

  /** Article 15: the person's data, with processing attributes; audited as `export`. */
  async subjectAccess(lookupId: string, format: 'json' | 'html', reason: string) {
    const kept = this.kept(lookupId)
    const context = await this.deps.context()
    const records = personRecords(kept.result, kept.raw)
    const report = buildSubjectAccess({
      result: kept.result,
      identifierKind: kept.identifier.kind,
      records,
      context,
      reason,
      generator: this.deps.generator,
      generatedAt: new Date().toISOString(),
    })
    const fields = reportFieldUrns(report)
    // Audited before anything leaves: no record, no export.
    await this.deps.audit.record({
      action: 'export',
      target: 'subject-access',
      subject: subjectOf(kept.identifier),
      fields,
      reason,
      details: { lookupId, format, report: 'subject-access', records: records.length },
    })
    const content =
      format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderSubjectAccessHtml(report)
    return { format, content, records: records.length }
  }

  /** Article 17 as a plan, never executed; audited as `export` (it names the person's records). */
  async erasurePlan(lookupId: string, reason: string): Promise<ErasurePlan> {
    const kept = this.kept(lookupId)
    const context = await this.deps.context()
    const plan = buildErasurePlan({ result: kept.result, raw: kept.raw, context })
    await this.deps.audit.record({
      action: 'export',
      target: 'erasure-plan',
      subject: subjectOf(kept.identifier),
      reason,
      details: { lookupId, report: 'erasure-plan', actions: plan.actions.length },
    })
    return plan
  }

  /** Closes pooled connectors of `source` (its definition changed). */
  sourceChanged(source: string): Promise<void> {
    return this.pool.closeSource(source)
  }

  /** Forgets kept lookups and closes pooled connectors (app stop). */
  async close(): Promise<void> {
    this.memory.clear()
    await this.pool.close()
  }
}
