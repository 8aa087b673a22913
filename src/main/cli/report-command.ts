import { writeFileSync } from 'node:fs'
import { Command, Option } from 'commander'
import { action, printJson, withCommonOptions, withHost, type CommonOptions } from './cli-support'

type Format = 'json' | 'csv' | 'html'

/** `sightline report personal-data --format json|csv|html [--out FILE] [--reason TEXT]`. */
export function reportCommand(): Command {
  const report = new Command('report').description('reports over the current catalogue')

  withCommonOptions(
    report
      .command('personal-data')
      .description(
        'the personal-data map: JSON (docs/personal-data.md), CSV (one row per field) or printable HTML; masked examples only, recorded in the audit log',
      )
      .addOption(
        new Option('--format <format>', 'json, csv or html')
          .choices(['json', 'csv', 'html'])
          .makeOptionMandatory(),
      )
      .option('--out <file>', 'write to this file instead of stdout')
      .option('--reason <reason>', 'why the report is made (recorded in the audit log)'),
  ).action(
    action(async (opts: CommonOptions & { format: Format; out?: string; reason?: string }) => {
      const result = await withHost(opts, (host) =>
        host.api.exportPersonalData({
          format: opts.format,
          ...(opts.reason === undefined ? {} : { reason: opts.reason }),
        }),
      )
      if (opts.out === undefined) return void process.stdout.write(result.content)
      writeFileSync(opts.out, result.content, { mode: 0o600 })
      if (opts.json) printJson({ out: opts.out, format: result.format, entries: result.entries })
      else
        process.stdout.write(
          `Wrote the personal-data report (${result.entries} fields, ${result.format}) to ${opts.out}.\n`,
        )
    }),
  )
  return report
}
