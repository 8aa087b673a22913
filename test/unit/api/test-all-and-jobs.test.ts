import { afterEach, describe, expect, it } from 'vitest'
import { API_METHODS } from '../../../src/shared/api/contract'
import type { ApiEvent, JobView } from '../../../src/shared/model/jobs'
import type { ApiHost } from '../../../src/main/api/host'
import { makeKit, okCheck, type Kit } from '../../support/api-host-kit'

function waitForJob(
  host: ApiHost,
  events: ApiEvent[],
  jobId: string,
  state: JobView['state'],
): Promise<JobView> {
  return new Promise((resolve) => {
    const check = () => {
      const hit = events.find(
        (e) => e.topic === 'job' && e.job.id === jobId && e.job.state === state,
      )
      if (hit && hit.topic === 'job') {
        unsubscribe()
        resolve(hit.job)
      }
    }
    const unsubscribe = host.subscribe(() => check())
    check()
  })
}

describe('testAllSources and jobs', () => {
  let kit: Kit
  afterEach(async () => kit?.dispose())

  it('tests every source concurrently as a job, each check arriving as job.partial', async () => {
    kit = await makeKit(async (source) =>
      source.name === 'down'
        ? {
            ok: false,
            reachable: false,
            authenticated: false,
            error: { code: 'unreachable', message: 'refused' },
            checkedAt: 'now',
          }
        : okCheck(),
    )
    const api = kit.host.api
    for (const name of ['a', 'b', 'down']) {
      await api.addSource({ source: { name, kind: 'kafka', url: 'kafka://h:9092' } })
    }
    const { jobId } = await api.testAllSources({})
    const done = await waitForJob(kit.host, kit.events, jobId, 'succeeded')
    expect(done.progress).toMatchObject({ done: 3, total: 3 })
    expect(done.result).toMatchObject({ ok: 2, total: 3 })
    const partials = kit.events.flatMap((e) =>
      e.topic === 'job.partial' && e.jobId === jobId ? [e.partial] : [],
    )
    expect(partials).toHaveLength(3)
    expect(partials).toContainEqual(
      expect.objectContaining({ name: 'down', check: expect.objectContaining({ ok: false }) }),
    )
    expect((await api.getJob({ id: jobId })).state).toBe('succeeded')
    expect((await api.listJobs({})).map((j) => j.id)).toContain(jobId)
    const audited = (await api.listAudit({}))
      .filter((e) => e.action === 'source.test')
      .map((e) => e.target)
    expect(audited.sort()).toEqual(['a', 'b', 'down'])
  })

  it('is cancellable: the connectors see the abort and the job ends cancelled', async () => {
    const aborted: string[] = []
    let startedCount = 0
    let allStarted = () => {}
    const started = new Promise<void>((resolve) => (allStarted = resolve))
    kit = await makeKit(
      (source, signal) =>
        new Promise((resolve) => {
          startedCount++
          if (startedCount === 3) allStarted()
          signal?.addEventListener('abort', () => {
            aborted.push(source.name)
            resolve({
              ok: false,
              reachable: false,
              authenticated: false,
              error: { code: 'cancelled', message: 'x' },
              checkedAt: 'now',
            })
          })
        }),
    )
    const api = kit.host.api
    for (const name of ['a', 'b', 'c'])
      await api.addSource({ source: { name, kind: 'kafka', url: 'kafka://h:9092' } })
    const { jobId } = await api.testAllSources({})
    await started
    const cancelled = await api.cancelJob({ id: jobId })
    expect(cancelled.state).toBe('cancelled')
    await waitForJob(kit.host, kit.events, jobId, 'cancelled')
    expect(aborted.sort()).toEqual(['a', 'b', 'c'])
    // Checks that end after the cancel are neither reported nor audited.
    expect(kit.events.some((e) => e.topic === 'job.partial' && e.jobId === jobId)).toBe(false)
    expect((await api.getJob({ id: jobId })).state).toBe('cancelled')
  })

  it('every method validates its argument and rejects (never throws) with bad-input', async () => {
    kit = await makeKit()
    for (const method of API_METHODS) {
      const call = (kit.host.api[method] as (arg: unknown) => Promise<unknown>)({ bogus: 1 })
      expect(call, method).toBeInstanceOf(Promise)
      await expect(call, method).rejects.toMatchObject({ code: 'bad-input' })
    }
  })
})
