import { Command, InvalidArgumentError } from 'commander'
import {
  action,
  CommandFailed,
  printJson,
  withCommonOptions,
  withHost,
  type CommonOptions,
} from './cli-support'

function positiveInt(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new InvalidArgumentError('expected a whole number from 1 to 1000')
  return n
}

export function auditCommand(): Command {
  return withCommonOptions(
    new Command('audit')
      .description('show the audit log, newest first, or verify its hash chain')
      .option(
        '--verify',
        'recompute the hash chain; exit 1 if an entry was altered, removed or reordered',
      )
      .option('--limit <n>', 'how many entries to show (default 100)', positiveInt),
  ).action(
    action(async (opts: CommonOptions & { verify?: boolean; limit?: number }) => {
      if (opts.verify) {
        const result = await withHost(opts, (host) => host.api.verifyAudit({}))
        if (opts.json) printJson(result)
        else if (result.ok)
          process.stdout.write(`Audit log OK: ${result.entries} entries, chain intact.\n`)
        else
          process.stdout.write(
            `Audit log TAMPERED at entry ${result.firstBadSeq}: ${result.problem}.\n`,
          )
        if (!result.ok) throw new CommandFailed()
        return
      }
      const entries = await withHost(opts, (host) =>
        host.api.listAudit(opts.limit === undefined ? {} : { limit: opts.limit }),
      )
      if (opts.json) return printJson(entries)
      if (entries.length === 0) process.stdout.write('The audit log is empty.\n')
      for (const e of entries) {
        const extras = [
          e.target,
          e.reason ? `reason: ${e.reason}` : undefined,
          e.fields?.length ? `fields: ${e.fields.join(', ')}` : undefined,
          e.details ? JSON.stringify(e.details) : undefined,
        ].filter(Boolean)
        process.stdout.write(
          `${String(e.seq).padStart(5)}  ${e.at}  ${e.actor}  ${e.action}  ${extras.join('  ')}\n`,
        )
      }
    }),
  )
}
