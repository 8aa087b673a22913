import type { ApiHost } from '../../src/main/api/host'
import type { CrawlJobResult } from '../../src/shared/model/catalog'
import type { JobView } from '../../src/shared/model/jobs'

const FINAL = new Set(['succeeded', 'failed', 'cancelled'])

/**
 * The job once it has ended, from the host's own `job` events (what the UI listens to), not by
 * polling: subscribed before the first read, so an end between the two is never missed.
 */
export function jobEnd(host: ApiHost, jobId: string): Promise<JobView> {
  return new Promise((resolve, reject) => {
    const unsubscribe = host.subscribe((event) => {
      if (event.topic === 'job' && event.job.id === jobId && FINAL.has(event.job.state)) {
        unsubscribe()
        resolve(event.job)
      }
    })
    host.api.getJob({ id: jobId }).then((job) => {
      if (FINAL.has(job.state)) {
        unsubscribe()
        resolve(job)
      }
    }, reject)
  })
}

/** Runs a crawl job to its end; anything but `succeeded` is an error naming why. */
export async function crawlToEnd(
  host: ApiHost,
  arg: Parameters<ApiHost['api']['startCrawl']>[0] = {},
): Promise<CrawlJobResult> {
  const { jobId } = await host.api.startCrawl(arg)
  const job = await jobEnd(host, jobId)
  if (job.state !== 'succeeded') throw new Error(`crawl job ${job.state}: ${job.error?.message}`)
  return job.result as CrawlJobResult
}
