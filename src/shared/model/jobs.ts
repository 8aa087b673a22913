/** Long work is a job: start returns an id, progress arrives as events, any job can be cancelled. */
export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'

export type JobKind = 'sources.test-all' | 'crawl' | 'lookup' | 'report' | 'lookup-index'

export interface JobProgress {
  done: number
  total?: number
  /** Short, human: "Testing crm-prod (2 of 6)". Never personal data. */
  message?: string
}

export interface JobView {
  id: string
  kind: JobKind
  state: JobState
  progress: JobProgress
  startedAt: string
  endedAt?: string
  error?: import('../api/errors').ApiErrorShape
  /** Final result when succeeded (plain JSON). */
  result?: unknown
}

/** Pushed over IPC events / server-sent events. */
export type ApiEvent =
  | { topic: 'job'; job: JobView }
  | { topic: 'job.partial'; jobId: string; partial: unknown }
  | { topic: 'sources.changed' }
