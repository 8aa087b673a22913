import type { ApiErrorShape } from '../../../shared/api/errors'
import type { LookupPlanStep, SourceLookupStatus } from '../../../shared/model/lookup'
import type { LookupOutcome } from '../../connectors/connector'

type StepState = 'pending' | 'ready' | 'running' | 'done' | 'skipped'

const FINAL: ReadonlySet<SourceLookupStatus['state']> = new Set([
  'answered',
  'unavailable',
  'timeout',
  'cancelled',
  'skipped',
])

/**
 * Per-source progress of a lookup: one status per source, streamed on every change (queued,
 * running with the records so far, then exactly one final state). A source in a final state
 * never reports again, so a late answer from a timed-out source cannot revive it.
 */
export class SourceTracker {
  private readonly statuses = new Map<string, SourceLookupStatus>()
  private readonly startedAt = new Map<string, number>()
  private readonly stepsOf = new Map<string, LookupPlanStep[]>()
  /** Per source: what its bounded reads did not read (LookupOutcome.incomplete). */
  private readonly unread = new Map<string, Set<string>>()

  constructor(
    steps: readonly LookupPlanStep[],
    private readonly emit: (status: SourceLookupStatus) => void,
  ) {
    for (const step of steps) {
      const list = this.stepsOf.get(step.source) ?? []
      list.push(step)
      this.stepsOf.set(step.source, list)
      if (!this.statuses.has(step.source)) {
        this.statuses.set(step.source, {
          source: step.source,
          platform: step.platform,
          state: 'queued',
          records: 0,
        })
      }
    }
  }

  /** First report: queued, or skipped for a source none of whose steps can run. */
  start(state: ReadonlyMap<string, StepState>): void {
    for (const [source, steps] of this.stepsOf) {
      const status = this.statuses.get(source)!
      if (steps.every((s) => state.get(s.id) === 'skipped')) status.state = 'skipped'
      this.emit({ ...status })
    }
  }

  isLive(source: string): boolean {
    const s = this.statuses.get(source)
    return s !== undefined && !FINAL.has(s.state)
  }

  running(source: string): void {
    const status = this.statuses.get(source)
    if (!status || FINAL.has(status.state)) return
    if (!this.startedAt.has(source)) this.startedAt.set(source, performance.now())
    if (status.state !== 'running') {
      status.state = 'running'
      this.emit({ ...status })
    }
  }

  /** One step answered: records so far, bytes, whether a cap cut it. */
  answered(source: string, fresh: number, outcome: LookupOutcome, cutHere: boolean): void {
    const status = this.statuses.get(source)
    if (!status || FINAL.has(status.state)) return
    status.records += fresh
    if (outcome.bytesFetched !== undefined) {
      status.bytesFetched = (status.bytesFetched ?? 0) + outcome.bytesFetched
    }
    if (outcome.capped || cutHere) status.capped = true
    // A bounded read (a keyed topic without the lookup index) says what it left unread.
    if (outcome.incomplete) {
      const set = this.unread.get(source) ?? new Set<string>()
      set.add(outcome.incomplete)
      this.unread.set(source, set)
      this.compose(status)
    }
    this.emit({ ...status })
  }

  /**
   * A lookup-index step answered: the index's lag (the largest over the source's topics asked)
   * and the offsets it named that the topic no longer holds, both said in the status's note.
   */
  indexed(source: string, outcome: { indexLag: number; staleOffsets: number }): void {
    const status = this.statuses.get(source)
    if (!status || FINAL.has(status.state)) return
    status.indexLag = Math.max(status.indexLag ?? 0, outcome.indexLag)
    status.staleOffsets = (status.staleOffsets ?? 0) + outcome.staleOffsets
    this.compose(status)
    this.emit({ ...status })
  }

  fail(source: string, state: 'unavailable' | 'timeout', error: ApiErrorShape): void {
    const status = this.statuses.get(source)
    if (!status || FINAL.has(status.state)) return
    status.state = state
    status.error = error
    this.finish(source, status)
  }

  /** Sources with nothing left to run get their final state. */
  settle(state: ReadonlyMap<string, StepState>): void {
    for (const [source, steps] of this.stepsOf) {
      const status = this.statuses.get(source)!
      if (FINAL.has(status.state)) continue
      const open = steps.some((s) => {
        const st = state.get(s.id)
        return st === 'pending' || st === 'ready' || st === 'running'
      })
      if (open) continue
      status.state = this.startedAt.has(source) ? 'answered' : 'skipped'
      this.finish(source, status)
    }
  }

  cancelAll(): void {
    for (const [source, status] of this.statuses) {
      if (FINAL.has(status.state)) continue
      status.state = 'cancelled'
      this.finish(source, status)
    }
  }

  /** The status's note: what the index says, then what bounded reads left unread. */
  private compose(status: SourceLookupStatus): void {
    const notes: string[] = []
    const lag = status.indexLag ?? 0
    const stale = status.staleOffsets ?? 0
    if (lag > 0)
      notes.push(
        `the lookup index is ${lag} message${lag === 1 ? '' : 's'} behind: they cannot be found through it yet`,
      )
    if (stale > 0)
      notes.push(
        `${stale} indexed message${stale === 1 ? ' is' : 's are'} no longer in the topic (compacted or past retention)`,
      )
    notes.push(...(this.unread.get(status.source) ?? []))
    if (notes.length > 0) status.note = notes.join('; ')
  }

  private finish(source: string, status: SourceLookupStatus): void {
    const started = this.startedAt.get(source)
    if (started !== undefined) status.durationMs = Math.round(performance.now() - started)
    this.emit({ ...status })
  }
}
