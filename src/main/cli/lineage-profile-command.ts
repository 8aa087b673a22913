import { InvalidArgumentError } from 'commander'
import { ApiError } from '../../shared/api/errors'
import type { CrawlJobResult } from '../../shared/model/catalog'
import type { LineageSuggestion } from '../../shared/model/lineage'
import type { ApiHost } from '../api/host'
import { LINEAGE_PROFILE_MAX_SAMPLE_SIZE } from '../lineage/infer/lineage-profile'
import type { CommonOptions } from './cli-support'

/**
 * `sightline lineage suggestions --profile`: "Find suggestions" from the command line. Starts the
 * profile (a crawl job with a larger sample, docs/lineage.md), follows it to its end with its
 * progress on stderr (Ctrl-C cancels it), then the suggestions are listed as usual.
 */
export interface SuggestionsOptions extends CommonOptions {
  status?: LineageSuggestion['status']
  minScore?: number
  profile?: boolean
  sources?: string[]
  sampleSize?: number
}

export function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

export function profileSampleSize(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > LINEAGE_PROFILE_MAX_SAMPLE_SIZE)
    throw new InvalidArgumentError(
      `expected a whole number from 1 to ${LINEAGE_PROFILE_MAX_SAMPLE_SIZE}`,
    )
  return n
}

const POLL_MS = 250

export async function runProfile(host: ApiHost, opts: SuggestionsOptions): Promise<CrawlJobResult> {
  const { jobId, sampleSize } = await host.api.findLineageSuggestions({
    ...(opts.sources?.length ? { sources: opts.sources } : {}),
    ...(opts.sampleSize === undefined ? {} : { sampleSize: opts.sampleSize }),
  })
  process.stderr.write(`Finding suggestions: profiling sources at sample size ${sampleSize}\n`)
  const onSigint = () => void host.api.cancelJob({ id: jobId }).catch(() => undefined)
  process.once('SIGINT', onSigint)
  try {
    let last = ''
    for (;;) {
      const job = await host.api.getJob({ id: jobId })
      const line = job.progress.message ?? ''
      if (line && line !== last) process.stderr.write(`  ${line}\n`)
      last = line
      if (job.state === 'succeeded') {
        const result = job.result as CrawlJobResult
        const failed = result.crawls.filter((c) => c.status !== 'succeeded')
        for (const c of failed)
          process.stderr.write(
            `  ${c.source}: ${c.status}${c.error ? ` (${c.error.message})` : ''}\n`,
          )
        return result
      }
      if (job.state !== 'running')
        throw new ApiError(
          job.error?.code ?? 'internal',
          job.error?.message ?? `The profile ${job.state}.`,
        )
      await new Promise((r) => setTimeout(r, POLL_MS))
    }
  } finally {
    process.removeListener('SIGINT', onSigint)
  }
}
