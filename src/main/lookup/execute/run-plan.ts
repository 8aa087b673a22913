import { getMaxListeners, setMaxListeners } from 'node:events'
import { ApiError, toApiError } from '../../../shared/api/errors'
import type { LookupPlan, LookupPlanStep, LookupStepRun } from '../../../shared/model/lookup'
import type { LookupOutcome } from '../../connectors/connector'
import { holdsCompanion } from '../identifiers/postal-address'
import type { RawRecord, RunPlanDeps } from '../lookup-inputs'
import { runIndexStep, type IndexStepOutcome } from './index-step'
import { QueryCache } from './query-cache'
import { SourceTracker } from './source-tracker'
import { stableKey } from './stable-key'
import {
  buildLookupQuery,
  fieldPathOf,
  identifierValues,
  originsOfHit,
  pivotValues,
  type StepValues,
} from './step-query'

/**
 * Runs a lookup plan (issue 7 item 3): steps concurrently across sources, at most `concurrency`
 * queries at once; a pivot step once its `fromStep` has answered, with values derived from what
 * that step found, to the plan's depth. Each query is bounded by the per-source timeout; a
 * source that times out or fails is marked so and its remaining steps skipped while the others
 * go on. Records are de-duplicated by asset and record key and streamed through `onRecords` as
 * each step answers; statuses through `onStatus`. Cancellation (the signal) stops what runs,
 * starts nothing more and resolves with what was found so far.
 */

export interface RunPlanOptions {
  /**
   * Queries in flight at once across all sources. Default 32, more than a plan's ready steps: every
   * step whose input is ready starts at once, and each source bounds its own (Kafka 4 reads at a
   * time, PostgreSQL 3 connections per database, MongoDB a pool of 4), so a slow Kafka read never
   * holds a PostgreSQL or FerretDB point read back (10, and 6 before it, did).
   */
  concurrency?: number
}

type StepState = 'pending' | 'ready' | 'running' | 'done' | 'skipped'

const DEFAULT_CONCURRENCY = 32

/** Thrown inside the executor when a query passes its source's timeout. */
class StepTimeout extends Error {}

export async function runLookupPlan(
  plan: LookupPlan,
  deps: RunPlanDeps,
  options: RunPlanOptions = {},
): Promise<RawRecord[]> {
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY)
  const steps = new Map(plan.steps.map((s) => [s.id, s]))
  const state = new Map<string, StepState>()
  const found = new Map<string, RawRecord[]>() // step id -> records it found (duplicates too)
  const values = new Map<string, StepValues>()
  const truncated = new Set<string>() // pivots that carried only the first MAX_PIVOT_VALUES
  const byKey = new Map<string, RawRecord>() // asset + record key -> the record kept
  const records: RawRecord[] = []
  const tracker = new SourceTracker(plan.steps, deps.onStatus)
  const cache = new QueryCache()
  const planStart = performance.now()
  let nextId = 0

  for (const step of plan.steps) {
    const d = depthOf(step, steps)
    const runnable =
      step.access !== 'unreachable' &&
      !(step.access === 'scan' && plan.scans === 'skip') &&
      d <= plan.depth &&
      (step.input.kind === 'identifier' || steps.has(step.input.fromStep))
    state.set(
      step.id,
      !runnable ? 'skipped' : step.input.kind === 'identifier' ? 'ready' : 'pending',
    )
  }
  for (const step of plan.steps) {
    if (state.get(step.id) === 'skipped') skipDependents(step.id)
  }
  tracker.start(state)

  const running = new Set<Promise<void>>()
  const onAbort = () => tracker.cancelAll()
  // Each running step listens to the lookup's signal (its timeout's child follows it), so up to
  // `concurrency` listeners plus this one are expected, not a leak: say so to Node's warning.
  const expected = concurrency * 2 + 1
  if (getMaxListeners(deps.signal) < expected) setMaxListeners(expected, deps.signal)
  deps.signal.addEventListener('abort', onAbort, { once: true })
  try {
    for (;;) {
      if (deps.signal.aborted) break
      for (const step of plan.steps) {
        if (running.size >= concurrency) break
        if (state.get(step.id) !== 'ready') continue
        if (!tracker.isLive(step.source)) {
          markSkipped(step.id)
          continue
        }
        state.set(step.id, 'running')
        const p: Promise<void> = runOne(step).finally(() => running.delete(p))
        running.add(p)
      }
      if (running.size === 0) break
      await Promise.race(running)
    }
    // Cancelled: let the aborted queries settle so nothing reports after we return.
    await Promise.allSettled([...running])
  } finally {
    deps.signal.removeEventListener('abort', onAbort)
  }
  if (deps.signal.aborted) tracker.cancelAll()
  else tracker.settle(state)
  return records

  async function runOne(step: LookupPlanStep): Promise<void> {
    tracker.running(step.source)
    const began = performance.now()
    let stepValues: StepValues = { values: [], match: step.match, origins: new Map() }
    let outcome: LookupOutcome
    let reused: { reusedValues: number; askedValues: number } = { reusedValues: 0, askedValues: 0 }
    const told = (run: Omit<LookupStepRun, 'stepId' | 'ms' | 'values'>) =>
      deps.onStep?.({
        stepId: step.id,
        ms: Math.round(performance.now() - began),
        startMs: Math.round(began - planStart),
        values: reused.askedValues,
        ...(reused.reusedValues > 0 ? { reusedValues: reused.reusedValues } : {}),
        ...run,
      })
    try {
      stepValues =
        step.input.kind === 'identifier'
          ? identifierValues(step, deps.identifier)
          : (values.get(step.id) ?? stepValues)
      values.set(step.id, stepValues)
      const query = buildLookupQuery(step, stepValues, {
        rowCap: deps.rowCap,
        timeoutMs: deps.timeoutMs,
      })
      // Nothing to ask (a compound identifier without the part this field holds).
      if (query.values.length === 0) outcome = { hits: [], capped: false }
      else {
        // Asked once per lookup: another route may have asked this field with these values.
        const answer = await withTimeout(
          (signal) =>
            cache.run(step, query, (q) =>
              step.access === 'lookup-index'
                ? // The index names the offsets; the connector reads exactly those.
                  runIndexStep(step, q, deps.lookupIndex, (iq) => deps.runStep(step, iq, signal))
                : deps.runStep(step, q, signal),
            ),
          deps.timeoutMs,
          deps.signal,
        )
        outcome = answer.outcome
        reused = answer
      }
    } catch (err) {
      const refused = toApiError(err)
      // A refused query (a scan the connector will not run, a field the index lacks) is skipped.
      const skipped = refused.code === 'unsupported' || refused.code === 'bad-input'
      told({ state: skipped ? 'skipped' : 'failed', records: 0, note: refused.message })
      if (deps.signal.aborted) {
        tracker.cancelAll()
        state.set(step.id, 'skipped')
        return
      }
      if (err instanceof StepTimeout) {
        const error = new ApiError('timeout', `${step.source} did not answer in time.`, {
          timeoutMs: deps.timeoutMs,
        })
        tracker.fail(step.source, 'timeout', error.toJSON())
      } else {
        const error = toApiError(err)
        // A refusal of this one query (a whole-topic scan, a filter the server cannot run) says
        // nothing about the source: its other steps (a keyed partition read) still run.
        if (error.code === 'unsupported' || error.code === 'bad-input') {
          markSkipped(step.id)
          tracker.settle(state)
          return
        }
        // The connector's own translated error; its own timeout counts as a timeout.
        tracker.fail(step.source, error.code === 'timeout' ? 'timeout' : 'unavailable', error)
      }
      markSkipped(step.id)
      for (const other of plan.steps) {
        if (other.source === step.source && state.get(other.id) !== 'running') {
          if (state.get(other.id) !== 'done') markSkipped(other.id)
        }
      }
      tracker.settle(state)
      return
    }
    if (deps.signal.aborted) {
      state.set(step.id, 'skipped')
      return
    }
    // A postal address is asked by its postcode: keep the records that hold its line too.
    const hits = outcome.hits
      .slice(0, deps.rowCap)
      .filter((h) => step.input.kind !== 'identifier' || holdsCompanion(deps.identifier, h.values))
    const fresh: RawRecord[] = []
    const mine: RawRecord[] = []
    const path = fieldPathOf(step.fieldUrn)
    for (const hit of hits) {
      const parents = step.input.kind === 'pivot' ? pivotParents(hit, path, step, stepValues) : []
      const key = `${step.assetUrn}\u0000${stableKey(hit.recordKey)}`
      const existing = byKey.get(key)
      if (existing) {
        // Found by two steps: one record. A strong pivot says whose it is, so it wins over a weak
        // pivot (never over the typed identifier, which makes the record a direct match).
        const was = steps.get(existing.stepId)
        if (step.strength === 'strong' && was?.input.kind === 'pivot') {
          if (was.strength === 'weak') {
            existing.stepId = step.id
            existing.parents = parents
          } else if (parents.length > 0) {
            existing.parents = [...new Set([...(existing.parents ?? []), ...parents])]
          }
        }
        mine.push(existing)
        continue
      }
      const record: RawRecord = {
        ...hit,
        id: `r${++nextId}`,
        stepId: step.id,
        source: step.source,
        platform: step.platform,
        assetUrn: step.assetUrn,
        ...(parents.length > 0 ? { parents } : {}),
      }
      byKey.set(key, record)
      records.push(record)
      fresh.push(record)
      mine.push(record)
    }
    found.set(step.id, mine)
    state.set(step.id, 'done')
    told({
      state:
        stepValues.values.length === 0
          ? 'no-values'
          : reused.askedValues === 0
            ? 'reused'
            : 'answered',
      records: mine.length,
      ...(outcome.bytesFetched !== undefined && reused.askedValues > 0
        ? { bytesFetched: outcome.bytesFetched }
        : {}),
      ...(outcome.incomplete ? { note: outcome.incomplete } : {}),
    })
    const cut = hits.length < outcome.hits.length || truncated.has(step.id)
    tracker.answered(step.source, fresh.length, outcome, cut)
    if (step.access === 'lookup-index' && 'indexLag' in outcome)
      tracker.indexed(step.source, outcome as IndexStepOutcome)
    if (fresh.length > 0) deps.onRecords(fresh)
    releasePivots(step.id)
    tracker.settle(state)
  }

  /** Pivots waiting on `fromId` get their values; those with none are done without a query. */
  function releasePivots(fromId: string): void {
    for (const step of plan.steps) {
      if (step.input.kind !== 'pivot' || step.input.fromStep !== fromId) continue
      if (state.get(step.id) !== 'pending') continue
      const derived = pivotValues(step, found.get(fromId) ?? [])
      values.set(step.id, derived)
      if (derived.truncated) truncated.add(step.id)
      if (derived.values.length === 0) {
        state.set(step.id, 'done')
        found.set(step.id, [])
        releasePivots(step.id)
      } else {
        state.set(step.id, 'ready')
      }
    }
  }

  function markSkipped(id: string): void {
    state.set(id, 'skipped')
    skipDependents(id)
  }

  function skipDependents(id: string): void {
    for (const step of plan.steps) {
      if (step.input.kind === 'pivot' && step.input.fromStep === id) {
        const s = state.get(step.id)
        if (s === 'pending' || s === 'ready') markSkipped(step.id)
      }
    }
  }
}

/** Hops from the typed identifier: 0 for identifier steps; a cycle counts as too deep. */
function depthOf(step: LookupPlanStep, steps: ReadonlyMap<string, LookupPlanStep>): number {
  let d = 0
  let current: LookupPlanStep | undefined = step
  const seen = new Set<string>()
  while (current && current.input.kind === 'pivot') {
    if (seen.has(current.id)) return Number.POSITIVE_INFINITY
    seen.add(current.id)
    d++
    current = steps.get(current.input.fromStep)
  }
  return d
}

function pivotParents(
  hit: Pick<RawRecord, 'values'>,
  path: string,
  step: LookupPlanStep,
  stepValues: StepValues,
): string[] {
  const traced = originsOfHit(hit, path, stepValues)
  if (traced.length > 0) return traced
  // The connector matched in a way the values cannot trace (a type coercion): every origin.
  const all = new Set<string>()
  stepValues.origins.forEach((ids) => ids.forEach((id) => all.add(id)))
  return step.input.kind === 'pivot' ? [...all] : []
}

export { stableKey }

/**
 * Runs `fn` with a child signal that aborts at the timeout or with the parent. A runner that
 * ignores its signal is raced, so a stuck source cannot hold the lookup.
 */
async function withTimeout<T>(
  fn: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  parent: AbortSignal,
): Promise<T> {
  const child = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const onParentAbort = () => child.abort(parent.reason)
  if (parent.aborted) child.abort(parent.reason)
  else parent.addEventListener('abort', onParentAbort, { once: true })
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      child.abort(new StepTimeout())
      reject(new StepTimeout())
    }, timeoutMs)
    if (child.signal.aborted) reject(child.signal.reason)
    child.signal.addEventListener('abort', () => reject(child.signal.reason), { once: true })
  })
  try {
    return await Promise.race([fn(child.signal), guard])
  } finally {
    clearTimeout(timer)
    parent.removeEventListener('abort', onParentAbort)
    guard.catch(() => undefined)
  }
}
