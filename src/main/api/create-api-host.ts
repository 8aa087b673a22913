import os from 'node:os'
import path from 'node:path'
import type { SightlineApi } from '../../shared/api/contract'
import type { ApiEvent } from '../../shared/model/jobs'
import { AuditLog } from '../audit/audit-log'
import { buildPersonalDataMap } from '../classify/personal-data-map'
import { lazyClassifyHook } from '../classify/lazy-classify-hook'
import { SampleCache } from '../crawl/sample-cache'
import { JobRunner } from '../jobs/job-runner'
import { LineageService } from '../lineage/lineage-service'
import { sketchHook } from '../lineage/infer/sketch-hook'
import { keepPagesResident, type ResidentPages } from '../store/resident-pages'
import { openSqliteStore } from '../store/sqlite-store'
import { ClassificationsFile } from '../workspace/classifications-file'
import { OwnersFile } from '../workspace/owners-file'
import { ProcessingFile } from '../workspace/processing-file'
import { SourcesFile } from '../workspace/sources-file'
import { ensureStateDir, workspacePaths } from '../workspace/workspace'
import { createAppInfoApi } from './app-info-api'
import { createAuditApi } from './audit-api'
import { createCatalogApi } from './catalog-api'
import type { ApiHost, ApiHostOptions } from './host'
import { createJobsApi } from './jobs-api'
import { createLookupApi } from './lookup-api'
import { createLineageApi } from './lineage-api'
import { createOwnersApi } from './owners-api'
import { createPersonalDataApi } from './personal-data-api'
import type { ConnectorFactory } from './source-testing'
import { createSourcesApi } from './sources-api'
import { createLookupIndexManager, createLookupService } from './lookup-wiring'

function defaultActor(): string {
  try {
    return os.userInfo().username
  } catch {
    return 'unknown'
  }
}

/**
 * The composition root (DESIGN.md §2): opens the workspace's store, wires the modules behind
 * the one SightlineApi, and exposes its events. Electron's IPC transport and `serve` both call it.
 */
export async function createApiHost(opts: ApiHostOptions): Promise<ApiHost> {
  const paths = workspacePaths(opts.workspaceDir)
  ensureStateDir(paths)
  const store = openSqliteStore(paths.storeFile)
  const actor = opts.actor?.trim() || defaultActor()
  const audit = new AuditLog(store, actor)

  const listeners = new Set<(event: ApiEvent) => void>()
  const emit = (event: ApiEvent) => {
    for (const listener of listeners) {
      try {
        listener(event)
      } catch {
        // One broken subscriber (a closed window, a dropped SSE client) must not stop the others.
      }
    }
  }
  const jobs = new JobRunner(emit)
  // Loaded on first test, not at start: the connectors pull in every driver (pg, mssql, kafkajs,
  // mongodb), which commands such as `sightline audit` never need.
  let connectors: Promise<ConnectorFactory> | undefined
  const loadConnectorFactory = (): Promise<ConnectorFactory> =>
    opts.createConnector
      ? Promise.resolve(opts.createConnector)
      : (connectors ??= import('../connectors').then((m) => m.createConnector))

  const classifications = new ClassificationsFile(
    path.join(paths.catalogDir, 'classifications.yaml'),
  )
  const processing = new ProcessingFile(path.join(paths.catalogDir, 'processing.yaml'))
  const sourcesFile = new SourcesFile(paths.sourcesFile)
  const owners = new OwnersFile(path.join(paths.catalogDir, 'owners.yaml'))
  // Issue 6: lineage, built once per catalogue version (a crawl commit or a catalog/ change).
  let sketchGeneration = 0
  const storeSketches = sketchHook(store)
  const lineage = new LineageService({
    repository: store.catalog,
    sourcesFile,
    owners,
    classifications,
    catalogDir: paths.catalogDir,
    workspace: paths.root,
    env: opts.env ?? process.env,
    sketches: () => store.sketches.all(),
    sketchGeneration: () => sketchGeneration,
  })
  // Issue 7: the customer lookup (raw values in this process's memory only, dropped on close).
  const lookupDeps = {
    lineage,
    classifications,
    processing,
    sourcesFile,
    secretStore: opts.secretStore,
    env: opts.env ?? process.env,
    workspace: paths.root,
    audit,
    jobs,
    loadConnectorFactory,
  }
  // Issue 7 item 4: the Kafka lookup index, in the store; kept current once started (serve, app).
  const lookupIndex = createLookupIndexManager({ ...lookupDeps, store })
  const lookup = createLookupService({ ...lookupDeps, lookupIndex })
  // Kept in memory only once asked (the app and serve ask; a one-shot command does not).
  let resident: ResidentPages | undefined
  const api: SightlineApi = {
    ...createAppInfoApi({
      workspace: paths.root,
      mode: opts.mode,
      secretStore: opts.secretStore,
      actor,
      storeResidency: () => resident?.status() ?? { state: 'off', fileBytes: 0 },
    }),
    ...createSourcesApi({
      file: sourcesFile,
      secretStore: opts.secretStore,
      audit,
      jobs,
      emit,
      loadConnectorFactory,
      env: opts.env ?? process.env,
      ...(opts.testTimeoutMs === undefined ? {} : { testTimeoutMs: opts.testTimeoutMs }),
    }),
    ...createJobsApi(jobs),
    ...createAuditApi(audit),
    ...createCatalogApi({
      repository: store.catalog,
      file: sourcesFile,
      secretStore: opts.secretStore,
      env: opts.env ?? process.env,
      audit,
      jobs,
      loadConnectorFactory,
      // Raw samples of this process's crawls: memory only, gone when the host closes.
      sampleCache: new SampleCache(),
      owners,
      // Issue 5: personal-data classification inside every crawl, with the workspace's rule packs.
      classify: lazyClassifyHook(paths.root),
      // Issue 6: sketches of keyed hashes of the samples, for inferred lineage suggestions.
      sketch: async (input) => {
        try {
          await storeSketches(input)
        } finally {
          sketchGeneration++
        }
      },
      personalData: async (assets) => {
        const crawledAt = new Map<string, string>()
        for (const source of new Set(assets.map((a) => a.source))) {
          const crawl = await store.catalog.currentCrawl(source)
          if (crawl) crawledAt.set(source, crawl.startedAt)
        }
        try {
          return buildPersonalDataMap({
            assets,
            decisions: classifications.readMap(),
            processing: processing.read(),
            workspace: paths.root,
            generatedAt: new Date().toISOString(),
            crawledAt,
          }).entries
        } catch {
          // A broken classifications/processing.yaml is reported where it is edited.
          return []
        }
      },
      // Issue 6: the export's `lineage` section; lineage that cannot be built leaves it empty.
      lineage: async (assets) => {
        try {
          const state = await lineage.state()
          const urns = new Set(assets.map((a) => a.urn))
          const touches = (urn: string) => urns.has(urn.split('#')[0]!)
          return [...state.index.assetEdges, ...state.index.fieldEdges].filter(
            (e) => touches(e.from) || touches(e.to),
          )
        } catch {
          return []
        }
      },
      ...(opts.crawlConcurrency === undefined ? {} : { crawlConcurrency: opts.crawlConcurrency }),
      ...(opts.crawlSourceTimeoutMs === undefined
        ? {}
        : { sourceTimeoutMs: opts.crawlSourceTimeoutMs }),
    }),
    ...createOwnersApi({ file: owners, audit }),
    ...createLineageApi({
      service: lineage,
      audit,
      actor,
      catalogDir: paths.catalogDir,
      // "Find suggestions" is a crawl job with a larger sample (lineage-profile.ts).
      startCrawl: (arg) => api.startCrawl(arg),
    }),
    ...createPersonalDataApi({
      repository: store.catalog,
      classifications,
      processing,
      audit,
      actor,
      workspace: paths.root,
    }),
    ...createLookupApi(lookup, { manager: lookupIndex, jobs }),
  }

  let closed = false
  return {
    api,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async keepStoreResident() {
      if (closed) throw new Error('The workspace is closed.')
      resident ??= keepPagesResident(paths.storeFile)
      return resident.firstPass
    },
    async close() {
      if (closed) return
      closed = true
      await jobs.close()
      await lookupIndex.close()
      await lookup.close()
      listeners.clear()
      await resident?.close()
      await store.close()
    },
  }
}
