import { Command, InvalidArgumentError } from 'commander'
import { ApiError } from '../../shared/api/errors'
import type { ApiEvent } from '../../shared/model/jobs'
import {
  SOURCE_KINDS,
  type ConnectionCheck,
  type SourceInput,
  type SourceView,
} from '../../shared/model/sources'
import type { ApiHost } from '../api/host'
import type { SourceTestResult } from '../api/sources-api'
import {
  action,
  CommandFailed,
  printJson,
  readStdin,
  withCommonOptions,
  withHost,
  type CommonOptions,
} from './cli-support'

const MEMORY_NOTE =
  'note: a password typed in (stdin or inside --url) is held in this command’s memory only and is forgotten when it exits; use --password-env VAR to save a reference.'

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}

function parseOption(value: string, previous: Record<string, string | number | boolean> = {}) {
  const eq = value.indexOf('=')
  if (eq <= 0) throw new InvalidArgumentError(`expected key=value, got "${value}"`)
  const key = value.slice(0, eq)
  const raw = value.slice(eq + 1)
  const parsed =
    raw === 'true'
      ? true
      : raw === 'false'
        ? false
        : /^-?\d+(\.\d+)?$/.test(raw)
          ? Number(raw)
          : raw
  return { ...previous, [key]: parsed }
}

function describeSecret(view: SourceView): string {
  switch (view.secretStorage) {
    case 'env-ref':
      return view.secretRef ?? 'env'
    case 'memory':
      return view.hasSecret ? 'memory (lost on exit)' : 'memory (lost: type it again)'
    case 'keychain':
      return view.hasSecret ? 'keychain' : 'keychain (not available here)'
    default:
      return '-'
  }
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)))
  for (const row of rows) {
    process.stdout.write(
      `${row
        .map((cell, col) => cell.padEnd(widths[col]!))
        .join('  ')
        .trimEnd()}\n`,
    )
  }
}

function describeCheck(name: string, check: ConnectionCheck): string {
  if (check.ok) {
    const facts = [
      check.serverVersion,
      check.latencyMs === undefined ? undefined : `${check.latencyMs} ms`,
    ]
    return `ok    ${name}: ${facts.filter(Boolean).join(', ')}`
  }
  return `FAIL  ${name}: ${check.error?.code ?? 'error'}: ${check.error?.message ?? 'unknown problem'}`
}

async function testAll(host: ApiHost, json: boolean): Promise<SourceTestResult[]> {
  const results: SourceTestResult[] = []
  let jobId: string | undefined
  const early: ApiEvent[] = []
  let unsubscribe = () => {}
  return new Promise<SourceTestResult[]>((resolve, reject) => {
    const onEvent = (event: ApiEvent) => {
      if (jobId === undefined) {
        early.push(event)
        return
      }
      if (event.topic === 'job.partial' && event.jobId === jobId) {
        const partial = event.partial as SourceTestResult
        results.push(partial)
        if (!json) process.stdout.write(`${describeCheck(partial.name, partial.check)}\n`)
      } else if (event.topic === 'job' && event.job.id === jobId) {
        if (event.job.state === 'succeeded') resolve(results)
        else if (event.job.state === 'failed' || event.job.state === 'cancelled') {
          reject(
            new ApiError(
              event.job.error?.code ?? 'internal',
              event.job.error?.message ?? 'The test job failed.',
            ),
          )
        }
      }
    }
    unsubscribe = host.subscribe(onEvent)
    host.api
      .testAllSources({})
      .then((started) => {
        jobId = started.jobId
        for (const event of early.splice(0)) onEvent(event)
      })
      .catch(reject)
  }).finally(() => unsubscribe())
}

export function sourcesCommand(): Command {
  const sources = new Command('sources').description(
    'list, add, remove and test the sources of a workspace',
  )

  withCommonOptions(
    sources.command('list').description('list the sources of catalog/sources.yaml'),
  ).action(
    action(async (opts: CommonOptions) => {
      const views = await withHost(opts, (host) => host.api.listSources({}))
      if (opts.json) return printJson(views)
      if (views.length === 0) {
        process.stdout.write('No sources yet: add one with `sightline sources add`.\n')
        return
      }
      printTable([
        ['NAME', 'KIND', 'URL', 'USER', 'PASSWORD'],
        ...views.map((v) => [v.name, v.kind, v.url, v.username ?? '-', describeSecret(v)]),
      ])
    }),
  )

  withCommonOptions(
    sources
      .command('add <name>')
      .description('add a source to catalog/sources.yaml')
      .requiredOption('--kind <kind>', `one of ${SOURCE_KINDS.join(', ')}`)
      .requiredOption('--url <url>', 'connection URL; may use ${env:VAR} and ${env:VAR:-default}')
      .option('--username <user>', 'user name; may use ${env:VAR}')
      .option('--password-env <VAR>', 'save the password as the reference ${env:VAR}')
      .option('--password-stdin', 'read the password from stdin (held in memory only)')
      .option(
        '--alias <alias>',
        'an alias (host:port, Debezium database.hostname...); repeatable',
        collect,
      )
      .option('--option <key=value>', 'a kind-specific option; repeatable', parseOption)
      .option('--description <text>', 'a description'),
  ).action(
    action(
      async (
        name: string,
        opts: CommonOptions & {
          kind: string
          url: string
          username?: string
          passwordEnv?: string
          passwordStdin?: boolean
          alias?: string[]
          option?: Record<string, string | number | boolean>
          description?: string
        },
      ) => {
        if (opts.passwordEnv && opts.passwordStdin) {
          throw new ApiError(
            'bad-input',
            'Give either --password-env or --password-stdin, not both.',
          )
        }
        const source = { name, kind: opts.kind, url: opts.url } as SourceInput
        if (opts.username !== undefined) source.username = opts.username
        if (opts.passwordEnv) source.passwordRef = `\${env:${opts.passwordEnv}}`
        if (opts.passwordStdin) source.password = await readStdin()
        if (opts.alias) source.aliases = opts.alias
        if (opts.option) source.options = opts.option
        if (opts.description !== undefined) source.description = opts.description
        const view = await withHost(opts, (host) => host.api.addSource({ source }))
        // Also when the password came inside --url: either way it dies with this process.
        if (view.secretStorage === 'memory') process.stderr.write(`${MEMORY_NOTE}\n`)
        if (opts.json) return printJson(view)
        process.stdout.write(`Added ${view.name} (${view.kind}) to catalog/sources.yaml.\n`)
      },
    ),
  )

  withCommonOptions(sources.command('remove <name>').description('remove a source')).action(
    action(async (name: string, opts: CommonOptions) => {
      const result = await withHost(opts, (host) => host.api.removeSource({ name }))
      if (opts.json) return printJson(result)
      process.stdout.write(`Removed ${result.removed}.\n`)
    }),
  )

  withCommonOptions(
    sources
      .command('test [name]')
      .description('test one source, or every source when no name is given')
      .option('--password-stdin', 'read the password for this test from stdin'),
  ).action(
    action(async (name: string | undefined, opts: CommonOptions & { passwordStdin?: boolean }) => {
      const json = Boolean(opts.json)
      if (name === undefined) {
        const results = await withHost(opts, (host) => testAll(host, json))
        if (json) printJson(results)
        else if (results.length === 0) process.stdout.write('No sources to test.\n')
        if (results.some((r) => !r.check.ok)) throw new CommandFailed()
        return
      }
      const password = opts.passwordStdin ? await readStdin() : undefined
      const check = await withHost(opts, async (host) => {
        if (password === undefined) return host.api.testSource({ name })
        const view = await host.api.getSource({ name })
        const source: SourceInput = {
          name: view.name,
          kind: view.kind,
          url: view.url,
          password,
          aliases: view.aliases,
          options: view.options,
        }
        if (view.username !== undefined) source.username = view.username
        return host.api.testSource({ source })
      })
      if (json) printJson({ name, check })
      else process.stdout.write(`${describeCheck(name, check)}\n`)
      if (!check.ok) throw new CommandFailed()
    }),
  )
  return sources
}
