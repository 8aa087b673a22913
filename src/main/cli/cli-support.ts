import type { Command } from 'commander'
import { toApiError, type ApiErrorShape } from '../../shared/api/errors'
import { createApiHost } from '../api/create-api-host'
import type { ApiHost } from '../api/host'
import { redactSecrets } from '../secrets/redact'
import { createMemorySecretStore } from '../secrets/memory-secret-store'
import { resolveWorkspaceDir } from '../workspace/workspace'

/** Options every command takes. */
export interface CommonOptions {
  json?: boolean
  workspace?: string
}

export function withCommonOptions(command: Command): Command {
  return command
    .option('--json', 'machine-readable output (one JSON document on stdout)')
    .option(
      '--workspace <dir>',
      'workspace folder (default: $SIGHTLINE_WORKSPACE, else the current directory)',
    )
}

/** The CLI runs the same API as the app, with secrets typed in kept in memory only. */
export async function openHost(opts: CommonOptions): Promise<ApiHost> {
  return createApiHost({
    workspaceDir: resolveWorkspaceDir(opts.workspace),
    mode: 'serve',
    secretStore: createMemorySecretStore(),
    // Who the audit log records: the OS user unless a shared machine configures a name.
    ...(process.env.SIGHTLINE_ACTOR ? { actor: process.env.SIGHTLINE_ACTOR } : {}),
  })
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
}

/** Thrown by a command to exit non-zero after it has printed its own result. */
export class CommandFailed extends Error {
  constructor(readonly exitCode = 1) {
    super('command failed')
  }
}

/**
 * Runs a command body: errors become one line `sightline: <code>: <message>` on stderr (or
 * `{"error": ...}` on stdout with --json) and exit code 1; never a stack trace.
 */
export function action<A extends unknown[]>(
  body: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const command = args[args.length - 1] as Command
    const json = Boolean((command.opts() as CommonOptions).json)
    try {
      await body(...args)
    } catch (err) {
      if (err instanceof CommandFailed) {
        process.exitCode = err.exitCode
        return
      }
      reportError(toApiError(err), json)
      process.exitCode = 1
    }
  }
}

export function reportError(error: ApiErrorShape, json: boolean): void {
  const safe = { ...error, message: redactSecrets(error.message) }
  if (json) printJson({ error: safe })
  else process.stderr.write(`sightline: ${safe.code}: ${safe.message}\n`)
}

export async function withHost<T>(
  opts: CommonOptions,
  work: (host: ApiHost) => Promise<T>,
): Promise<T> {
  const host = await openHost(opts)
  try {
    return await work(host)
  } finally {
    await host.close()
  }
}

/** Reads all of stdin (for --password-stdin), without the trailing newline. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
}
