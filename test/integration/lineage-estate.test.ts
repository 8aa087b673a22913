import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiHost } from '../../src/main/api/create-api-host'
import type { ApiHost } from '../../src/main/api/host'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import { describeTransform } from '../../src/shared/lineage/transforms'
import type { CrawlJobResult } from '../../src/shared/model/catalog'
import type { LineageEdge, LineageSuggestion, TransformSpec } from '../../src/shared/model/lineage'
import { estateEnv, REPO_ROOT, wholeEstateAvailable } from '../support/estate'
import { crawlToEnd } from '../support/crawl-job'

/**
 * Issue 6 on the reference estate: crawl the repository's workspace (catalog/ with its sources,
 * lineage declarations and model), then through the API compare extracted + declared field edges
 * with the manifest's `lineage` (precision and recall over from, to and transform), follow the
 * path from the single view back to the CRM, the impact of an email column, personal data carried
 * along lineage, and the estate's insights.
 */
const env = estateEnv()
// Throws under CI (a missing server fails there); the skip is for a developer's machine without
// the estate, announced by SKIPPING lines.
const up = await wholeEstateAvailable()

interface ManifestEdge {
  from: string
  to: string
  transform: TransformSpec
  via: string
}
const MANIFEST = path.join(REPO_ROOT, '.estate', 'data', 'small', 'manifest.json')

const CUSTOMER = 'postgres://amper-pg/crm/dbo/Customer'
const CUSTOMER_TOPIC = 'kafka://events/crm.dbo.Customer'
const SINGLEVIEW = 'mongodb://singleview/singleview/customers'
const CLICKS = 'kafka://events/web.clickstream.v1'

/** JSON with sorted keys, so transforms compare by value. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  return JSON.stringify(value)
}

const keyOf = (e: { from: string; to: string; transform?: TransformSpec }) =>
  `${e.from} -> ${e.to} ${canonical(e.transform ?? { type: 'identity' })}`

/** Debezium's before image and message key: extracted, but outside the manifest's scope. */
const outsideManifest = (to: string) => /#(before|key)\./.test(to)

describe.skipIf(!up)('lineage of the reference estate', () => {
  let dir: string
  let host: ApiHost
  let edges: LineageEdge[]

  const crawl = (): Promise<CrawlJobResult> => crawlToEnd(host)

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-lineage-'))
    // The repository's catalog/ is the estate's workspace: sources, owners, lineage/, model/.
    cpSync(path.join(REPO_ROOT, 'catalog'), path.join(dir, 'catalog'), { recursive: true })
    host = await createApiHost({
      workspaceDir: dir,
      mode: 'serve',
      secretStore: new MemorySecretStore(),
      actor: 'tester',
      env: { ...process.env, ...env },
    })
    const result = await crawl()
    for (const c of result.crawls) expect([c.source, c.status]).not.toEqual([c.source, 'failed'])
    const exported = await host.api.exportLineage({ format: 'json' })
    edges = (JSON.parse(exported.content) as { edges: LineageEdge[] }).edges
  }, 300_000)

  afterAll(async () => {
    await host?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('extracts and declares the manifest’s field edges at precision and recall ≥ 0.99', () => {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { lineage: ManifestEdge[] }
    const want = new Set(manifest.lineage.map(keyOf))
    const got = new Set(
      edges
        .filter(
          (e) =>
            e.level === 'field' &&
            (e.origin.kind === 'extracted' || e.origin.kind === 'declared') &&
            !outsideManifest(e.to),
        )
        .map(keyOf),
    )
    const hits = [...got].filter((k) => want.has(k))
    const precision = hits.length / Math.max(1, got.size)
    const recall = hits.length / want.size
    const missed = [...want].filter((k) => !got.has(k))
    const extra = [...got].filter((k) => !want.has(k))
    console.log(
      `lineage vs manifest: ${hits.length} of ${want.size} found, ${got.size} produced; precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`,
    )
    expect(missed, 'manifest edges not found').toEqual([])
    expect(
      precision,
      `edges the manifest does not have:\n${extra.join('\n')}`,
    ).toBeGreaterThanOrEqual(0.99)
    expect(recall).toBeGreaterThanOrEqual(0.99)
  })

  it('extracts before.X and key.X edges of CDC topics too, column to same-named field', () => {
    const before = edges.filter((e) => e.level === 'field' && /#before\./.test(e.to))
    const after = edges.filter(
      (e) => e.level === 'field' && e.origin.kind === 'extracted' && /#after\./.test(e.to),
    )
    expect(before.length).toBe(after.length)
    for (const e of before) expect(e.to.split('#before.')[1]).toBe(e.from.split('#')[1])
    const keys = edges.filter((e) => e.level === 'field' && /#key\./.test(e.to))
    expect(keys.map((e) => e.to)).toContain(`${CUSTOMER_TOPIC}#key.CustomerId`)
    for (const e of keys) expect(e.to.split('#key.')[1]).toBe(e.from.split('#')[1])
  })

  it('traces singleview contact.email back to crm.dbo.Customer.Email through the CDC topic and the builder', async () => {
    const result = await host.api.getLineagePath({
      from: `${SINGLEVIEW}#contact.email`,
      to: `${CUSTOMER}#Email`,
    })
    // Answered in the direction data flows.
    expect(result.from).toBe(`${CUSTOMER}#Email`)
    expect(result.to).toBe(`${SINGLEVIEW}#contact.email`)
    expect(result.paths.length).toBeGreaterThanOrEqual(1)
    const byId = new Map(result.graph.edges.map((e) => [e.id, e]))
    const path = result.paths[0]!.map((id) => byId.get(id)!)
    expect(path.map((e) => e.to)).toEqual([
      `${CUSTOMER_TOPIC}#after.Email`,
      `${SINGLEVIEW}#contact.email`,
    ])
    expect(path[0]!.origin.kind).toBe('extracted')
    const builder = path[1]!
    expect(builder.origin.kind).toBe('declared')
    expect(builder.transform).toEqual({
      type: 'chain',
      steps: [{ type: 'trim' }, { type: 'lower-case' }],
    })
    expect(describeTransform(builder.transform!)).toMatch(/trim/i)
  })

  it('lists the single-view field and the click stream’s emailSha256 in the impact of Customer.Email', async () => {
    const impact = await host.api.getLineageImpact({ urn: `${CUSTOMER}#Email` })
    const urns = impact.downstream.map((d) => d.urn)
    expect(urns).toContain(`${SINGLEVIEW}#contact.email`)
    expect(urns).toContain(`${CLICKS}#emailSha256`)
    expect(impact.downstream.find((d) => d.urn === `${CUSTOMER_TOPIC}#after.Email`)?.hops).toBe(1)
    expect(impact.byPlatform.map((p) => p.platform)).toEqual(
      expect.arrayContaining(['kafka', 'mongodb']),
    )
    expect(impact.byCategory.map((c) => c.category)).toContain('contact.email')
  })

  it('shows contact.email’s personal data, and the hash as pseudonymised', async () => {
    const g = await host.api.getLineage({
      urn: `${SINGLEVIEW}#contact.email`,
      direction: 'up',
      depth: 2,
    })
    const focus = g.nodes.find((n) => n.urn === `${SINGLEVIEW}#contact.email`)!
    expect(focus.personalData?.category).toBe('contact.email')
    expect(focus.personalData?.reason).toBeTruthy()
    expect(g.nodes.find((n) => n.urn === `${CUSTOMER}#Email`)?.personalData?.category).toBe(
      'contact.email',
    )
    const sha = await host.api.getLineage({ urn: `${CLICKS}#emailSha256`, depth: 0 })
    const node = sha.nodes.find((n) => n.urn === `${CLICKS}#emailSha256`)!
    expect(node.personalData).toBeDefined()
  })

  it('reports the estate’s insights: unconsumed topics, personal-data flows, no failures', async () => {
    const insights = await host.api.getLineageInsights({})
    const of = (kind: string) => insights.filter((i) => i.kind === kind).map((i) => i.urn)
    // The orders topics besides orders itself have no consumer and no sink in the estate.
    expect(of('topic-unconsumed')).toContain('kafka://events/orders.sales.payments')
    expect(of('topic-unconsumed')).not.toContain(CUSTOMER_TOPIC)
    expect(of('topic-unconsumed')).not.toContain('kafka://events/returns.requests')
    const flow = insights.find((i) => i.kind === 'personal-data-flow' && i.urn === CUSTOMER)
    expect(flow?.related).toEqual(expect.arrayContaining([CUSTOMER_TOPIC, SINGLEVIEW]))
    expect(of('connector-failed')).toEqual([])
    // Every CDC table is captured; the legacy table has no CDC and is not flagged.
    expect(of('cdc-not-captured')).toEqual([])
  })

  it('answers unknown URNs with not-found', async () => {
    await expect(
      host.api.getLineage({ urn: 'postgres://amper-pg/crm/dbo/Nope#X' }),
    ).rejects.toMatchObject({ code: 'not-found' })
  })

  it('exports OpenLineage datasets with the columnLineage facet, and edges in the catalogue export', async () => {
    const ol = JSON.parse((await host.api.exportLineage({ format: 'openlineage' })).content) as {
      datasets: Array<{
        namespace: string
        name: string
        facets: { columnLineage: { fields: Record<string, { inputFields: unknown[] }> } }
      }>
    }
    const sv = ol.datasets.find(
      (d) => d.namespace === 'mongodb://singleview' && d.name === 'singleview.customers',
    )!
    expect(sv.facets.columnLineage.fields['contact.email']?.inputFields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          namespace: 'kafka://events',
          name: 'crm.dbo.Customer',
          field: 'after.Email',
        }),
      ]),
    )
    const catalog = JSON.parse((await host.api.exportCatalog({ format: 'json' })).content) as {
      schemaMinorVersion: number
      lineage: LineageEdge[]
    }
    expect(catalog.schemaMinorVersion).toBe(1)
    expect(catalog.lineage.some((e) => e.to === `${CUSTOMER_TOPIC}#after.Email`)).toBe(true)
  })

  it('accepts, rejects and reopens inferred suggestions, audited, and accepted ones become edges', async () => {
    // Without the builder's declarations the inference has the builder's copies to find; the
    // sketches are in the store already, so no crawl is needed, only a rebuild of lineage.
    const declared = path.join(dir, 'catalog', 'lineage', 'singleview-builder.yaml')
    renameSync(declared, `${declared}.off`)
    try {
      const open = await host.api.listLineageSuggestions({ status: ['open'] })
      expect(open.length).toBeGreaterThanOrEqual(2)
      const [first, second] = open as [LineageSuggestion, LineageSuggestion]
      const accepted = await host.api.decideLineageSuggestion({
        id: first.id,
        decision: 'accepted',
        reason: 'checked with the builder team',
      })
      expect(accepted).toMatchObject({ id: first.id, status: 'accepted', decidedBy: 'tester' })
      const around = await host.api.getLineage({ urn: first.to, direction: 'up', depth: 1 })
      const edge = around.edges.find((e) => e.from === first.from && e.to === first.to)
      expect(edge?.origin).toMatchObject({ kind: 'accepted-suggestion', score: first.score })
      const rejected = await host.api.decideLineageSuggestion({
        id: second.id,
        decision: 'rejected',
      })
      expect(rejected.status).toBe('rejected')
      const reopened = await host.api.decideLineageSuggestion({ id: first.id, decision: 'open' })
      expect(reopened.status).toBe('open')
      const after = await host.api.getLineage({ urn: first.to, direction: 'up', depth: 1 })
      expect(after.edges.some((e) => e.origin.kind === 'accepted-suggestion')).toBe(false)
      const audit = (await host.api.listAudit({})).filter((e) => e.action === 'lineage.decide')
      expect(audit.map((e) => e.details?.decision)).toEqual(['open', 'rejected', 'accepted'])
      expect(audit[2]).toMatchObject({ target: first.id, reason: 'checked with the builder team' })
      await expect(
        host.api.decideLineageSuggestion({ id: 'nope', decision: 'accepted' }),
      ).rejects.toMatchObject({ code: 'not-found' })
    } finally {
      renameSync(`${declared}.off`, declared)
    }
  })
})
