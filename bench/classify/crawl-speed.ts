/**
 * Classification time against value-sampling time in one crawl of an estate (the bench estate,
 * normally). The crawl is the product's own pipeline (runCrawl: connectors -> assets and value
 * statistics -> the ClassifyHook -> the store; one source at a time by default, see below), with two instruments
 * and no product change:
 * - each connector's crawl iterator is wrapped, summing the time the pipeline waits on it per
 *   source: catalogue queries plus reading the sampled rows / messages / documents;
 * - the workspace's ClassifyHook (createClassifyHook, as the API wires it) is wrapped, timing it
 *   per source.
 * Then the PostgreSQL connector runs once more alone with sampleSize 0 (catalogue only), so its
 * value-sampling time can be told apart from its catalogue queries. For Kafka and MongoDB reading
 * the samples is the crawl (their schemas are inferred from them), so connector time is sampling.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { resolveEntry } from '../../src/main/api/source-records'
import { createClassifyHook } from '../../src/main/classify/classify-assets'
import { createConnector, type Connector, type ResolvedSource } from '../../src/main/connectors'
import type { CrawlBatch, CrawlOptions } from '../../src/main/connectors/crawl-model'
import { runCrawl } from '../../src/main/crawl/crawl-pipeline'
import { SampleCache } from '../../src/main/crawl/sample-cache'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import { openSqliteStore } from '../../src/main/store/sqlite-store'
import { SourcesFile } from '../../src/main/workspace/sources-file'
import { makeWorkspace, pgSource, type EstateEnv, type PgLogin } from '../crawl/bench-workspace'

export interface SourceTiming {
  source: string
  status: string
  assets: number
  fields: number
  /** Fields with sampled values, and the values, that the classifier was given. */
  sampledFields: number
  sampledValues: number
  connectorMs: number
  classifyMs: number
}

export interface CrawlSpeedResult {
  wallMs: number
  concurrency: number
  sources: SourceTiming[]
  /** PostgreSQL connector alone: with samples (as crawled) and catalogue only. */
  pgCatalogueOnlyMs?: number
  databases: string[]
}

/** A connector whose crawl() iterator adds the time spent waiting on it to `spent`. */
function timedConnector(inner: Connector, spent: Map<string, number>, name: string): Connector {
  const crawl = inner.crawl?.bind(inner)
  return Object.assign(Object.create(inner) as Connector, {
    close: () => inner.close(),
    ...(crawl
      ? {
          crawl(opts: CrawlOptions): AsyncIterable<CrawlBatch> {
            const it = crawl(opts)[Symbol.asyncIterator]()
            return {
              [Symbol.asyncIterator]: () => ({
                async next() {
                  const t0 = performance.now()
                  try {
                    return await it.next()
                  } finally {
                    spent.set(name, (spent.get(name) ?? 0) + performance.now() - t0)
                  }
                },
                async return(value?: unknown) {
                  await it.return?.(value as never)
                  return { done: true as const, value: undefined }
                },
              }),
            }
          },
        }
      : {}),
  })
}

export async function crawlSpeed(opts: {
  env: EstateEnv
  databases: string[]
  login: PgLogin
  /**
   * Sources at once. Default 1: classification is synchronous, so with sources running
   * concurrently one source's classification would be counted in another's connector time.
   */
  concurrency?: number
}): Promise<CrawlSpeedResult> {
  const dir = makeWorkspace(opts.env, opts.databases, opts.login)
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'sightline-bench-classify-store-'))
  const store = openSqliteStore(path.join(stateDir, 'catalog.db'))
  const connectorMs = new Map<string, number>()
  const classifyMs = new Map<string, number>()
  const given = new Map<string, { fields: number; values: number }>()
  const hook = createClassifyHook(dir)
  const secretStore = new MemorySecretStore()
  const file = new SourcesFile(path.join(dir, 'catalog', 'sources.yaml'))
  const env = { ...process.env, ...opts.env }
  try {
    const entries = file.read()
    const t0 = performance.now()
    const result = await runCrawl(
      {
        repository: store.catalog,
        sampleCache: new SampleCache(),
        createConnector: (s: ResolvedSource) =>
          timedConnector(createConnector(s), connectorMs, s.name),
        now: () => new Date(),
        resolveSource: async (name) => {
          const entry = entries.find((e) => e.name === name)
          if (!entry) throw new Error(`no source ${name}`)
          return resolveEntry(entry, secretStore, env)
        },
        classify: async (assets, samples) => {
          const c0 = performance.now()
          const out = await hook(assets, samples)
          const source = assets[0]?.source ?? '?'
          classifyMs.set(source, (classifyMs.get(source) ?? 0) + performance.now() - c0)
          let values = 0
          for (const v of samples.values()) values += v.length
          given.set(source, { fields: samples.size, values })
          return out
        },
      },
      {
        sources: entries.map((e) => ({ name: e.name, kind: e.kind })),
        signal: new AbortController().signal,
        concurrency: opts.concurrency ?? 1,
        onProgress: () => undefined,
      },
    )
    const wallMs = performance.now() - t0
    const sources = result.crawls.map((c): SourceTiming => ({
      source: c.source,
      status: c.status,
      assets: c.assets,
      fields: c.fields,
      sampledFields: given.get(c.source)?.fields ?? 0,
      sampledValues: given.get(c.source)?.values ?? 0,
      connectorMs: connectorMs.get(c.source) ?? 0,
      classifyMs: classifyMs.get(c.source) ?? 0,
    }))
    // Catalogue only: the PostgreSQL connector's time without value sampling.
    let pgCatalogueOnlyMs: number | undefined
    const pg = createConnector(pgSource(opts.env, opts.databases, opts.login))
    try {
      const p0 = performance.now()
      for await (const batch of pg.crawl!({ sampleSize: 0 })) void batch
      pgCatalogueOnlyMs = performance.now() - p0
    } finally {
      await pg.close()
    }
    return {
      wallMs,
      concurrency: opts.concurrency ?? 1,
      sources,
      pgCatalogueOnlyMs,
      databases: opts.databases,
    }
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
    rmSync(stateDir, { recursive: true, force: true })
  }
}
