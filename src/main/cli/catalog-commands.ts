import { writeFileSync } from 'node:fs'
import { Command, InvalidArgumentError, Option } from 'commander'
import type { CatalogDiff } from '../../shared/model/catalog'
import { printAsset, printDiff, printTable } from './catalog-output'
import { action, printJson, withCommonOptions, withHost, type CommonOptions } from './cli-support'

function limit(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 500)
    throw new InvalidArgumentError('expected a whole number from 1 to 500')
  return n
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}

/** An ISO date or time, as opposed to a crawl id. */
function looksLikeTime(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value))
}

/** `sightline catalog search|show|diff|export`. */
export function catalogCommand(): Command {
  const catalog = new Command('catalog').description(
    'search, show, diff and export the crawled catalogue',
  )

  withCommonOptions(
    catalog
      .command('search <text>')
      .description('full-text search over names, paths, descriptions and tags')
      .option('--limit <n>', 'at most this many hits (default 50)', limit),
  ).action(
    action(async (text: string, opts: CommonOptions & { limit?: number }) => {
      const hits = await withHost(opts, (host) =>
        host.api.searchCatalog(opts.limit === undefined ? { text } : { text, limit: opts.limit }),
      )
      if (opts.json) return printJson(hits)
      if (hits.length === 0) return void process.stdout.write(`Nothing matches "${text}".\n`)
      printTable([
        ['TITLE', 'KIND', 'MATCHED', 'URN'],
        ...hits.map((h) => [h.title, h.kind, h.matched, h.urn]),
      ])
    }),
  )

  withCommonOptions(
    catalog
      .command('show <urn>')
      .description(
        'one asset of the current catalogue: fields, types, keys, counts, masked value statistics',
      )
      .option('--crawl <id>', 'as of this crawl instead of the current catalogue'),
  ).action(
    action(async (urn: string, opts: CommonOptions & { crawl?: string }) => {
      const view = await withHost(opts, (host) =>
        host.api.getAsset(opts.crawl === undefined ? { urn } : { urn, crawlId: opts.crawl }),
      )
      if (opts.json) return printJson(view)
      printAsset(view)
    }),
  )

  withCommonOptions(
    catalog
      .command('diff')
      .description(
        'what changed between crawls (default: each source’s current crawl against the one before)',
      )
      .option('--source <name>', 'only this source')
      .option(
        '--since <crawl|time>',
        'compare against this crawl id, or the last crawl before this ISO time',
      ),
  ).action(
    action(async (opts: CommonOptions & { source?: string; since?: string }) => {
      const arg: { source?: string; since?: string; from?: string } = {}
      if (opts.source) arg.source = opts.source
      if (opts.since !== undefined) {
        if (looksLikeTime(opts.since)) arg.since = new Date(opts.since).toISOString()
        else arg.from = opts.since
      }
      const diffs: CatalogDiff[] = await withHost(opts, (host) => host.api.diffCatalog(arg))
      if (opts.json) return printJson(diffs)
      if (diffs.length === 0)
        return void process.stdout.write('Nothing crawled yet: run `sightline crawl`.\n')
      for (const diff of diffs) printDiff(diff)
    }),
  )

  withCommonOptions(
    catalog
      .command('export')
      .description(
        'the current catalogue as JSON (docs/catalog-export.md) or CSV (one row per field)',
      )
      .addOption(
        new Option('--format <format>', 'json or csv')
          .choices(['json', 'csv'])
          .makeOptionMandatory(),
      )
      .option('--out <file>', 'write to this file instead of stdout')
      .option('--source <name>', 'only this source; repeatable', collect)
      .option(
        '--raw-samples-reason <reason>',
        'include the raw sampled values held in memory (audited)',
      ),
  ).action(
    action(
      async (
        opts: CommonOptions & {
          format: 'json' | 'csv'
          out?: string
          source?: string[]
          rawSamplesReason?: string
        },
      ) => {
        const arg: { format: 'json' | 'csv'; sources?: string[]; rawSamples?: { reason: string } } =
          {
            format: opts.format,
          }
        if (opts.source) arg.sources = opts.source
        if (opts.rawSamplesReason !== undefined) arg.rawSamples = { reason: opts.rawSamplesReason }
        const result = await withHost(opts, (host) => host.api.exportCatalog(arg))
        if (opts.out === undefined) return void process.stdout.write(result.content)
        writeFileSync(opts.out, result.content, { mode: 0o600 })
        const summary = {
          out: opts.out,
          format: result.format,
          assets: result.assets,
          fields: result.fields,
        }
        if (opts.json) printJson(summary)
        else
          process.stdout.write(
            `Exported ${result.assets} assets, ${result.fields} fields to ${opts.out}.\n`,
          )
      },
    ),
  )
  return catalog
}
