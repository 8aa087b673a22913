import { z } from 'zod'
import { ApiError } from '../../shared/api/errors'
import type { ApiEvent } from '../../shared/model/jobs'
import type { ConnectionCheck, SourceView } from '../../shared/model/sources'
import type { AuditLog } from '../audit/audit-log'
import type { JobRunner } from '../jobs/job-runner'
import type { SecretStore } from '../secrets/secret-store'
import type { SourceEntry, SourcesFile } from '../workspace/sources-file'
import { addSourceArg, emptyArg, nameArg, sourceInput, updateSourceArg } from './schemas'
import { applySecretAction, entryToView, prepareEntry, resolveEntry } from './source-records'
import { checkFromError, checkResolvedSource, type ConnectorFactory } from './source-testing'
import { parseArg } from './validate'

export interface SourcesApiDeps {
  file: SourcesFile
  secretStore: SecretStore
  audit: AuditLog
  jobs: JobRunner
  emit: (event: ApiEvent) => void
  /** The connectors, loaded on first use. */
  loadConnectorFactory: () => Promise<ConnectorFactory>
  env: NodeJS.ProcessEnv
  testTimeoutMs?: number
  /** How many sources testAllSources checks at once. */
  testConcurrency?: number
}

export interface SourceTestResult {
  name: string
  check: ConnectionCheck
}

/** Sources CRUD and testing: sources.yaml + the secret store + the audit log. */
export function createSourcesApi(deps: SourcesApiDeps) {
  const { file, secretStore, audit, jobs, emit, env } = deps
  // sources.yaml is rewritten whole: one change at a time.
  let queue: Promise<unknown> = Promise.resolve()
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work)
    queue = next.catch(() => undefined)
    return next
  }

  const findEntry = (name: string): SourceEntry => {
    const entry = file.read().find((e) => e.name === name)
    if (!entry) throw new ApiError('not-found', `No source named "${name}".`, { name })
    return entry
  }

  const auditCheck = async (name: string, check: ConnectionCheck, draft: boolean) => {
    const details: Record<string, unknown> = { ok: check.ok }
    if (draft) details.draft = true
    if (check.error) details.code = check.error.code
    if (check.serverVersion) details.serverVersion = check.serverVersion
    await audit.record({ action: 'source.test', target: name, details })
  }

  const runCheck = async (
    entry: SourceEntry,
    opts: { signal?: AbortSignal; typedPassword?: string } = {},
  ): Promise<ConnectionCheck> => {
    let resolved
    try {
      resolved = await resolveEntry(entry, secretStore, env, opts.typedPassword)
    } catch (err) {
      return checkFromError(err)
    }
    const checkOpts: { signal?: AbortSignal; timeoutMs?: number } = {}
    if (opts.signal) checkOpts.signal = opts.signal
    if (deps.testTimeoutMs !== undefined) checkOpts.timeoutMs = deps.testTimeoutMs
    let factory: ConnectorFactory
    try {
      factory = await deps.loadConnectorFactory()
    } catch {
      return checkFromError(
        new ApiError('internal', 'The connectors could not be loaded: this build is broken.'),
      )
    }
    return checkResolvedSource(resolved, factory, checkOpts)
  }

  return {
    async listSources(arg: unknown): Promise<SourceView[]> {
      parseArg(emptyArg, arg)
      return Promise.all(file.read().map((entry) => entryToView(entry, secretStore)))
    },

    async getSource(arg: unknown): Promise<SourceView> {
      const { name } = parseArg(nameArg, arg)
      return entryToView(findEntry(name), secretStore)
    },

    async addSource(arg: unknown): Promise<SourceView> {
      const { source } = parseArg(addSourceArg, arg)
      return serialised(async () => {
        const prepared = prepareEntry(source, secretStore, env)
        if (file.read().some((e) => e.name === source.name)) {
          throw new ApiError('conflict', `A source named "${source.name}" already exists.`, {
            field: 'source.name',
          })
        }
        await applySecretAction(secretStore, source.name, prepared.secretAction)
        try {
          file.add(prepared.entry)
        } catch (err) {
          if (prepared.secretAction.type === 'set') await secretStore.delete(source.name)
          throw err
        }
        const view = await entryToView(prepared.entry, secretStore)
        await audit.record({
          action: 'source.add',
          target: source.name,
          details: { kind: source.kind, secretStorage: view.secretStorage },
        })
        emit({ topic: 'sources.changed' })
        return view
      })
    },

    async updateSource(arg: unknown): Promise<SourceView> {
      const { name, source } = parseArg(updateSourceArg, arg)
      return serialised(async () => {
        const existing = findEntry(name)
        const prepared = prepareEntry(source, secretStore, env, existing)
        file.replace(name, prepared.entry)
        if (source.name !== name) await secretStore.rename(name, source.name)
        await applySecretAction(secretStore, source.name, prepared.secretAction)
        const details: Record<string, unknown> = { kind: source.kind }
        if (source.name !== name) details.renamedFrom = name
        await audit.record({ action: 'source.update', target: source.name, details })
        emit({ topic: 'sources.changed' })
        return entryToView(prepared.entry, secretStore)
      })
    },

    async removeSource(arg: unknown): Promise<{ removed: string }> {
      const { name } = parseArg(nameArg, arg)
      return serialised(async () => {
        file.remove(name)
        await secretStore.delete(name)
        await audit.record({ action: 'source.remove', target: name })
        emit({ topic: 'sources.changed' })
        return { removed: name }
      })
    },

    async testSource(arg: unknown): Promise<ConnectionCheck> {
      const isDraft = typeof arg === 'object' && arg !== null && 'source' in arg
      if (!isDraft) {
        const { name } = parseArg(nameArg, arg)
        const check = await runCheck(findEntry(name))
        await auditCheck(name, check, false)
        return check
      }
      const { source } = parseArg(z.object({ source: sourceInput }).strict(), arg)
      // Editing a saved source without retyping its password tests with the saved secret.
      const existing = file.read().find((e) => e.name === source.name)
      const prepared = prepareEntry(source, secretStore, env, existing)
      const check =
        prepared.secretAction.type === 'set'
          ? await runCheck(prepared.entry, { typedPassword: prepared.typedPassword! })
          : await runCheck(prepared.entry)
      await auditCheck(source.name, check, true)
      return check
    },

    async testAllSources(arg: unknown): Promise<{ jobId: string }> {
      parseArg(emptyArg, arg)
      const entries = file.read()
      const concurrency = Math.max(1, deps.testConcurrency ?? 4)
      const job = jobs.start(
        'sources.test-all',
        async (ctx) => {
          const results: SourceTestResult[] = []
          let next = 0
          const worker = async () => {
            while (next < entries.length && !ctx.signal.aborted) {
              const entry = entries[next++]!
              const check = await runCheck(entry, { signal: ctx.signal })
              if (ctx.signal.aborted) return
              await auditCheck(entry.name, check, false)
              results.push({ name: entry.name, check })
              ctx.partial({ name: entry.name, check } satisfies SourceTestResult)
              ctx.progress({
                done: results.length,
                total: entries.length,
                message: `Tested ${entry.name} (${results.length} of ${entries.length})`,
              })
            }
          }
          await Promise.all(Array.from({ length: Math.min(concurrency, entries.length) }, worker))
          if (ctx.signal.aborted) throw new ApiError('cancelled', 'The job was cancelled.')
          return { results, ok: results.filter((r) => r.check.ok).length, total: entries.length }
        },
        entries.length,
      )
      return { jobId: job.id }
    },
  }
}
