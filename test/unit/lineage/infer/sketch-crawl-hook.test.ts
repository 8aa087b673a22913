import { describe, expect, it } from 'vitest'
import type { CatalogAsset, CrawlSummary } from '../../../../src/shared/model/catalog'
import type { Connector } from '../../../../src/main/connectors/connector'
import type { CrawlBatch } from '../../../../src/main/connectors/crawl-model'
import { crawlOneSource, type SketchHook } from '../../../../src/main/crawl/crawl-source'
import type { CatalogRepository, CrawlOutcome } from '../../../../src/main/store/catalog-repository'

/** The crawl calls the sketch hook once a crawl commits, after the commit, and survives it. */
function run(hook: SketchHook, batches: CrawlBatch[]) {
  const order: string[] = []
  const repository = {
    beginCrawl: async () => 'c1',
    async finishCrawl(id: string, outcome: CrawlOutcome): Promise<CrawlSummary> {
      order.push(`commit ${outcome.status}`)
      return {
        id,
        source: 'ev',
        platform: 'kafka',
        status: outcome.status,
        startedAt: 'x',
        assets: outcome.assets.length,
        fields: 0,
        current: true,
      }
    },
  } as unknown as CatalogRepository
  const connector: Connector = {
    kind: 'kafka',
    check: async () => {
      throw new Error('unused')
    },
    async *crawl() {
      yield* batches
    },
    close: async () => undefined,
  }
  const sketch: SketchHook = async (crawl) => {
    order.push('sketch')
    await hook(crawl)
  }
  const result = crawlOneSource(
    { repository, createConnector: () => connector, sketch, now: () => new Date() },
    {
      name: 'ev',
      platform: 'kafka',
      resolve: async () => ({
        source: { name: 'ev', kind: 'kafka', url: 'kafka://ev', options: {} },
      }),
      signal: new AbortController().signal,
      timeoutMs: 10_000,
      onProgress: () => undefined,
    },
  )
  return { result, order }
}

const topic: CatalogAsset = {
  urn: 'kafka://ev/t',
  source: 'ev',
  platform: 'kafka',
  kind: 'topic',
  name: 't',
  path: ['t'],
  fields: [{ urn: 'kafka://ev/t#a', path: 'a', name: 'a' }],
}
const batch: CrawlBatch = {
  kind: 'assets',
  part: 'topics',
  assets: [topic],
  samples: { 'kafka://ev/t#a': ['x', 'y', 'z'] },
}

describe('the crawl sketch hook', () => {
  it('sees the committed assets and raw samples, after the commit', async () => {
    let seen: Parameters<SketchHook>[0] | undefined
    const { result, order } = run(
      async (crawl) => {
        seen = crawl
      },
      [structuredClone(batch)],
    )
    expect((await result).summary.status).toBe('succeeded')
    expect(order).toEqual(['commit succeeded', 'sketch'])
    expect(seen?.source).toBe('ev')
    expect(seen?.assets.map((a) => a.urn)).toEqual(['kafka://ev/t'])
    expect(seen?.samples.get('kafka://ev/t#a')).toEqual(['x', 'y', 'z'])
  })

  it('does not fail the crawl when keeping sketches fails', async () => {
    const { result } = run(async () => {
      throw new Error('disk full')
    }, [structuredClone(batch)])
    expect((await result).summary.status).toBe('succeeded')
  })

  it('is not called for a failed crawl', async () => {
    const { result, order } = run(
      async () => undefined,
      [{ kind: 'part-error', part: 'topics', error: { code: 'unreachable', message: 'down' } }],
    )
    expect((await result).summary.status).toBe('failed')
    expect(order).toEqual(['commit failed'])
  })
})
