/**
 * Inferred lineage quality on the reference estate (issue 6 item 4), `npm run bench:lineage`.
 *
 * The default path, as a user takes it, in one temporary workspace holding only the repository's
 * sources.yaml (no catalog/lineage/, no catalog/model/, no decisions):
 *   1. the everyday crawl of every source at the crawl's default sample (scored: what inference
 *      makes of it alone);
 *   2. "Find suggestions" (`findLineageSuggestions`, every source, its default profile sample):
 *      the headline;
 *   3. another everyday crawl, which must keep the profile's deeper sketches (scored again).
 * Each step's sketches are scored: suggestions inferred from the store's sketches, with the edges
 * extraction knows (CDC, sink) given as known edges (estate-truth.ts), against the manifest's
 * single-view builder and application edges except aggregates and latest-value folds
 * (score-suggestions.ts says how a suggestion counts).
 *
 * Writes bench/results/lineage.md. Options: --sizes 1000,300 adds everyday crawls at those sample
 * sizes without a profile, for comparison; --keep leaves the workspaces in the temporary folder;
 * --workspace DIR only scores a kept workspace (prints, writes nothing).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_SAMPLE_SIZE } from '../../src/main/connectors/crawl-model'
import { inferLineageSuggestions } from '../../src/main/lineage/infer/infer-suggestions'
import { LINEAGE_PROFILE_SAMPLE_SIZE } from '../../src/main/lineage/infer/lineage-profile'
import { openSqliteStore } from '../../src/main/store/sqlite-store'
import { workspacePaths } from '../../src/main/workspace/workspace'
import type { CatalogAsset, CrawlJobResult } from '../../src/shared/model/catalog'
import { estateEnv } from '../../test/support/estate'
import { estateWorkspace, type JobRun } from './crawl-workspace'
import { knownEdges, readManifestEdges, targetEdges } from './estate-truth'
import { report, type Run } from './quality-report'
import { cdcEquivalents, scoreSuggestions, type SuggestionScore } from './score-suggestions'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const RESULTS = path.join(REPO_ROOT, 'bench', 'results', 'lineage.md')

/** Infers from a workspace's stored sketches and scores the suggestions against the manifest. */
async function scoreWorkspace(
  dir: string,
): Promise<{ inferMs: number; sketches: number; score: SuggestionScore }> {
  const store = openSqliteStore(workspacePaths(dir).storeFile)
  try {
    const assets = new Map<string, CatalogAsset>()
    for await (const a of store.catalog.currentAssets({})) assets.set(a.urn, a)
    const sketches = await store.sketches.all()
    const manifest = readManifestEdges(REPO_ROOT)
    const targets = targetEdges(manifest)
    const excluded = manifest.filter(
      (e) => (e.via === 'builder:singleview' || e.via === 'application') && !targets.includes(e),
    )
    const started = performance.now()
    const suggestions = inferLineageSuggestions({
      snapshot: { assets, sources: [] },
      sketches,
      knownEdges: knownEdges(manifest, assets),
      decisions: new Map(),
    })
    const inferMs = performance.now() - started
    const score = scoreSuggestions(suggestions, targets, excluded, cdcEquivalents(manifest))
    return { inferMs, sketches: sketches.length, score }
  } finally {
    await store.close()
  }
}

const notSucceeded = (r: CrawlJobResult) =>
  r.crawls
    .filter((c) => c.status !== 'succeeded')
    .map((c) => `${c.source} ${c.status}${c.error ? ` (${c.error.message})` : ''}`)

async function scored(label: string, headline: boolean, dir: string, job: JobRun): Promise<Run> {
  const s = await scoreWorkspace(dir)
  const run: Run = { label, headline, jobMs: job.ms, notSucceeded: notSucceeded(job.result), ...s }
  console.log(
    `${label}: precision ${s.score.precision.toFixed(3)} recall ${s.score.recall.toFixed(3)} (${s.score.hits} hits, ${s.score.falsePositives.length} false positives)`,
  )
  return run
}

async function defaultPath(): Promise<Run[]> {
  const ws = estateWorkspace({ repoRoot: REPO_ROOT, env: estateEnv() })
  try {
    const crawl = await ws.run((api) => api.startCrawl({}))
    const before = await scored(
      `everyday crawl only (sample ${DEFAULT_SAMPLE_SIZE}), no Find suggestions`,
      false,
      ws.dir,
      crawl,
    )
    const profile = await ws.run((api) => api.findLineageSuggestions({}))
    const head = await scored(
      `**default: everyday crawl, then Find suggestions (profile sample ${LINEAGE_PROFILE_SAMPLE_SIZE})**`,
      true,
      ws.dir,
      profile,
    )
    const again = await ws.run((api) => api.startCrawl({}))
    const after = await scored(
      `default, after one more everyday crawl (sample ${DEFAULT_SAMPLE_SIZE})`,
      false,
      ws.dir,
      again,
    )
    return [head, after, before]
  } finally {
    if (process.argv.includes('--keep')) console.log(`kept ${ws.dir}`)
    else ws.dispose()
  }
}

async function crawlOnly(sampleSize: number): Promise<Run> {
  const ws = estateWorkspace({ repoRoot: REPO_ROOT, env: estateEnv() })
  try {
    const crawl = await ws.run((api) => api.startCrawl({ sampleSize }))
    return await scored(
      `everyday crawl at sample ${sampleSize}, no Find suggestions`,
      false,
      ws.dir,
      crawl,
    )
  } finally {
    if (process.argv.includes('--keep')) console.log(`kept ${ws.dir}`)
    else ws.dispose()
  }
}

const arg = (name: string) => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}

const workspace = arg('--workspace')
if (workspace) {
  const s = await scoreWorkspace(workspace)
  console.log(
    `precision ${s.score.precision.toFixed(3)} recall ${s.score.recall.toFixed(3)}, ${s.sketches} sketches`,
  )
  for (const r of s.score.rows)
    console.log(`${r.outcome}\t${r.suggestion.from} -> ${r.suggestion.to}\t${r.suggestion.score}`)
  for (const m of s.score.missed) console.log(`missed\t${m.from} -> ${m.to}`)
} else {
  const runs = await defaultPath()
  for (const size of (arg('--sizes') ?? '').split(',').filter(Boolean).map(Number))
    runs.push(await crawlOnly(size))
  mkdirSync(path.dirname(RESULTS), { recursive: true })
  writeFileSync(RESULTS, report(runs))
  console.log(`wrote ${path.relative(REPO_ROOT, RESULTS)}`)
}
