import { afterEach, describe, expect, it } from 'vitest'
import type {
  CatalogAsset,
  CrawlJobResult,
  CrawlSourceProgress,
} from '../../../src/shared/model/catalog'
import type { JobView } from '../../../src/shared/model/jobs'
import type { Connector, ResolvedSource } from '../../../src/main/connectors'
import type { CrawlBatch, CrawlOptions } from '../../../src/main/connectors/crawl-model'
import { makeKit, okCheck, type Kit } from '../../support/api-host-kit'

/**
 * The catalogue API through the composition root with the real SQLite store and fake connectors:
 * what it commits, shows, exports, reveals and audits. Real servers: test/integration.
 */
type Crawl = (source: ResolvedSource, opts: CrawlOptions) => AsyncIterable<CrawlBatch>

const topic = (source: string, name: string, fields: string[]): CatalogAsset => ({
  urn: `kafka://${source}/${name}`,
  source,
  platform: 'kafka',
  kind: 'topic',
  name,
  path: [name],
  description: 'Customer, "quoted", with\nnewline',
  fields: fields.map((f, i) => ({
    urn: `kafka://${source}/${name}#${f}`,
    path: f,
    name: f,
    ordinal: i + 1,
    declaredType: 'string',
  })),
})

let kit: Kit | undefined
afterEach(async () => {
  await kit?.dispose()
  kit = undefined
})

async function kitWith(crawls: Record<string, Crawl>) {
  kit = await makeKit(undefined, {
    createConnector: (source): Connector => ({
      kind: source.kind,
      check: async () => okCheck(),
      crawl: (opts) => crawls[source.name]!(source, opts),
      close: async () => undefined,
    }),
  })
  for (const name of Object.keys(crawls))
    await kit.host.api.addSource({ source: { name, kind: 'kafka', url: `kafka://127.0.0.1:9092` } })
  return kit
}

async function settled(k: Kit, jobId: string): Promise<JobView> {
  for (;;) {
    const job = await k.host.api.getJob({ id: jobId })
    if (job.state !== 'running' && job.state !== 'queued') return job
    await new Promise((r) => setTimeout(r, 10))
  }
}

let version = 1
const events: Crawl = async function* (source) {
  yield {
    kind: 'assets',
    part: 'topics',
    assets: [
      topic(source.name, 'customers', version === 1 ? ['Email', 'Name'] : ['Email', 'Phone']),
    ],
    samples: { [`kafka://${source.name}/customers#Email`]: ['ann@example.com', 'bob@example.com'] },
  }
}

describe('catalog API', () => {
  it('crawls, shows the tree, searches, shows an asset, diffs, and audits one crawl entry', async () => {
    version = 1
    const k = await kitWith({
      events,
      down: async function* () {
        yield* []
        throw Object.assign(new Error('x'), { code: 'unreachable', message: 'Connection refused.' })
      },
    })
    await k.host.api.addSource({
      source: { name: 'never', kind: 'kafka', url: 'kafka://127.0.0.1:9' },
    })
    const { jobId } = await k.host.api.startCrawl({ sources: ['events', 'down'] })
    const job = await settled(k, jobId)
    expect(job.state).toBe('succeeded')
    const result = job.result as CrawlJobResult
    expect(result.crawls.map((c) => [c.source, c.status])).toEqual([
      ['events', 'succeeded'],
      ['down', 'failed'],
    ])
    const partials = k.events.flatMap((e) =>
      e.topic === 'job.partial' && e.jobId === jobId ? [e.partial as CrawlSourceProgress] : [],
    )
    expect(partials.filter((p) => p.source === 'down').at(-1)).toMatchObject({
      state: 'failed',
      error: { code: 'unreachable' },
    })

    const roots = await k.host.api.catalogTree({})
    expect(roots.map((n) => [n.id, n.status, n.childCount])).toEqual([
      ['source:events', 'succeeded', 1],
      ['source:down', 'failed', 0],
      ['source:never', 'never-crawled', 0],
    ])
    expect((await k.host.api.catalogTree({ parent: 'source:events' })).map((n) => n.id)).toEqual([
      'kafka://events/customers',
    ])

    const hits = await k.host.api.searchCatalog({ text: 'Email' })
    expect(hits.some((h) => h.urn === 'kafka://events/customers#Email')).toBe(true)

    const view = await k.host.api.getAsset({ urn: 'kafka://events/customers' })
    expect(view.samplesInMemory).toBe(true)
    expect(view.ownership).toEqual({})
    const email = view.asset.fields.find((f) => f.name === 'Email')!
    expect(email.values).toMatchObject({ sampled: 2, distinct: 2 })
    expect(JSON.stringify(view)).not.toContain('ann@example.com')
    await expect(k.host.api.getAsset({ urn: 'kafka://events/nope' })).rejects.toMatchObject({
      code: 'not-found',
    })

    version = 2
    await settled(k, (await k.host.api.startCrawl({ sources: ['events'] })).jobId)
    const [diff] = await k.host.api.diffCatalog({ source: 'events' })
    expect(diff!.changes).toHaveLength(1)
    expect(diff!.changes[0]!.fields.map((f) => [f.path, f.change]).sort()).toEqual([
      ['Name', 'removed'],
      ['Phone', 'added'],
    ])
    const crawls = await k.host.api.listCrawls({ source: 'events' })
    expect(crawls).toHaveLength(2)
    const sinceFirst = await k.host.api.diffCatalog({
      source: 'events',
      from: crawls[1]!.id,
      to: crawls[0]!.id,
    })
    expect(sinceFirst[0]!.summary.fieldsAdded).toBe(1)

    const audit = await k.host.api.listAudit({})
    const crawlEntries = audit.filter((e) => e.action === 'crawl')
    expect(crawlEntries).toHaveLength(2)
    expect(crawlEntries[1]!.details).toMatchObject({
      sources: [
        { source: 'events', status: 'succeeded' },
        { source: 'down', status: 'failed', code: 'unreachable' },
      ],
    })
    expect(JSON.stringify(audit)).not.toContain('example.com')
  })

  it('reveals sampled values only with a reason, audited, and says when they are gone', async () => {
    version = 1
    const k = await kitWith({ events })
    await settled(k, (await k.host.api.startCrawl({})).jobId)
    const fieldUrn = 'kafka://events/customers#Email'
    await expect(k.host.api.revealSample({ fieldUrn, reason: ' ' } as never)).rejects.toMatchObject(
      { code: 'bad-input' },
    )
    await expect(k.host.api.revealSample({ fieldUrn } as never)).rejects.toMatchObject({
      code: 'bad-input',
    })
    const revealed = await k.host.api.revealSample({ fieldUrn, reason: 'ticket 42' })
    expect(revealed.values).toEqual(['ann@example.com', 'bob@example.com'])
    const [entry] = await k.host.api.listAudit({ limit: 1 })
    expect(entry).toMatchObject({ action: 'reveal', fields: [fieldUrn], reason: 'ticket 42' })
    await expect(
      k.host.api.revealSample({ fieldUrn: 'kafka://events/customers#Name', reason: 'x' }),
    ).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/crawl/) })
    // Samples live in memory only: a new process has none, while the catalogue is still there.
    const host = await k.reopen()
    await expect(host.api.revealSample({ fieldUrn, reason: 'again' })).rejects.toMatchObject({
      code: 'not-found',
    })
    expect((await host.api.getAsset({ urn: 'kafka://events/customers' })).samplesInMemory).toBe(
      false,
    )
  })

  it('exports JSON (versioned) and CSV (quoted), raw samples only with a reason, audited', async () => {
    version = 1
    const k = await kitWith({ events })
    await settled(k, (await k.host.api.startCrawl({})).jobId)
    const json = await k.host.api.exportCatalog({ format: 'json' })
    expect(json).toMatchObject({ format: 'json', assets: 1, fields: 2 })
    const doc = JSON.parse(json.content)
    expect(doc).toMatchObject({
      schemaVersion: 1,
      rawSamples: false,
      lineage: [],
    })
    // Issue 5: the personal-data map's entries (the classifier runs inside the crawl).
    expect(doc.classifications).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          urn: 'kafka://events/customers#Email',
          category: 'contact.email',
          reviewState: 'suggested',
        }),
      ]),
    )
    expect(doc.sources).toEqual([
      {
        name: 'events',
        platform: 'kafka',
        crawl: expect.objectContaining({ status: 'succeeded' }),
      },
    ])
    expect(json.content).not.toContain('ann@example.com')
    expect((await k.host.api.listAudit({})).some((e) => e.action === 'export')).toBe(false)

    const csv = await k.host.api.exportCatalog({ format: 'csv' })
    const lines = csv.content.split('\r\n')
    expect(lines[0]).toMatch(/^source,platform,asset_urn,/)
    expect(lines[1]).toContain('"Customer, ""quoted"", with\nnewline"')
    expect(csv.content).not.toContain('ann@example.com')

    await expect(
      k.host.api.exportCatalog({ format: 'json', rawSamples: { reason: '' } }),
    ).rejects.toMatchObject({ code: 'bad-input' })
    const raw = await k.host.api.exportCatalog({ format: 'csv', rawSamples: { reason: 'DSAR 7' } })
    expect(raw.content.split('\r\n')[0]).toMatch(/,raw_samples$/)
    expect(raw.content).toContain('ann@example.com')
    const [entry] = await k.host.api.listAudit({ limit: 1 })
    expect(entry).toMatchObject({
      action: 'export',
      reason: 'DSAR 7',
      fields: ['kafka://events/customers#Email'],
    })
  })

  it('cancels at once; the store records cancelled crawls and keeps the current catalogue', async () => {
    version = 1
    let hang = false
    let started!: () => void
    const k = await kitWith({
      events: async function* (source, opts) {
        if (!hang) return yield* events(source, opts)
        started()
        await new Promise(() => {}) // ignores its signal: the worst connector
      },
    })
    await settled(k, (await k.host.api.startCrawl({})).jobId)
    hang = true
    const running = new Promise<void>((r) => (started = r))
    const { jobId } = await k.host.api.startCrawl({})
    await running
    const cancelled = await k.host.api.cancelJob({ id: jobId })
    expect(cancelled.state).toBe('cancelled')
    let crawls = await k.host.api.listCrawls({ source: 'events' })
    while (crawls[0]!.status === 'running') {
      await new Promise((r) => setTimeout(r, 10))
      crawls = await k.host.api.listCrawls({ source: 'events' })
    }
    expect(crawls.map((c) => [c.status, c.current])).toEqual([
      ['cancelled', false],
      ['succeeded', true],
    ])
    expect((await k.host.api.getAsset({ urn: 'kafka://events/customers' })).crawl.id).toBe(
      crawls[1]!.id,
    )
  })

  it('rejects unknown sources and bad arguments', async () => {
    const k = await kitWith({ events })
    await expect(k.host.api.startCrawl({ sources: ['nope'] })).rejects.toMatchObject({
      code: 'not-found',
    })
    await expect(k.host.api.searchCatalog({ text: '' })).rejects.toMatchObject({
      code: 'bad-input',
    })
    await expect(k.host.api.exportCatalog({ format: 'xml' } as never)).rejects.toMatchObject({
      code: 'bad-input',
    })
    await expect(k.host.api.diffCatalog({ since: 'yesterday' })).rejects.toMatchObject({
      code: 'bad-input',
    })
    expect(await k.host.api.diffCatalog({})).toEqual([])
  })
})
