import { createHash } from 'node:crypto'
import { ApiError } from '../../shared/api/errors'
import type { AuditLog } from '../audit/audit-log'
import { withSchemaRegistry } from '../connectors/kafka/lookup-registry'
import type { JobRunner } from '../jobs/job-runner'
import type { LineageService } from '../lineage/lineage-service'
import { indexedFieldsBySource } from '../lookup/kafka-index/catalogue-index-fields'
import type { IndexedField } from '../lookup/kafka-index/index-fields'
import { LookupIndexManager } from '../lookup/kafka-index/lookup-index-manager'
import { buildLookupContext, type LookupContext } from '../lookup/lookup-context'
import { loadLookupParts } from '../lookup/lookup-parts'
import { LookupService } from '../lookup/lookup-service'
import type { SecretStore } from '../secrets/secret-store'
import type { CatalogStore } from '../store/catalog-store'
import type { ClassificationsFile } from '../workspace/classifications-file'
import type { ProcessingFile } from '../workspace/processing-file'
import type { SourcesFile } from '../workspace/sources-file'
import { APP_VERSION } from './app-info-api'
import { memoByState } from './memo-by-state'
import { resolveEntry } from './source-records'
import type { ConnectorFactory } from './source-testing'

type ResolvedSource = Awaited<ReturnType<typeof resolveEntry>>

export interface LookupWiringDeps {
  lineage: LineageService
  classifications: ClassificationsFile
  processing: ProcessingFile
  sourcesFile: SourcesFile
  secretStore: SecretStore
  env: NodeJS.ProcessEnv
  workspace: string
  audit: AuditLog
  jobs: JobRunner
  loadConnectorFactory: () => Promise<ConnectorFactory>
  /** Sightline's Kafka lookup index (createLookupIndexManager), for the planner and executor. */
  lookupIndex?: LookupIndexManager
}

/**
 * Lookups (and each index probe) ask for the lineage state many times: a listing of catalog/ up
 * to a second old will do unless a change was seen (lineage/catalog-stamps.ts).
 */
const LOOKUP_LINEAGE = { catalogMaxAgeMs: 1_000 }

/** Reads a catalog/ file; a broken one is reported where it is edited, not in every lookup. */
function lenient<T>(read: () => T, fallback: T): T {
  try {
    return read()
  } catch {
    return fallback
  }
}

/**
 * The composition root's lookup: lineage and the personal-data map in, connectors per source.
 * Built once per lineage state (which changes with every crawl and every catalog/ file, the
 * classifications and processing files included), not once per lookup: at bench scale the
 * personal-data map over every asset was a large part of a warm lookup.
 */
function lookupContext(deps: Omit<LookupWiringDeps, 'lookupIndex'>) {
  return memoByState(
    () => deps.lineage.state(LOOKUP_LINEAGE),
    (state): LookupContext =>
      buildLookupContext({
        state,
        decisions: lenient(() => deps.classifications.readMap(), new Map()),
        processing: lenient(() => deps.processing.read(), []),
        workspace: deps.workspace,
      }),
  )
}

/**
 * The lookup index's manager (docs/lookup-index.md): its fields are the catalogue's classified
 * identifier fields of Kafka topics (re-read at most every 10 s, or when the catalogue changes);
 * each source is resolved with its schema registry for Avro values.
 */
export function createLookupIndexManager(
  deps: Omit<LookupWiringDeps, 'lookupIndex'> & {
    store: Pick<CatalogStore, 'lookupIndex' | 'workspaceKey'>
    pollMs?: number
  },
): LookupIndexManager {
  const context = lookupContext(deps)
  let cached: { state: unknown; at: number; fields: Map<string, IndexedField[]> } | undefined
  const resolve = async (name: string) => {
    const entry = deps.sourcesFile.read().find((e) => e.name === name)
    if (!entry) throw new ApiError('not-found', `No source named "${name}".`, { name })
    return resolveEntry(entry, deps.secretStore, deps.env)
  }
  return new LookupIndexManager({
    store: deps.store,
    ...(deps.pollMs === undefined ? {} : { pollMs: deps.pollMs }),
    fields: async () => {
      const state = await deps.lineage.state(LOOKUP_LINEAGE)
      if (cached && cached.state === state && Date.now() - cached.at < 10_000) return cached.fields
      const ctx = await context()
      const fields = indexedFieldsBySource({
        assets: ctx.snapshot.assets.values(),
        categories: ctx.categories,
      })
      cached = { state, at: Date.now(), fields }
      return fields
    },
    resolve: async (name) => {
      const source = await resolve(name)
      if (source.kind !== 'kafka')
        throw new ApiError('bad-input', `Source "${name}" is not a Kafka source.`, { name })
      const registry = source.options.schemaRegistry
      if (typeof registry !== 'string' || registry === '') return { source }
      return { source, schemaRegistry: await resolve(registry) }
    },
  })
}

/** The named source and, for Kafka, its schema registry's entry, with their secrets resolved. */
async function resolveWithRegistry(
  deps: Pick<LookupWiringDeps, 'sourcesFile' | 'secretStore' | 'env'>,
  name: string,
): Promise<{ source: ResolvedSource; registry?: ResolvedSource } | undefined> {
  const entries = deps.sourcesFile.read()
  const entry = entries.find((e) => e.name === name)
  if (!entry) return undefined
  const source = await resolveEntry(entry, deps.secretStore, deps.env)
  const registryName = source.kind === 'kafka' ? source.options.schemaRegistry : undefined
  const registry = entries.find((e) => e.name === registryName)
  if (!registry) return { source }
  return { source, registry: await resolveEntry(registry, deps.secretStore, deps.env) }
}

export function createLookupService(deps: LookupWiringDeps): LookupService {
  return new LookupService({
    context: lookupContext(deps),
    parts: loadLookupParts,
    openConnector: async (name) => {
      const resolved = await resolveWithRegistry(deps, name)
      if (!resolved) throw new ApiError('not-found', `No source named "${name}".`, { name })
      const factory = await deps.loadConnectorFactory()
      // Kafka: Avro values decode through the source's registry, as in the crawl pipeline.
      return withSchemaRegistry(factory(resolved.source), resolved.registry)
    },
    // Pooled connectors are reused only while the source's entry and secrets are unchanged.
    sourceVersion: async (name) => {
      const resolved = await resolveWithRegistry(deps, name)
      if (!resolved) return ''
      return createHash('sha256')
        .update(JSON.stringify([resolved.source, resolved.registry ?? null]))
        .digest('hex')
    },
    audit: deps.audit,
    jobs: deps.jobs,
    generator: `sightline ${APP_VERSION}`,
    ...(deps.lookupIndex ? { lookupIndex: deps.lookupIndex } : {}),
  })
}
