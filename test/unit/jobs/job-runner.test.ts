import { describe, expect, it } from 'vitest'
import type { ApiEvent } from '../../../src/shared/model/jobs'
import { JobRunner } from '../../../src/main/jobs/job-runner'
import { ApiError } from '../../../src/shared/api/errors'

function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason as Error)
    signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true })
  })
}

describe('job runner', () => {
  it('runs work, emitting state, progress and partial results', async () => {
    const events: ApiEvent[] = []
    const runner = new JobRunner((e) => events.push(e))
    const job = runner.start(
      'sources.test-all',
      async (ctx) => {
        ctx.partial({ name: 'a' })
        ctx.progress({ done: 1, total: 2, message: 'one' })
        ctx.progress({ done: 2, total: 2 })
        return { all: 2 }
      },
      2,
    )
    expect(job.state).toBe('running')
    const done = await runner.settled(job.id)
    expect(done).toMatchObject({
      state: 'succeeded',
      result: { all: 2 },
      progress: { done: 2, total: 2 },
    })
    expect(done.endedAt).toBeDefined()
    expect(events.filter((e) => e.topic === 'job.partial')).toEqual([
      { topic: 'job.partial', jobId: job.id, partial: { name: 'a' } },
    ])
    const states = events.flatMap((e) => (e.topic === 'job' ? [e.job.state] : []))
    expect(states[0]).toBe('running')
    expect(states.at(-1)).toBe('succeeded')
  })

  it('cancel fires the AbortSignal and reports cancelled at once; late results are ignored', async () => {
    const events: ApiEvent[] = []
    const runner = new JobRunner((e) => events.push(e))
    let sawAbort = false
    let markStarted = () => {}
    const started = new Promise<void>((resolve) => (markStarted = resolve))
    const job = runner.start('crawl', async (ctx) => {
      markStarted()
      await untilAborted(ctx.signal).catch((err) => {
        sawAbort = true
        throw err
      })
    })
    await started
    const cancelled = runner.cancel(job.id)
    expect(cancelled.state).toBe('cancelled')
    expect(cancelled.error?.code).toBe('cancelled')
    const settled = await runner.settled(job.id)
    expect(sawAbort).toBe(true)
    expect(settled.state).toBe('cancelled')
    expect(runner.cancel(job.id).state).toBe('cancelled') // no-op once finished
    expect(events.filter((e) => e.topic === 'job' && e.job.state === 'cancelled')).toHaveLength(1)
  })

  it('never starts work cancelled before it began', async () => {
    const runner = new JobRunner(() => undefined)
    let started = false
    const job = runner.start('crawl', async () => {
      started = true
    })
    runner.cancel(job.id)
    expect((await runner.settled(job.id)).state).toBe('cancelled')
    expect(started).toBe(false)
  })

  it('reports failures as API errors and lists jobs newest first', async () => {
    const runner = new JobRunner(() => undefined)
    const a = runner.start('report', async () => {
      throw new ApiError('unreachable', 'nope')
    })
    await runner.settled(a.id)
    const b = runner.start('lookup', async () => 'x')
    await runner.settled(b.id)
    expect(runner.get(a.id)).toMatchObject({
      state: 'failed',
      error: { code: 'unreachable', message: 'nope' },
    })
    const listed = runner.list().map((j) => j.id)
    expect(new Set(listed)).toEqual(new Set([a.id, b.id]))
    expect(() => runner.get('nope')).toThrowError(/No job/)
  })

  it('internal errors lose their message (it could hold anything)', async () => {
    const runner = new JobRunner(() => undefined)
    const job = runner.start('crawl', async () => {
      throw new Error('password=hunter2 in a stack')
    })
    const done = await runner.settled(job.id)
    expect(done.error?.code).toBe('internal')
    expect(JSON.stringify(done)).not.toContain('hunter2')
  })
})
