import { Command } from 'commander'
import { ApiError } from '../../shared/api/errors'
import type { JobView } from '../../shared/model/jobs'
import type { LookupIndexStatus } from '../../shared/model/lookup'
import type { ApiHost } from '../api/host'
import { action, printJson, withCommonOptions, withHost, type CommonOptions } from './cli-support'

/**
 * `sightline lookup-index status|build|rebuild` (issue 7 item 4, docs/lookup-index.md): the Kafka
 * lookup index the app keeps current, from the shell. `build` catches up once and waits; the
 * index is in the workspace's store, so a later `sightline lookup` uses it.
 */

interface IndexOptions extends CommonOptions {
  source?: string
}

/** "3.2 s", "4 min", "2 h": how long ago the index last reached the high watermark. */
export function ageText(ms: number | undefined): string {
  if (ms === undefined) return 'never caught up'
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s ago`
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min ago`
  return `${Math.round(ms / 3_600_000)} h ago`
}

/** The status as text: one block per source, one line per topic. */
export function formatIndexStatus(all: readonly LookupIndexStatus[]): string {
  if (all.length === 0)
    return 'No Kafka source has identifier fields in the catalogue: crawl first (sightline crawl).\n'
  const lines: string[] = []
  for (const s of all) {
    const pct = Math.floor(s.progress * 100)
    lines.push(
      `${s.source}: ${s.state}${s.state === 'building' ? ` ${pct}%` : ''}, ${s.fields} fields, ` +
        `${s.freshness?.entries ?? 0} entries, ${pct}% indexed, last caught up ${ageText(s.ageMs)}` +
        (s.freshness && !s.freshness.live ? ' (Kafka not asked: stored watermarks)' : ''),
    )
    if (s.error) lines.push(`  error: ${s.error.code}: ${s.error.message}`)
    for (const t of s.freshness?.topics ?? [])
      lines.push(`  ${t.topic}: ${t.lag === 0 ? 'current' : `${t.lag} messages behind`}`)
  }
  return `${lines.join('\n')}\n`
}

async function waitForJob(host: ApiHost, jobId: string): Promise<JobView> {
  return new Promise((resolve) => {
    const done = (job: JobView) => ['succeeded', 'failed', 'cancelled'].includes(job.state)
    const off = host.subscribe((e) => {
      if (e.topic === 'job' && e.job.id === jobId) {
        if (done(e.job)) {
          off()
          resolve(e.job)
        }
      }
    })
    void host.api.getJob({ id: jobId }).then((job) => {
      if (done(job)) {
        off()
        resolve(job)
      }
    })
  })
}

export function lookupIndexCommand(): Command {
  const command = new Command('lookup-index').description(
    "Sightline's lookup index of Kafka topics (identifiers as HMACs, in the workspace's store)",
  )
  command.addCommand(
    withCommonOptions(
      new Command('status')
        .description('how fresh the index is: per topic, lag in messages, and age')
        .option('--source <name>', 'only this Kafka source'),
    ).action(
      action(async (o: IndexOptions) => {
        await withHost(o, async (host) => {
          const status = await host.api.getLookupIndexStatus(o.source ? { source: o.source } : {})
          if (o.json) printJson(status)
          else process.stdout.write(formatIndexStatus(status))
        })
      }),
    ),
  )
  for (const verb of ['build', 'rebuild'] as const)
    command.addCommand(
      withCommonOptions(
        new Command(verb)
          .description(
            verb === 'build'
              ? 'index what is not indexed yet, up to the high watermarks, and wait'
              : 'drop the index and build it again from the start of each topic',
          )
          .option('--source <name>', 'only this Kafka source'),
      ).action(
        action(async (o: IndexOptions) => {
          await withHost(o, async (host) => {
            const unsubscribe = o.json
              ? () => undefined
              : host.subscribe((e) => {
                  if (e.topic === 'job' && e.job.kind === 'lookup-index' && e.job.progress.message)
                    process.stderr.write(`  ${e.job.progress.message}\n`)
                })
            try {
              const { jobId } = await host.api.controlLookupIndex({
                action: verb,
                ...(o.source ? { source: o.source } : {}),
              })
              const job = await waitForJob(host, jobId!)
              if (job.state !== 'succeeded')
                throw new ApiError(
                  job.error?.code ?? 'internal',
                  job.error?.message ?? 'The lookup index build failed.',
                )
              const status = await host.api.getLookupIndexStatus(
                o.source ? { source: o.source } : {},
              )
              if (o.json) printJson({ result: job.result, status })
              else process.stdout.write(formatIndexStatus(status))
            } finally {
              unsubscribe()
            }
          })
        }),
      ),
    )
  return command
}
