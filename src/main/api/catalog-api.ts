import { ApiError } from '../../shared/api/errors'
import type {
  AssetOwnership,
  CatalogAsset,
  CatalogAssetView,
  CatalogDiff,
  CatalogSearchHit,
  CatalogTreeNode,
  CrawlJobResult,
  CrawlSourceProgress,
  CrawlSummary,
  OwnersView,
} from '../../shared/model/catalog'
import type { LineageEdge } from '../../shared/model/lineage'
import type { PersonalDataEntry } from '../../shared/model/personal-data'
import { parseUrn } from '../../shared/urn'
import type { AuditLog } from '../audit/audit-log'
import { catalogToCsv, catalogToJson, type ExportInput } from '../crawl/catalog-export'
import { runCrawl, type ClassifyHook, type SketchHook } from '../crawl/crawl-pipeline'
import { assetUrnOf, type SampleCache } from '../crawl/sample-cache'
import type { JobRunner } from '../jobs/job-runner'
import type { SecretStore } from '../secrets/secret-store'
import type { CatalogRepository } from '../store/catalog-repository'
import type { SourceEntry, SourcesFile } from '../workspace/sources-file'
import { APP_VERSION } from './app-info-api'
import {
  catalogTreeArg,
  diffCatalogArg,
  exportCatalogArg,
  getAssetArg,
  listCrawlsArg,
  revealSampleArg,
  searchCatalogArg,
  startCrawlArg,
} from './schemas'
import { resolveEntry } from './source-records'
import type { ConnectorFactory } from './source-testing'
import { parseArg } from './validate'

export interface CatalogApiDeps {
  repository: CatalogRepository
  file: SourcesFile
  secretStore: SecretStore
  env: NodeJS.ProcessEnv
  audit: AuditLog
  jobs: JobRunner
  loadConnectorFactory: () => Promise<ConnectorFactory>
  sampleCache: SampleCache
  /** catalog/owners.yaml; absent: assets show no ownership. */
  owners?: { read(): OwnersView; ownershipFor(urn: string, view?: OwnersView): AssetOwnership }
  /** Issue 5's classifier, between the connectors and the store. */
  classify?: ClassifyHook
  /** Issue 6's sketches of sampled values for lineage inference, after each commit. */
  sketch?: SketchHook
  /** Issue 5's personal-data map entries of these assets, for the export's review states. */
  personalData?: (assets: CatalogAsset[]) => Promise<PersonalDataEntry[]>
  /** Issue 6's lineage edges touching these assets, for the export's `lineage` section. */
  lineage?: (assets: CatalogAsset[]) => Promise<LineageEdge[]>
  crawlConcurrency?: number
  sourceTimeoutMs?: number
}

const COMMITTED = new Set(['succeeded', 'partial'])
const HISTORY_LIMIT = 1000

/** Crawls, the catalogue tree, search, assets, drift, export and audited reveal (issue 4). */
export function createCatalogApi(deps: CatalogApiDeps) {
  const { repository: repo, file, audit, sampleCache } = deps

  const entryNamed = (name: string, entries = file.read()): SourceEntry => {
    const entry = entries.find((e) => e.name === name)
    if (!entry) throw new ApiError('not-found', `No source named "${name}".`, { name })
    return entry
  }

  const ownershipLookup = (): ((urn: string) => AssetOwnership) => {
    if (!deps.owners) return () => ({})
    try {
      const view = deps.owners.read()
      return (urn) => deps.owners!.ownershipFor(urn, view)
    } catch {
      // A broken owners.yaml is reported where it is edited; the catalogue still shows.
      return () => ({})
    }
  }

  /** Committed crawls of a source, newest first. */
  const committedCrawls = async (source: string): Promise<CrawlSummary[]> =>
    (await repo.listCrawls({ source, limit: HISTORY_LIMIT })).filter((c) => COMMITTED.has(c.status))

  const crawlNamed = async (id: string): Promise<CrawlSummary> => {
    const crawl = await repo.getCrawl(id)
    if (!crawl) throw new ApiError('not-found', `No crawl with id "${id}".`, { crawlId: id })
    return crawl
  }

  const emptyDiff = (source: string, to?: CrawlSummary): CatalogDiff => ({
    source,
    ...(to ? { to: { id: to.id, source: to.source, startedAt: to.startedAt } } : {}),
    summary: {
      added: 0,
      removed: 0,
      changed: 0,
      fieldsAdded: 0,
      fieldsRemoved: 0,
      fieldsChanged: 0,
    },
    changes: [],
  })

  return {
    async startCrawl(arg: unknown): Promise<{ jobId: string }> {
      const { sources, sampleSize } = parseArg(startCrawlArg, arg)
      const entries = file.read()
      const chosen = sources?.length
        ? [...new Set(sources)].map((n) => entryNamed(n, entries))
        : entries
      const job = deps.jobs.start(
        'crawl',
        async (ctx) => {
          const factory = await deps.loadConnectorFactory()
          const result: CrawlJobResult = await runCrawl(
            {
              repository: repo,
              sampleCache,
              createConnector: factory,
              now: () => new Date(),
              resolveSource: (name) => resolveEntry(entryNamed(name), deps.secretStore, deps.env),
              ...(deps.classify ? { classify: deps.classify } : {}),
              ...(deps.sketch ? { sketch: deps.sketch } : {}),
            },
            {
              sources: chosen.map((e) => ({ name: e.name, kind: e.kind })),
              ...(sampleSize === undefined ? {} : { sampleSize }),
              signal: ctx.signal,
              ...(deps.crawlConcurrency === undefined
                ? {}
                : { concurrency: deps.crawlConcurrency }),
              ...(deps.sourceTimeoutMs === undefined
                ? {}
                : { sourceTimeoutMs: deps.sourceTimeoutMs }),
              onProgress: (p: CrawlSourceProgress) => ctx.partial(p),
              onSourceDone: (done, total) =>
                ctx.progress({ done, total, message: `Crawled ${done} of ${total} sources` }),
            },
          )
          await audit.record({
            action: 'crawl',
            target: chosen.map((e) => e.name).join(','),
            details: {
              ...(ctx.signal.aborted ? { cancelled: true } : {}),
              sources: result.crawls.map((c) => ({
                source: c.source,
                crawlId: c.id,
                status: c.status,
                assets: c.assets,
                fields: c.fields,
                ...(c.error ? { code: c.error.code } : {}),
              })),
            },
          })
          if (ctx.signal.aborted) throw new ApiError('cancelled', 'The crawl was cancelled.')
          return result
        },
        chosen.length,
      )
      return { jobId: job.id }
    },

    async listCrawls(arg: unknown): Promise<CrawlSummary[]> {
      const { source, limit } = parseArg(listCrawlsArg, arg)
      return repo.listCrawls({ ...(source ? { source } : {}), limit: limit ?? 100 })
    },

    async catalogTree(arg: unknown): Promise<CatalogTreeNode[]> {
      const { parent } = parseArg(catalogTreeArg, arg)
      if (parent === undefined) {
        return Promise.all(
          file.read().map(async (entry): Promise<CatalogTreeNode> => {
            const [latest] = await repo.listCrawls({ source: entry.name, limit: 1 })
            const current = await repo.currentCrawl(entry.name)
            const children = current ? await repo.treeChildren({ source: entry.name }) : []
            const node: CatalogTreeNode = {
              id: `source:${entry.name}`,
              kind: 'source',
              name: entry.name,
              source: entry.name,
              platform: entry.kind,
              childCount: children.length,
              status: latest?.status ?? 'never-crawled',
            }
            return node
          }),
        )
      }
      if (parent.startsWith('source:')) {
        const source = parent.slice('source:'.length)
        entryNamed(source)
        return repo.treeChildren({ source })
      }
      let source: string
      try {
        source = parseUrn(parent).source
      } catch {
        throw new ApiError('bad-input', 'parent: expected `source:<name>` or an asset URN', {
          field: 'parent',
        })
      }
      return repo.treeChildren({ source, parent })
    },

    async searchCatalog(arg: unknown): Promise<CatalogSearchHit[]> {
      const q = parseArg(searchCatalogArg, arg)
      return repo.search({
        text: q.text,
        limit: q.limit ?? 50,
        ...(q.sources ? { sources: q.sources } : {}),
        ...(q.kinds ? { kinds: q.kinds } : {}),
      })
    },

    async getAsset(arg: unknown): Promise<CatalogAssetView> {
      const { urn, crawlId } = parseArg(getAssetArg, arg)
      const assetUrn = assetUrnOf(urn)
      const found = await repo.getAsset(assetUrn, crawlId)
      if (!found)
        throw new ApiError(
          'not-found',
          `No asset ${assetUrn} in ${crawlId ? `crawl ${crawlId}` : 'the current catalogue'}.`,
          {
            urn: assetUrn,
          },
        )
      return {
        asset: found.asset,
        crawl: found.crawl,
        ownership: ownershipLookup()(assetUrn),
        samplesInMemory: sampleCache.hasAsset(assetUrn),
      }
    },

    async diffCatalog(arg: unknown): Promise<CatalogDiff[]> {
      const q = parseArg(diffCatalogArg, arg)
      if (q.from !== undefined || q.to !== undefined) {
        const from = q.from === undefined ? undefined : await crawlNamed(q.from)
        const source = q.source ?? from?.source ?? (await crawlNamed(q.to!)).source
        const to = q.to === undefined ? await repo.currentCrawl(source) : await crawlNamed(q.to)
        if (!to) return [emptyDiff(source)]
        const before =
          from ?? (await committedCrawls(source)).find((c) => c.startedAt < to.startedAt)
        if (!before) return [emptyDiff(source, to)]
        if (before.source !== to.source)
          throw new ApiError('bad-input', 'from and to must be crawls of the same source.', {
            field: 'from',
          })
        return [await repo.diff(before.id, to.id)]
      }
      const sources = q.source ? [entryNamed(q.source).name] : await repo.catalogedSources()
      return Promise.all(
        sources.map(async (source) => {
          const to = await repo.currentCrawl(source)
          if (!to) return emptyDiff(source)
          const history = (await committedCrawls(source)).filter((c) => c.id !== to.id)
          const from =
            q.since === undefined
              ? history.find((c) => c.startedAt < to.startedAt)
              : history.find((c) => Date.parse(c.startedAt) < Date.parse(q.since!))
          return from ? repo.diff(from.id, to.id) : emptyDiff(source, to)
        }),
      )
    },

    async exportCatalog(arg: unknown) {
      const q = parseArg(exportCatalogArg, arg)
      if (q.sources) for (const name of q.sources) entryNamed(name)
      const assets: CatalogAsset[] = []
      for await (const asset of repo.currentAssets(q.sources ? { sources: q.sources } : {}))
        assets.push(asset)
      const names = q.sources ?? (await repo.catalogedSources())
      const crawls = (await Promise.all(names.map((n) => repo.currentCrawl(n)))).filter(
        (c): c is CrawlSummary => c !== undefined,
      )
      const input: ExportInput = {
        generator: `sightline ${APP_VERSION}`,
        exportedAt: new Date().toISOString(),
        crawls,
        assets,
        ownershipFor: ownershipLookup(),
      }
      if (deps.personalData) input.personalData = await deps.personalData(assets)
      if (deps.lineage) input.lineage = await deps.lineage(assets)
      const fields = assets.reduce((n, a) => n + a.fields.length, 0)
      if (q.rawSamples) {
        const included = assets
          .flatMap((a) => a.fields.map((f) => f.urn))
          .filter((u) => sampleCache.get(u))
        // Audited before anything leaves: no record, no export.
        await audit.record({
          action: 'export',
          target: names.join(','),
          fields: included,
          reason: q.rawSamples.reason,
          details: { format: q.format, rawSamples: true, assets: assets.length, fields },
        })
        input.rawSamples = (urn) => sampleCache.get(urn)?.values
      }
      const content = q.format === 'json' ? catalogToJson(input) : catalogToCsv(input)
      return { format: q.format, content, assets: assets.length, fields }
    },

    async revealSample(arg: unknown) {
      const { fieldUrn, reason } = parseArg(revealSampleArg, arg)
      const cached = sampleCache.get(fieldUrn)
      if (!cached)
        throw new ApiError(
          'not-found',
          'The sampled values of this field are not in memory (they are never stored): crawl its source again, then reveal.',
          { fieldUrn },
        )
      await audit.record({
        action: 'reveal',
        target: assetUrnOf(fieldUrn),
        fields: [fieldUrn],
        reason,
      })
      return { fieldUrn, values: cached.values, sampledAt: cached.sampledAt }
    },
  }
}
