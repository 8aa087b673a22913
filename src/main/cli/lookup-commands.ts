import { writeFileSync } from 'node:fs'
import { Command, Option } from 'commander'
import { ApiError } from '../../shared/api/errors'
import type { JobView } from '../../shared/model/jobs'
import type { LookupInput, LookupJobPartial, LookupResult } from '../../shared/model/lookup'
import type { ApiHost } from '../api/host'
import { action, printJson, withCommonOptions, withHost, type CommonOptions } from './cli-support'
import { lookupIndexCommand } from './lookup-index-command'
import { printErasurePlan, printLookup, printPlan } from './lookup-output'

/**
 * `sightline lookup`, `sightline dsar` and `sightline erasure-plan` (issue 7): one identifier in,
 * the person out, on the same API as the app. Every lookup is audited with its reason; values
 * print masked; the DSAR file holds raw values and is written readable by its owner only.
 */

interface IdentifierOptions {
  email?: string
  phone?: string
  id?: string
  name?: string
  postcode?: string
  dob?: string
}

interface LookupOptions extends CommonOptions, IdentifierOptions {
  reason?: string
  depth?: string
  scans?: 'skip' | 'warn' | 'allow'
  sources?: string
  timeout?: string
}

function identifierOptions(command: Command): Command {
  return command
    .argument('[identifier]', 'any identifier: its kind is recognised')
    .option('--email <email>', 'an email address')
    .option('--phone <phone>', 'a phone number, in any format')
    .option('--id <number>', 'a customer or loyalty number')
    .option('--name <name>', 'a name, with --postcode or --dob')
    .option('--postcode <postcode>', 'a postcode, with --name')
    .option('--dob <date>', 'a date of birth, with --name')
    .option('--reason <reason>', 'why (required; recorded in the audit log)')
    .option('--depth <n>', 'how many pivots to follow (default 2)')
    .addOption(
      new Option('--scans <mode>', 'stores without an index').choices(['skip', 'warn', 'allow']),
    )
    .option('--sources <names>', 'only these sources (comma-separated)')
    .option('--timeout <ms>', 'per-source timeout in milliseconds')
}

/** The one identifier given, as the API's LookupInput. */
export function lookupInputOf(positional: string | undefined, o: IdentifierOptions): LookupInput {
  const given: LookupInput[] = []
  if (positional !== undefined) given.push({ value: positional })
  if (o.email !== undefined) given.push({ value: o.email, kind: 'email' })
  if (o.phone !== undefined) given.push({ value: o.phone, kind: 'phone' })
  if (o.id !== undefined) given.push({ value: o.id, kind: 'customer-number' })
  if (o.name !== undefined) {
    if (o.postcode !== undefined)
      given.push({
        value: `${o.name} ${o.postcode}`,
        kind: 'name-postcode',
        parts: { name: o.name, postcode: o.postcode },
      })
    else if (o.dob !== undefined)
      given.push({
        value: `${o.name} ${o.dob}`,
        kind: 'name-dob',
        parts: { name: o.name, dob: o.dob },
      })
    else
      throw new ApiError('bad-input', 'A name alone is too broad: add --postcode or --dob.', {
        field: 'name',
      })
  } else if (o.postcode !== undefined) given.push({ value: o.postcode, kind: 'postcode' })
  if (given.length !== 1)
    throw new ApiError(
      'bad-input',
      given.length === 0
        ? 'Give one identifier: --email, --phone, --id, --name with --postcode or --dob, or the value itself.'
        : 'Give only one identifier.',
      { field: 'identifier' },
    )
  return given[0]!
}

function optionsOf(o: LookupOptions) {
  const int = (text: string | undefined, field: string) => {
    if (text === undefined) return undefined
    const n = Number(text)
    if (!Number.isInteger(n) || n < 0)
      throw new ApiError('bad-input', `${field}: expected a whole number`, { field })
    return n
  }
  const depth = int(o.depth, 'depth')
  const timeoutMs = int(o.timeout, 'timeout')
  return {
    ...(depth === undefined ? {} : { depth }),
    ...(o.scans === undefined ? {} : { scans: o.scans }),
    ...(o.sources === undefined
      ? {}
      : {
          sources: o.sources
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  }
}

function requireReason(o: LookupOptions): string {
  if (!o.reason?.trim())
    throw new ApiError(
      'bad-input',
      'reason: a reason is required (--reason); it is recorded in the audit log.',
      {
        field: 'reason',
      },
    )
  return o.reason
}

/** Starts a lookup and waits for its job; per-source progress on stderr unless --json. */
export async function runLookup(
  host: ApiHost,
  input: LookupInput,
  o: LookupOptions,
): Promise<LookupResult> {
  const finished = new Map<string, JobView>()
  const waiters = new Map<string, (job: JobView) => void>()
  const unsubscribe = host.subscribe((event) => {
    if (event.topic === 'job' && ['succeeded', 'failed', 'cancelled'].includes(event.job.state)) {
      finished.set(event.job.id, event.job)
      waiters.get(event.job.id)?.(event.job)
    } else if (event.topic === 'job.partial' && !o.json) {
      const p = event.partial as LookupJobPartial
      if (p?.kind === 'status' && p.status.state !== 'running' && p.status.state !== 'queued')
        process.stderr.write(
          `  ${p.status.source}: ${p.status.state} (${p.status.records} records)\n`,
        )
    }
  })
  try {
    const { jobId, lookupId } = await host.api.startLookup({
      input,
      reason: requireReason(o),
      ...optionsOf(o),
    })
    const job =
      finished.get(jobId) ?? (await new Promise<JobView>((resolve) => waiters.set(jobId, resolve)))
    if (job.state !== 'succeeded')
      throw new ApiError(job.error?.code ?? 'internal', job.error?.message ?? 'The lookup failed.')
    return await host.api.getLookup({ lookupId })
  } finally {
    unsubscribe()
  }
}

export function lookupCommands(): Command[] {
  const lookup = withCommonOptions(
    identifierOptions(
      new Command('lookup').description(
        'look one customer up across every store (audited; values masked); --plan shows what would be asked',
      ),
    ).option(
      '--plan',
      'dry run: which stores, fields and indexes would be asked, and what cannot be',
    ),
  ).action(
    action(async (positional: string | undefined, o: LookupOptions & { plan?: boolean }) => {
      const input = lookupInputOf(positional, o)
      await withHost(o, async (host) => {
        if (o.plan) {
          const plan = await host.api.planLookup({ input, ...optionsOf(o) })
          return o.json ? printJson(plan) : printPlan(plan)
        }
        const result = await runLookup(host, input, o)
        return o.json ? printJson(result) : printLookup(result)
      })
    }),
  )

  const dsar = withCommonOptions(
    identifierOptions(
      new Command('dsar').description(
        'subject access (GDPR Article 15): every datum found for the person with its processing attributes, as JSON or printable HTML (raw values; audited as an export)',
      ),
    )
      .addOption(
        new Option('--format <format>', 'json or html').choices(['json', 'html']).default('json'),
      )
      .option('--out <file>', 'write to this file (mode 600) instead of stdout'),
  ).action(
    action(
      async (
        positional: string | undefined,
        o: LookupOptions & { format: 'json' | 'html'; out?: string },
      ) => {
        const input = lookupInputOf(positional, o)
        const result = await withHost(o, async (host) => {
          const found = await runLookup(host, input, o)
          return host.api.exportSubjectAccess({
            lookupId: found.lookupId,
            format: o.format,
            reason: requireReason(o),
          })
        })
        if (o.out === undefined) return void process.stdout.write(result.content)
        writeFileSync(o.out, result.content, { mode: 0o600 })
        if (o.json) printJson({ out: o.out, format: result.format, records: result.records })
        else
          process.stdout.write(
            `Wrote the subject-access report (${result.records} records, ${result.format}) to ${o.out}.\n`,
          )
      },
    ),
  )

  const erasure = withCommonOptions(
    identifierOptions(
      new Command('erasure-plan').description(
        'erasure (GDPR Article 17) as a plan, never executed: the rows, documents and keyed topic records holding the person, and what would re-create them',
      ),
    ),
  ).action(
    action(async (positional: string | undefined, o: LookupOptions) => {
      const input = lookupInputOf(positional, o)
      await withHost(o, async (host) => {
        const found = await runLookup(host, input, o)
        const plan = await host.api.getErasurePlan({
          lookupId: found.lookupId,
          reason: requireReason(o),
        })
        return o.json ? printJson(plan) : printErasurePlan(plan)
      })
    }),
  )
  return [lookup, dsar, erasure, lookupIndexCommand()]
}
