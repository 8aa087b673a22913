import { describe, expect, it } from 'vitest'
import type {
  CatalogAsset,
  CrawlSourceProgress,
  CrawlSummary,
} from '../../../src/shared/model/catalog'
import type { SourceKind } from '../../../src/shared/model/sources'
import type { Connector, ResolvedSource } from '../../../src/main/connectors/connector'
import type { CrawlBatch, CrawlOptions } from '../../../src/main/connectors/crawl-model'
import { runCrawl, type CrawlPipelineDeps } from '../../../src/main/crawl/crawl-pipeline'
import { SampleCache } from '../../../src/main/crawl/sample-cache'
import type { CatalogRepository, CrawlOutcome } from '../../../src/main/store/catalog-repository'

/** Records what the pipeline hands the store; nothing else of the repository is used here. */
function fakeRepository() {
  const outcomes = new Map<string, CrawlOutcome & { source: string }>()
  let n = 0
  const begun: Array<{ id: string; source: string; platform: SourceKind }> = []
  const repo = {
    async beginCrawl(c: { source: string; platform: SourceKind; startedAt: string }) {
      const id = `c${++n}`
      begun.push({ id, source: c.source, platform: c.platform })
      return id
    },
    async finishCrawl(id: string, outcome: CrawlOutcome): Promise<CrawlSummary> {
      const b = begun.find((x) => x.id === id)!
      outcomes.set(id, { ...outcome, source: b.source })
      const summary: CrawlSummary = {
        id,
        source: b.source,
        platform: b.platform,
        status: outcome.status,
        startedAt: '2024-01-01T00:00:00Z',
        endedAt: outcome.endedAt,
        assets: outcome.assets.length,
        fields: outcome.assets.reduce((k, a) => k + a.fields.length, 0),
        current: outcome.status === 'succeeded' || outcome.status === 'partial',
      }
      if (outcome.error) summary.error = outcome.error
      if (outcome.partErrors) summary.partErrors = outcome.partErrors
      return summary
    },
  } as unknown as CatalogRepository
  const bySource = (source: string) => [...outcomes.values()].find((o) => o.source === source)
  return { repo, outcomes, bySource }
}

const asset = (source: string, name: string, fields: string[] = []): CatalogAsset => ({
  urn: `kafka://${source}/${name}`,
  source,
  platform: 'kafka',
  kind: 'topic',
  name,
  path: [name],
  fields: fields.map((f) => ({ urn: `kafka://${source}/${name}#${f}`, path: f, name: f })),
})

type Behaviour = (source: ResolvedSource, opts: CrawlOptions) => AsyncIterable<CrawlBatch>

function setup(behaviours: Record<string, Behaviour>, kinds: Record<string, SourceKind> = {}) {
  const store = fakeRepository()
  const cache = new SampleCache()
  const closed: string[] = []
  const seenOpts = new Map<string, CrawlOptions>()
  const deps: CrawlPipelineDeps = {
    repository: store.repo,
    sampleCache: cache,
    now: () => new Date(),
    resolveSource: async (name) => {
      if (name === 'unresolvable')
        throw Object.assign(new Error('x'), { code: 'auth', message: 'secret missing' })
      const options: Record<string, string> = name === 'ev' ? { schemaRegistry: 'reg' } : {}
      return {
        name,
        kind: kinds[name] ?? 'kafka',
        url: `kafka://${name}`,
        password: 'pw-secret',
        options,
      }
    },
    createConnector: (source): Connector => ({
      kind: source.kind,
      check: async () => ({ ok: true, reachable: true, authenticated: true, checkedAt: '' }),
      crawl: (opts) => {
        seenOpts.set(source.name, opts)
        return behaviours[source.name]!(source, opts)
      },
      close: async () => {
        closed.push(source.name)
      },
    }),
  }
  return { deps, store, cache, closed, seenOpts }
}

const sources = (...names: string[]) => names.map((name) => ({ name, kind: 'kafka' as SourceKind }))

async function* yields(...batches: CrawlBatch[]): AsyncGenerator<CrawlBatch> {
  for (const b of batches) yield b
}

/** A connector that never yields and ignores its signal: the worst case. */
async function* hangs(): AsyncGenerator<CrawlBatch> {
  await new Promise(() => {})
  yield* []
}

describe('runCrawl', () => {
  it('never runs more sources at once than its concurrency', async () => {
    let active = 0
    let peak = 0
    const slow: Behaviour = async function* (source) {
      active++
      peak = Math.max(peak, active)
      await new Promise((r) => setImmediate(r))
      await new Promise((r) => setImmediate(r))
      active--
      yield { kind: 'assets', part: 'topics', assets: [asset(source.name, 't')] }
    }
    const names = ['a', 'b', 'c', 'd', 'e', 'f']
    const { deps } = setup(Object.fromEntries(names.map((n) => [n, slow])))
    const result = await runCrawl(deps, {
      sources: sources(...names),
      signal: new AbortController().signal,
      concurrency: 2,
      onProgress: () => {},
    })
    expect(peak).toBe(2)
    expect(result.crawls.map((c) => [c.source, c.status])).toEqual(
      names.map((n) => [n, 'succeeded']),
    )
  })

  it('isolates failures: a throwing, an unresolvable and a hanging source end alone', async () => {
    const { deps, store, closed } = setup({
      good: () => yields({ kind: 'assets', part: 'topics', assets: [asset('good', 't')] }),
      broken: async function* () {
        yield* []
        throw Object.assign(new Error('no'), {
          code: 'unreachable',
          message: 'refused by pw-secret',
        })
      },
      slow: hangs,
    })
    const progress: CrawlSourceProgress[] = []
    const result = await runCrawl(deps, {
      sources: sources('good', 'broken', 'unresolvable', 'slow'),
      signal: new AbortController().signal,
      sourceTimeoutMs: 50,
      onProgress: (p) => progress.push(p),
    })
    const status = Object.fromEntries(result.crawls.map((c) => [c.source, c.status]))
    expect(status).toEqual({
      good: 'succeeded',
      broken: 'failed',
      unresolvable: 'failed',
      slow: 'failed',
    })
    expect(store.bySource('broken')!.error).toMatchObject({
      code: 'unreachable',
      message: 'refused by ***',
    })
    expect(store.bySource('unresolvable')!.error).toMatchObject({ code: 'auth' })
    expect(store.bySource('slow')!.error).toMatchObject({
      code: 'timeout',
      details: { reason: 'crawl-timeout' },
    })
    expect(store.bySource('good')!.assets).toHaveLength(1)
    expect(closed).toEqual(expect.arrayContaining(['good', 'broken']))
    const last = (s: string) => progress.filter((p) => p.source === s).at(-1)!
    expect(progress.filter((p) => p.source === 'good')[0]).toMatchObject({ state: 'queued' })
    expect(last('good')).toMatchObject({ state: 'succeeded', assets: 1 })
    expect(last('slow')).toMatchObject({ state: 'failed', error: { code: 'timeout' } })
  })

  it('commits a partial crawl with the failed parts to carry forward', async () => {
    const db = (name: string): CrawlBatch => ({
      kind: 'database',
      urn: `postgres://pg/${name}`,
      database: name,
      schemas: [],
      tables: [],
      notes: [],
      statements: 5,
    })
    const { deps, store } = setup(
      {
        pg: () =>
          yields(db('crm'), {
            kind: 'error',
            database: 'orders',
            error: { code: 'permission', message: 'denied' },
          }),
        ev: () =>
          yields(
            {
              kind: 'part-error',
              part: 'kafka://ev/topic-x',
              error: { code: 'timeout', message: 'slow' },
            },
            { kind: 'part-error', part: 'groups', error: { code: 'timeout', message: 'slow' } },
          ),
      },
      { pg: 'postgres' },
    )
    const result = await runCrawl(deps, {
      sources: [{ name: 'pg', kind: 'postgres' }, ...sources('ev')],
      signal: new AbortController().signal,
      onProgress: () => {},
    })
    expect(result.crawls.find((c) => c.source === 'pg')!.status).toBe('partial')
    expect(store.bySource('pg')).toMatchObject({
      status: 'partial',
      statements: 5,
      carryForward: ['postgres://pg/orders'],
      partErrors: [{ part: 'orders', error: { code: 'permission' } }],
    })
    // Nothing came: failed, with the first part's error, and nothing carried.
    expect(store.bySource('ev')).toMatchObject({ status: 'failed', error: { code: 'timeout' } })
    expect(store.bySource('ev')!.carryForward).toBeUndefined()
  })

  it('turns samples into value statistics and keeps the raw values in the cache only', async () => {
    const { deps, store, cache } = setup({
      a: () =>
        yields({
          kind: 'assets',
          part: 'topics',
          assets: [asset('a', 't', ['email'])],
          samples: { 'kafka://a/t#email': ['ann@example.com', 'bob@example.com', null] },
          notes: ['decode failures: 1'],
        }),
    })
    await runCrawl(deps, {
      sources: sources('a'),
      signal: new AbortController().signal,
      onProgress: () => {},
    })
    const stored = store.bySource('a')!.assets[0]!
    expect(stored.notes).toEqual(['decode failures: 1'])
    expect(stored.fields[0]!.values).toMatchObject({ sampled: 3, nulls: 1, distinct: 2 })
    expect(JSON.stringify(store.bySource('a'))).not.toContain('ann@example.com')
    expect(cache.get('kafka://a/t#email')?.values).toEqual([
      'ann@example.com',
      'bob@example.com',
      null,
    ])
  })

  it('resolves a Kafka source’s schema registry and passes sample size and signal', async () => {
    const { deps, seenOpts } = setup({ ev: () => yields() })
    await runCrawl(deps, {
      sources: sources('ev'),
      sampleSize: 7,
      signal: new AbortController().signal,
      onProgress: () => {},
    })
    const opts = seenOpts.get('ev')!
    expect(opts.schemaRegistry).toMatchObject({ name: 'reg', url: 'kafka://reg' })
    expect(opts.sampleSize).toBe(7)
    expect(opts.signal).toBeInstanceOf(AbortSignal)
  })

  it('records cancelled crawls when cancelled, even from a connector that ignores its signal', async () => {
    const job = new AbortController()
    let started!: () => void
    const running = new Promise<void>((r) => (started = r))
    const { deps, store, cache } = setup({
      a: async function* (source) {
        yield {
          kind: 'assets',
          part: 'p1',
          assets: [asset(source.name, 't')],
          samples: { 'kafka://a/t#x': ['v'] },
        }
        started()
        await new Promise(() => {})
      },
      b: hangs,
      c: () => yields(),
    })
    const done = runCrawl(deps, {
      sources: sources('a', 'b', 'c'),
      signal: job.signal,
      concurrency: 2,
      onProgress: () => {},
    })
    await running
    job.abort()
    const result = await done
    expect(result.crawls.map((c) => [c.source, c.status])).toEqual([
      ['a', 'cancelled'],
      ['b', 'cancelled'],
    ])
    expect(store.bySource('a')).toMatchObject({ status: 'cancelled', error: { code: 'cancelled' } })
    expect(store.bySource('a')!.assets).toHaveLength(1)
    // The queued source never started, and a cancelled crawl leaves no samples behind.
    expect(store.bySource('c')).toBeUndefined()
    expect(cache.size).toBe(0)
  })

  it('hands assets and raw samples to the classify hook before the store', async () => {
    const { deps, store } = setup({
      a: () =>
        yields({
          kind: 'assets',
          part: 'p',
          assets: [asset('a', 't', ['f'])],
          samples: { 'kafka://a/t#f': ['x'] },
        }),
    })
    let seen: ReadonlyMap<string, readonly unknown[]> | undefined
    deps.classify = (assets, samples) => {
      seen = samples
      return assets.map((a) => ({ ...a, tags: ['classified'] }))
    }
    await runCrawl(deps, {
      sources: sources('a'),
      signal: new AbortController().signal,
      onProgress: () => {},
    })
    expect(seen?.get('kafka://a/t#f')).toEqual(['x'])
    expect(store.bySource('a')!.assets[0]!.tags).toEqual(['classified'])
  })
})
