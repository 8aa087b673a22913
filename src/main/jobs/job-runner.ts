import { randomUUID } from 'node:crypto'
import { ApiError, toApiError } from '../../shared/api/errors'
import type { ApiEvent, JobKind, JobProgress, JobView } from '../../shared/model/jobs'

/** Given to the work of a job: its cancellation signal and the way to report progress. */
export interface JobContext {
  readonly signal: AbortSignal
  progress(progress: JobProgress): void
  /** A partial result, pushed as a `job.partial` event (plain JSON, never personal values). */
  partial(partial: unknown): void
}

export type JobWork = (ctx: JobContext) => Promise<unknown>

interface JobRecord {
  view: JobView
  controller: AbortController
  settled: Promise<void>
}

const FINISHED = new Set<JobView['state']>(['succeeded', 'failed', 'cancelled'])

/**
 * A view as it stands, for an event or a caller. The runner replaces the view's fields and never
 * changes them in place (progress is a new object each time; the result and error are set once,
 * at the end), so a shallow copy is a consistent snapshot. It used to be a structuredClone: a
 * lookup's job carries its whole result (plan, steps, records), cloned for every job event and
 * again by the event transport, ~1.5 ms of a warm lookup's CPU at bench scale (issue 7).
 */
function snapshot(view: JobView): JobView {
  return { ...view, progress: { ...view.progress } }
}

/**
 * Runs long work as jobs (DESIGN.md §2): start returns at once with an id; progress, partial
 * results and state changes are emitted as events; cancel fires the job's AbortSignal and the
 * job is reported cancelled straight away, whatever its work does afterwards.
 */
export class JobRunner {
  private readonly jobs = new Map<string, JobRecord>()

  constructor(
    private readonly emit: (event: ApiEvent) => void,
    private readonly maxFinishedJobs = 200,
  ) {}

  start(kind: JobKind, work: JobWork, total?: number): JobView {
    const controller = new AbortController()
    const view: JobView = {
      id: randomUUID(),
      kind,
      state: 'running',
      progress: total === undefined ? { done: 0 } : { done: 0, total },
      startedAt: new Date().toISOString(),
    }
    const publish = () => this.emit({ topic: 'job', job: snapshot(view) })
    const ctx: JobContext = {
      signal: controller.signal,
      progress: (progress) => {
        if (FINISHED.has(view.state)) return
        view.progress = { ...progress }
        publish()
      },
      partial: (partial) => {
        if (FINISHED.has(view.state)) return
        this.emit({ topic: 'job.partial', jobId: view.id, partial })
      },
    }
    const finish = (patch: Partial<JobView>) => {
      if (FINISHED.has(view.state)) return
      Object.assign(view, patch, { endedAt: new Date().toISOString() })
      publish()
      this.prune()
    }
    const settled = Promise.resolve()
      .then(() => {
        // Cancelled before it even started: never begin the work.
        if (controller.signal.aborted) throw controller.signal.reason
        return work(ctx)
      })
      .then(
        (result) => finish({ state: 'succeeded', result }),
        (err: unknown) =>
          finish(
            controller.signal.aborted
              ? {
                  state: 'cancelled',
                  error: { code: 'cancelled', message: 'The job was cancelled.' },
                }
              : { state: 'failed', error: toApiError(err) },
          ),
      )
    this.jobs.set(view.id, { view, controller, settled })
    publish()
    return snapshot(view)
  }

  list(): JobView[] {
    return [...this.jobs.values()]
      .map((job) => snapshot(job.view))
      .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0))
  }

  get(id: string): JobView {
    return snapshot(this.record(id).view)
  }

  cancel(id: string): JobView {
    const job = this.record(id)
    if (!FINISHED.has(job.view.state)) {
      job.controller.abort(new ApiError('cancelled', 'The job was cancelled.'))
      Object.assign(job.view, {
        state: 'cancelled',
        endedAt: new Date().toISOString(),
        error: { code: 'cancelled', message: 'The job was cancelled.' },
      } satisfies Partial<JobView>)
      this.emit({ topic: 'job', job: snapshot(job.view) })
    }
    return snapshot(job.view)
  }

  /** Resolves when the job's work has settled (tests, shutdown). */
  async settled(id: string): Promise<JobView> {
    await this.record(id).settled
    return this.get(id)
  }

  /** Cancels everything still running and waits for the work to settle. */
  async close(): Promise<void> {
    for (const job of this.jobs.values())
      if (!FINISHED.has(job.view.state)) this.cancel(job.view.id)
    await Promise.all([...this.jobs.values()].map((job) => job.settled))
  }

  private record(id: string): JobRecord {
    const job = this.jobs.get(id)
    if (!job) throw new ApiError('not-found', `No job with id "${id}".`)
    return job
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((job) => FINISHED.has(job.view.state))
    for (const job of finished.slice(0, Math.max(0, finished.length - this.maxFinishedJobs))) {
      this.jobs.delete(job.view.id)
    }
  }
}
