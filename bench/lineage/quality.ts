/**
 * Inferred lineage quality on the reference estate (issue 6 item 4), `npm run bench:lineage`:
 *
 * 1. crawl the small estate through the one API into a temporary workspace holding only the
 *    repository's sources.yaml (no catalog/lineage/, no catalog/model/, no decisions), once per
 *    sample size; the crawl's sketch hook stores the sketches;
 * 2. infer suggestions from the store's sketches, with the edges extraction knows (CDC, sink)
 *    given as known edges (from the manifest: see estate-truth.ts);
 * 3. score them against the manifest's single-view builder and application edges, except
 *    aggregates and latest-value folds (score-suggestions.ts says how a suggestion counts).
 *
 * Writes bench/results/lineage.md. Options: --sizes 3000,1000,100 (the first is the headline);
 * --keep leaves the crawled workspaces in the temporary folder for a look.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { inferLineageSuggestions } from '../../src/main/lineage/infer/infer-suggestions'
import { openSqliteStore } from '../../src/main/store/sqlite-store'
import { workspacePaths } from '../../src/main/workspace/workspace'
import type { CatalogAsset } from '../../src/shared/model/catalog'
import { estateEnv } from '../../test/support/estate'
import { crawlEstateWorkspace } from './crawl-workspace'
import { knownEdges, readManifestEdges, targetEdges } from './estate-truth'
import { cdcEquivalents, scoreSuggestions, type SuggestionScore } from './score-suggestions'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const RESULTS = path.join(REPO_ROOT, 'bench', 'results', 'lineage.md')

interface Run {
  sampleSize: number
  crawlMs: number
  inferMs: number
  sketches: number
  /** Crawls that did not succeed (a partial crawl still commits what it read). */
  notSucceeded: string[]
  score: SuggestionScore
}

async function runOnce(sampleSize: number): Promise<Run> {
  const ws = await crawlEstateWorkspace({ repoRoot: REPO_ROOT, env: estateEnv(), sampleSize })
  const store = openSqliteStore(workspacePaths(ws.dir).storeFile)
  try {
    const notSucceeded = ws.crawl.crawls
      .filter((c) => c.status !== 'succeeded')
      .map((c) => `${c.source} ${c.status}${c.error ? ` (${c.error.message})` : ''}`)
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
    return {
      sampleSize,
      crawlMs: ws.crawlMs,
      inferMs,
      sketches: sketches.length,
      notSucceeded,
      score,
    }
  } finally {
    await store.close()
    if (process.argv.includes('--keep')) console.log(`kept ${ws.dir}`)
    else ws.dispose()
  }
}

/** Why a target the headline run missed cannot be seen in values (known cases). */
const WHY: Array<[RegExp, string]> = [
  [/OptIn/, 'a boolean is never sketched: two values say nothing'],
  [
    /fraud\.scores#customerId/,
    'only part of the scored customer ids reach the single view (the builder folds scores for known customers only), below the containment bar',
  ],
  [
    /Customer#CustomerId -> .*web\.clickstream/,
    'the clickstream holds a subset of the integer customer ids, which is what every reference looks like (call-centre interactions, segments): not suggested',
  ],
]

function whyMissed(run: Run): string[] {
  return run.score.missed.map((m) => {
    const text = `${short(m.from)} -> ${short(m.to)}`
    const why = WHY.find(([re]) => re.test(`${m.from} -> ${m.to}`))?.[1] ?? 'not explained'
    return `- ${text}: ${why}.`
  })
}

const short = (urn: string) => urn.replace(/^[a-z-]+:\/\/[^/]+\//, '')
const pct = (n: number) => n.toFixed(3)

function report(runs: Run[]): string {
  const head = runs[0]!
  const load = os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ')
  const lines = [
    '# Inferred lineage suggestions: quality (issue 6 item 4)',
    '',
    'Written by `npm run bench:lineage` (bench/lineage/quality.ts).',
    '',
    `Run ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${load} (1/5/15 min), small estate.`,
    '',
    '## Result',
    '',
    `Headline (sample size ${head.sampleSize}, which reads the small estate's tables and collections whole; topics: their newest ${head.sampleSize} messages):`,
    `**precision ${pct(head.score.precision)}, recall ${pct(head.score.recall)}** (targets: precision ≥ 0.9, recall ≥ 0.8).`,
    '',
    '| sample size | suggestions | hits | ignored | false positives | targets hit | precision | recall | sketches | crawl s | infer ms |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...runs.map(
      (r) =>
        `| ${r.sampleSize} | ${r.score.suggestions} | ${r.score.hits} | ${r.score.ignored} | ${r.score.falsePositives.length} | ${r.score.hitTargets}/${r.score.targets} | ${pct(r.score.precision)} | ${pct(r.score.recall)} | ${r.sketches} | ${(r.crawlMs / 1000).toFixed(1)} | ${r.inferMs.toFixed(0)} |`,
    ),
    '',
    `Suggestions at sample size ${head.sampleSize}:`,
    '',
    '| outcome | from | to | normalisation | score |',
    '|---|---|---|---|---|',
    ...head.score.rows.map(
      (r) =>
        `| ${r.outcome} | ${short(r.suggestion.from)} | ${short(r.suggestion.to)} | ${r.suggestion.evidence.normalisation} | ${r.suggestion.score} |`,
    ),
    '',
    `Missed at sample size ${head.sampleSize}:`,
    '',
    ...head.score.missed.map((m) => `- ${short(m.from)} -> ${short(m.to)} (${m.transform.type})`),
    '',
    ...runs
      .filter((r) => r.notSucceeded.length > 0)
      .map(
        (r) =>
          `Crawls not succeeded at sample size ${r.sampleSize}: ${r.notSucceeded.join('; ')}.\n`,
      ),
    ...runs
      .slice(1)
      .flatMap((r) => [
        `At sample size ${r.sampleSize}: false positives ${r.score.falsePositives.map((s) => `${short(s.from)} -> ${short(s.to)}`).join('; ') || 'none'}; missed ${r.score.missed.map((m) => short(m.to)).join(', ')}.`,
        '',
      ]),
    '## Method',
    '',
    "- Workspace: a temporary folder with the repository's `catalog/sources.yaml` only: no",
    '  `catalog/lineage/` declarations, no `catalog/model/`, no suggestion decisions.',
    "- Crawl: every source through `startCrawl({ sampleSize })`; the crawl's sketch hook keeps,",
    '  per sampled field and normalisation variant, a bottom-k (k = 512) sketch of HMAC-SHA-256',
    '  hashes under the workspace key, with distinct count and sampling fraction.',
    '- Known edges: what extraction finds in Kafka Connect, taken from the manifest (`cdc:*` column',
    "  -> `after.X`, plus `before.X` / `key.X` where catalogued, and the MongoDB sink's copies), so",
    '  that this bench measures inference alone.',
    "- Targets: the manifest's `builder:singleview` and `application` edges except `aggregate` and",
    '  `latest` transforms (values cannot reveal a count, a sum or a latest-value fold).',
    "- A suggestion is a **hit** when its `to` equals the target's `to`, its `from` is the target's",
    "  `from` or a field holding the same values through CDC (the table column X, or the topic's",
    '  `after.X` / `before.X` / `key.X`: the builder reads the topic, which copies the column, and',
    '  the application edges are declared from the column), and the transformation is of the same',
    '  family: copy (identity, trim, lower-case, collapse whitespace and chains of them: a sample',
    '  without messy values cannot tell them apart), hash, e164, prefix-pad, postcode-format,',
    '  epoch-days-to-date. A suggestion matching (from, to) of an excluded aggregate/latest edge is',
    '  **ignored** (real lineage, transformation unnamed by values); anything else is a **false',
    '  positive**. Precision = hits / (suggestions - ignored); recall = targets hit / targets.',
    '',
    '## What limits it',
    '',
    ...whyMissed(head),
    '- Sample size matters: containment is corrected for the sampling fraction, but samples are',
    '  not random (PostgreSQL reads the first rows of a small table, Kafka the newest messages,',
    '  FerretDB the first documents), so with partial samples true copies fall below the bar',
    '  and recall drops (table above). Infer from crawls that read the assets whole, or large',
    "  samples, for suggestions worth reviewing. The correction needs the asset's record count:",
    '  when a connector does not report it (a MongoDB count that timed out under load), the',
    '  containment of a partly sampled asset is not corrected and its matches fall away.',
    "- Integer customer ids that all reach the single view's `_id` cannot be told apart by values:",
    "  `web.clickstream.v1.customerId -> _id` looks exactly like the builder's `fraud.scores` and",
    '  `orders` edges and is a false positive whenever its sampled ids are all known customers.',
    '- The estate streams live events (clickstream, fraud scores), so the newest-message samples',
    '  and these numbers move between runs: over the last runs during development, at sample size',
    '  3000, precision was 0.944-1.000 and recall 0.85-0.90. The thresholds (containment 0.95, ids',
    '  0.98, hashes 0.5, names 0.8 / 0.5) were set while looking at this estate: the same data it',
    '  is scored on, so these numbers are not a held-out measurement.',
    '',
  ]
  return lines.join('\n')
}

const sizesArg = process.argv.indexOf('--sizes')
const sizes = (sizesArg >= 0 ? process.argv[sizesArg + 1]! : '3000,1000,100').split(',').map(Number)
const runs: Run[] = []
for (const size of sizes) {
  const run = await runOnce(size)
  console.log(
    `sample ${size}: precision ${pct(run.score.precision)} recall ${pct(run.score.recall)} (${run.score.hits} hits, ${run.score.falsePositives.length} false positives)`,
  )
  runs.push(run)
}
mkdirSync(path.dirname(RESULTS), { recursive: true })
writeFileSync(RESULTS, report(runs))
console.log(`wrote ${path.relative(REPO_ROOT, RESULTS)}`)
