import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiHost } from '../../src/main/api/create-api-host'
import type { ApiHost } from '../../src/main/api/host'
import type { CatalogField, CrawlJobResult } from '../../src/shared/model/catalog'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import { estateEnv, REPO_ROOT, wholeEstateAvailable } from '../support/estate'
import { crawlToEnd } from '../support/crawl-job'

/**
 * Issue 5 items 1-2 on the reference estate: a crawl of the estate's workspace classifies every
 * field of the manifest's personal fields with its category (recall), and labels no field the
 * manifest lists as not personal (precision). Fields of the manifest's assets that the manifest
 * does not list (Debezium `before.*`, envelope fields) are left out of both.
 */
const env = estateEnv()
// Throws under CI (a missing server fails there); the skip is for a developer's machine without
// the estate, announced by SKIPPING lines.
const up = await wholeEstateAvailable()

interface Manifest {
  assets: Array<{ urn: string; fields?: Array<{ urn: string; path: string; category?: string }> }>
  personalFields: Array<{ urn: string; category: string }>
}
const MANIFEST = path.join(REPO_ROOT, '.estate', 'data', 'small', 'manifest.json')

describe.skipIf(!up)('classification of the reference estate', () => {
  let dir: string
  let host: ApiHost
  const fields = new Map<string, CatalogField>()

  const crawl = (arg: { sources?: string[]; sampleSize?: number } = {}): Promise<CrawlJobResult> =>
    crawlToEnd(host, arg)

  async function collect(parent?: string): Promise<void> {
    const nodes = await host.api.catalogTree(parent === undefined ? {} : { parent })
    for (const node of nodes) {
      if (node.kind !== 'source' && (node.fieldCount ?? 0) > 0) {
        const view = await host.api.getAsset({ urn: node.id })
        for (const f of view.asset.fields) fields.set(f.urn, f)
      }
      if (node.childCount > 0) await collect(node.id)
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-classify-'))
    mkdirSync(path.join(dir, 'catalog'))
    copyFileSync(
      path.join(REPO_ROOT, 'catalog', 'sources.yaml'),
      path.join(dir, 'catalog', 'sources.yaml'),
    )
    host = await createApiHost({
      workspaceDir: dir,
      mode: 'serve',
      secretStore: new MemorySecretStore(),
      actor: 'tester',
      env: { ...process.env, ...env },
    })
    const result = await crawl()
    for (const c of result.crawls) expect([c.source, c.status]).not.toEqual([c.source, 'failed'])
    await collect()
  }, 300_000)

  afterAll(async () => {
    await host?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('labels every manifest personal field with its category, and few others', () => {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest
    const want = new Map(manifest.personalFields.map((p) => [p.urn, p.category]))
    // Every field the manifest lists (personal or not) is ground truth.
    const known = new Set(manifest.assets.flatMap((a) => (a.fields ?? []).map((f) => f.urn)))
    const missed: string[] = []
    const wrong: string[] = []
    let truePositives = 0
    let labelled = 0
    for (const [urn, category] of want) {
      const got = fields.get(urn)?.classification?.labels[0]?.category
      if (got === category) truePositives++
      else
        missed.push(
          `${urn}: want ${category}, got ${got ?? (fields.has(urn) ? 'nothing' : 'no such field')} ${JSON.stringify(fields.get(urn)?.classification?.nearMisses ?? [])}`,
        )
    }
    for (const urn of known) {
      const top = fields.get(urn)?.classification?.labels[0]
      if (!top) continue
      labelled++
      if (want.get(urn) !== top.category)
        wrong.push(
          `${urn}: labelled ${top.category} (${top.confidence}), want ${want.get(urn) ?? 'none'}`,
        )
    }
    const outside = [...fields.values()].filter(
      (f) => !known.has(f.urn) && (f.classification?.labels.length ?? 0) > 0,
    )
    console.log(
      `labelled fields the manifest does not list (before.*, subjects...): ${outside.length}\n  ${outside
        .map((f) => `${f.urn}: ${f.classification!.labels[0]!.category}`)
        .join('\n  ')}`,
    )
    const recall = truePositives / want.size
    const precision = labelled === 0 ? 0 : (labelled - wrong.length) / labelled
    console.log(
      `classification on the estate: recall ${recall.toFixed(3)} (${truePositives}/${want.size}), precision ${precision.toFixed(3)} (${labelled - wrong.length}/${labelled})`,
    )
    if (missed.length) console.log(`missed:\n  ${missed.join('\n  ')}`)
    if (wrong.length) console.log(`wrong:\n  ${wrong.join('\n  ')}`)
    expect(missed).toEqual([])
    expect(recall).toBe(1)
    expect(precision).toBeGreaterThanOrEqual(0.95)
  })

  it('finds card numbers in the legacy table and personal data in free-text notes', () => {
    const card = fields.get('postgres://amper-pg/orders/sales/legacy_card_payments#card_number')
    const top = card?.classification?.labels[0]
    expect(top?.category).toBe('financial.card_number')
    expect(top?.evidence.some((e) => e.kind === 'value' && (e.matched ?? 0) > 0)).toBe(true)
    for (const urn of [
      'postgres://amper-pg/orders/sales/deliveries#driver_notes',
      'mongodb://singleview/fraud/cases#notes',
      'mongodb://singleview/callcentre/interactions#summary',
    ]) {
      const label = fields.get(urn)?.classification?.labels[0]
      expect([urn, label?.category]).toEqual([urn, 'free_text.contains_personal'])
      expect(label?.share ?? 0).toBeGreaterThan(0)
    }
  })

  it('never shows a raw sampled value in evidence', () => {
    for (const f of fields.values())
      for (const l of f.classification?.labels ?? [])
        for (const e of l.evidence) if (e.example !== undefined) expect(e.example).toMatch(/\u2022/)
  })

  // Last: it replaces the relational source's catalogue with an unsampled one.
  it('labels relational columns by name alone, less surely, when nothing is sampled', async () => {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest
    const result = await crawl({ sources: ['amper-pg'], sampleSize: 0 })
    expect(result.crawls.map((c) => c.status)).toEqual(['succeeded'])
    fields.clear()
    await collect('source:amper-pg')
    const relational = manifest.personalFields.filter((p) => p.urn.startsWith('postgres://'))
    const missed: string[] = []
    for (const p of relational) {
      const c = fields.get(p.urn)?.classification
      expect(c?.sampled, p.urn).toBe(0)
      const label = c?.labels[0]
      // Free text is personal by what it says: without values there is nothing to go on.
      if (p.category === 'free_text.contains_personal') continue
      if (label?.category !== p.category) missed.push(`${p.urn}: got ${label?.category}`)
      else expect(label.evidence.some((e) => e.source === 'context:no-samples')).toBe(true)
    }
    expect(missed).toEqual([])
  })
})
