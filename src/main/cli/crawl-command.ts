import { Command, InvalidArgumentError } from 'commander'
import { ApiError } from '../../shared/api/errors'
import type { CrawlJobResult, CrawlSourceProgress, CrawlSummary } from '../../shared/model/catalog'
import type { ApiEvent } from '../../shared/model/jobs'
import type { ApiHost } from '../api/host'
import { printTable } from './catalog-output'
import {
  action,
  CommandFailed,
  printJson,
  withCommonOptions,
  withHost,
  type CommonOptions,
} from './cli-support'

function sampleSize(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 10_000)
    throw new InvalidArgumentError('expected a whole number from 0 to 10000')
  return n
}

function describeProgress(p: CrawlSourceProgress): string {
  const parts =
    p.total === undefined ? (p.done > 0 ? `${p.done} parts` : '') : `${p.done}/${p.total} parts`
  const facts = [parts, p.state === 'queued' ? '' : `${p.assets} assets`, p.message ?? '']
  const error = p.error ? `: ${p.error.code}: ${p.error.message}` : ''
  return `${p.source}  ${p.state}  ${facts.filter(Boolean).join(', ')}${error}`.trimEnd()
}

/** Starts the crawl job and follows its events to the end; Ctrl-C cancels it. */
async function runCrawlJob(
  host: ApiHost,
  arg: { sources?: string[]; sampleSize?: number },
  onProgress: (p: CrawlSourceProgress) => void,
): Promise<CrawlJobResult> {
  let jobId: string | undefined
  const early: ApiEvent[] = []
  let unsubscribe = () => {}
  const onSigint = () => {
    if (jobId) void host.api.cancelJob({ id: jobId }).catch(() => undefined)
  }
  process.once('SIGINT', onSigint)
  return new Promise<CrawlJobResult>((resolve, reject) => {
    const onEvent = (event: ApiEvent) => {
      if (jobId === undefined) return void early.push(event)
      if (event.topic === 'job.partial' && event.jobId === jobId) {
        onProgress(event.partial as CrawlSourceProgress)
      } else if (event.topic === 'job' && event.job.id === jobId) {
        if (event.job.state === 'succeeded') resolve(event.job.result as CrawlJobResult)
        else if (event.job.state === 'failed' || event.job.state === 'cancelled')
          reject(
            new ApiError(
              event.job.error?.code ?? 'internal',
              event.job.error?.message ?? 'The crawl failed.',
            ),
          )
      }
    }
    unsubscribe = host.subscribe(onEvent)
    host.api
      .startCrawl(arg)
      .then((started) => {
        jobId = started.jobId
        for (const event of early.splice(0)) onEvent(event)
      })
      .catch(reject)
  }).finally(() => {
    unsubscribe()
    process.removeListener('SIGINT', onSigint)
  })
}

function summaryRow(c: CrawlSummary): string[] {
  const seconds = c.durationMs === undefined ? '-' : `${(c.durationMs / 1000).toFixed(1)} s`
  const problem = c.error
    ? `${c.error.code}: ${c.error.message}`
    : c.partErrors?.length
      ? `${c.partErrors.length} part(s) failed: ${c.partErrors.map((p) => `${p.part} (${p.error.code})`).join(', ')}`
      : ''
  return [c.source, c.status, String(c.assets), String(c.fields), seconds, problem]
}

/** `sightline crawl [SOURCE...]`: exit 0 when every source succeeded, else 1. */
export function crawlCommand(): Command {
  return withCommonOptions(
    new Command('crawl')
      .description(
        'crawl sources (default: all) into the catalogue; progress on stderr, a summary on stdout',
      )
      .argument('[sources...]', 'source names of catalog/sources.yaml')
      .option(
        '--sample-size <n>',
        'records / messages / documents to sample per asset (0: none)',
        sampleSize,
      ),
  ).action(
    action(async (sources: string[], opts: CommonOptions & { sampleSize?: number }) => {
      const arg: { sources?: string[]; sampleSize?: number } = {}
      if (sources.length > 0) arg.sources = sources
      if (opts.sampleSize !== undefined) arg.sampleSize = opts.sampleSize
      const lastLine = new Map<string, string>()
      const result = await withHost(opts, (host) =>
        runCrawlJob(host, arg, (p) => {
          // One line per change that a person would care about, not per batch.
          const line = describeProgress(p)
          const key = `${p.state}|${p.done}|${p.total ?? ''}|${p.error?.code ?? ''}`
          if (lastLine.get(p.source) === key) return
          lastLine.set(p.source, key)
          process.stderr.write(`${line}\n`)
        }),
      )
      if (opts.json) printJson(result)
      else if (result.crawls.length === 0) process.stdout.write('No sources to crawl.\n')
      else
        printTable([
          ['SOURCE', 'STATUS', 'ASSETS', 'FIELDS', 'TIME', 'PROBLEM'],
          ...result.crawls.map(summaryRow),
        ])
      if (result.crawls.some((c) => c.status !== 'succeeded')) throw new CommandFailed()
    }),
  )
}
