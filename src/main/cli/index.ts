import { Command } from 'commander'
import { APP_VERSION } from '../api/app-info-api'
import { redactSecrets } from '../secrets/redact'
import { auditCommand } from './audit-command'
import { catalogCommand } from './catalog-commands'
import { crawlCommand } from './crawl-command'
import { lineageCommand } from './lineage-commands'
import { lookupCommands } from './lookup-commands'
import { reportCommand } from './report-command'
import { serveCommand } from './serve-command'
import { sourcesCommand } from './sources-commands'

/**
 * The `sightline` command line, on the same API implementation as the app (DESIGN.md §1).
 * Every command takes --json and --workspace and exits non-zero on failure.
 */
// `sightline sources list | head` closes the pipe early: that is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw err
})

const program = new Command('sightline')
  .description(
    'Sightline: data catalogue, lineage and customer lookup for single-customer-view estates',
  )
  .version(APP_VERSION)
  .showSuggestionAfterError()
  // `sightline lineage path A B --json`: options after a nested command are that command's.
  .enablePositionalOptions()
  .addCommand(sourcesCommand())
  .addCommand(serveCommand())
  .addCommand(auditCommand())
  .addCommand(crawlCommand())
  .addCommand(catalogCommand())
  .addCommand(reportCommand())
  .addCommand(lineageCommand())

for (const command of lookupCommands()) program.addCommand(command)

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(
    `sightline: internal: ${err instanceof Error ? redactSecrets(err.message) : 'unexpected failure'}\n`,
  )
  process.exitCode = 1
})
