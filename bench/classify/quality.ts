/**
 * Classification quality (issue 5, "Quality and speed"): field-level precision and recall on
 * (a) the reference estate against its manifest and (b) the second labelled set, side by side,
 * with the confusions and every misclassified field with its evidence. Writes the `quality`
 * section of bench/results/classify.md.
 *
 *   npx tsx bench/classify/quality.ts [--env .estate/estate.env]
 *     [--manifest .estate/data/small/manifest.json] [--skip-estate] [--skip-labelled]
 */
import { codeLine, codeVersion } from '../shared/code-version'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { LABEL_THRESHOLD } from '../../src/main/classify/classify-field'
import { estateQuality, type EstateRun } from './estate-quality'
import { labelledQuality } from './labelled-quality'
import { HOLDOUT_SOURCES } from './labelled-specs'
import { LABELLED_DIR } from './make-labelled-set'
import {
  categoryRows,
  confusionLines,
  errorLines,
  score,
  type Outcome,
  type QualityReport,
} from './metrics'
import { arg, flag, machineLine, REPO_ROOT, writeSection } from './results-file'

const TARGET = 0.97
const CATEGORY_FLOOR = 0.9
const f3 = (x: number) => x.toFixed(3)
const ok = (b: boolean) => (b ? 'met' : '**NOT met**')

const EMPTY: QualityReport = score([])

function perSource(outcomes: readonly Outcome[]): string[] {
  const bySource = new Map<string, Outcome[]>()
  for (const o of outcomes) {
    const source = o.label.split(':')[0]!
    bySource.set(source, [...(bySource.get(source) ?? []), o])
  }
  const rows = [...bySource].map(([source, list]) => {
    const r = score(list)
    const held = HOLDOUT_SOURCES.has(source) ? ' (*held out*)' : ''
    return `| ${source}${held} | ${r.fields} (${r.positives} / ${r.negatives}) | ${f3(r.precision)} | ${f3(r.recall)} | ${r.errors.length} |`
  })
  const held = score(outcomes.filter((o) => HOLDOUT_SOURCES.has(o.label.split(':')[0]!)))
  if (held.fields > 0)
    rows.push(
      `| **held out, together** | ${held.fields} (${held.positives} / ${held.negatives}) | ${f3(held.precision)} | ${f3(held.recall)} | ${held.errors.length} |`,
    )
  return rows
}

function overallRows(a: QualityReport, b: QualityReport): string[] {
  return [
    `| fields (personal / not) | ${a.fields} (${a.positives} / ${a.negatives}) | ${b.fields} (${b.positives} / ${b.negatives}) |`,
    `| precision (category must match) | ${f3(a.precision)} | ${f3(b.precision)} |`,
    `| recall (category must match) | ${f3(a.recall)} | ${f3(b.recall)} |`,
    `| detection precision (personal or not) | ${f3(a.detectionPrecision)} | ${f3(b.detectionPrecision)} |`,
    `| detection recall (personal or not) | ${f3(a.detectionRecall)} | ${f3(b.detectionRecall)} |`,
    `| misclassified fields | ${a.errors.length} | ${b.errors.length} |`,
  ]
}

function targets(a: QualityReport, ran: boolean): string[] {
  if (!ran) return ['- The estate was not crawled in this run (`--skip-estate`): no verdict.']
  const low = a.perCategory.filter(
    (c) => c.truth > 0 && (c.precision < CATEGORY_FLOOR || c.recall < CATEGORY_FLOOR),
  )
  return [
    `- Estate precision ≥ ${TARGET}: ${f3(a.precision)}, ${ok(a.precision >= TARGET)}.`,
    `- Estate recall ≥ ${TARGET}: ${f3(a.recall)}, ${ok(a.recall >= TARGET)}.`,
    `- No estate category below ${CATEGORY_FLOOR} (precision or recall): ${low.length === 0 ? 'met' : `**NOT met**: ${low.map((c) => `${c.category} (P ${f3(c.precision)}, R ${f3(c.recall)})`).join(', ')}`}.`,
  ]
}

export async function runQuality(): Promise<{ estate: QualityReport; labelled: QualityReport }> {
  const envFile = arg('env', path.join(REPO_ROOT, '.estate', 'estate.env'))!
  const manifestFile = arg(
    'manifest',
    path.join(REPO_ROOT, '.estate', 'data', 'small', 'manifest.json'),
  )!
  let run: EstateRun | undefined
  if (!flag('skip-estate'))
    run = await estateQuality({ repoRoot: REPO_ROOT, envFile, manifestFile })
  const estate = run ? score(run.outcomes) : EMPTY
  const lab = flag('skip-labelled') ? undefined : labelledQuality(LABELLED_DIR)
  const labelled = lab ? score(lab.outcomes) : EMPTY

  const md = [
    '## Quality',
    '',
    `Run ${new Date().toISOString()} on ${machineLine()}; ${codeLine(codeVersion())}.`,
    '',
    'How it was obtained:',
    '',
    `- **Estate** (${run ? 'crawled' : 'not run'}): the small reference estate crawled through the API (createApiHost on a temporary copy of catalog/ with no review decisions, \`startCrawl\` of every source), then the personal-data report read exactly as an outside scorer reads it (\`exportPersonalData\` JSON = \`sightline report personal-data --format json\`): a field's prediction is its entry's category, no entry = not personal. Every catalogued field is scored; fields not in the manifest's \`personalFields\` are negatives.${run ? ` The manifest lists a CDC topic's \`after.X\` only: its \`before.X\` and \`key.X\` (${run.derived} fields) take the truth of \`after.X\`, since they hold the same values. ${run.notCatalogued.length} manifest fields are not in the catalogue (counted as missed)${run.notCatalogued.length ? `: ${run.notCatalogued.join(', ')}` : ''}. Crawl ${(run.crawlMs / 1000).toFixed(1)} s; ${run.reportEntries} report entries; crawls: ${run.crawls.map((c) => `${c.source} ${c.status} (${c.assets} assets${c.error ? `, ${c.error}` : ''})`).join('; ')}.` : ''}`,
    `- **Second labelled set**: bench/classify/labelled/*.json (make-labelled-set.ts, seeded): ${labelled.fields} fields of nine made-up sources (German web shop, French CRM, Spanish telco in MongoDB, US clinic in SCREAMING_SNAKE, Hungarian-notation HR system, Kafka product events; held out: Italian insurer, Dutch energy supplier in MongoDB, Brazilian app on Kafka) with 100 values each, ${labelled.negatives} of them hard negatives. Each field goes through the crawl's classification step (classifyAssets → classifyField, builtin rule pack); prediction = best label with confidence ≥ LABEL_THRESHOLD (${LABEL_THRESHOLD}, classify-field.ts), below it = not personal.${lab ? ` Classifying all of them took ${lab.ms.toFixed(0)} ms.` : ''}`,
    '- Strict scoring: a field is a true positive only with the right category; a wrong category is a false positive of the predicted one and a false negative of the true one. "Detection" ignores the category.',
    '',
    '### Overall',
    '',
    '| | estate | second set |',
    '|---|---:|---:|',
    ...overallRows(estate, labelled),
    '',
    'Targets (issue 5): precision and recall ≥ 0.97 overall, no category below 0.9 on the estate.',
    '',
    ...targets(estate, run !== undefined),
    ...(run
      ? (() => {
          const strict = score(run.outcomes.filter((o) => !run.derivedUrns.has(o.urn)))
          return [
            `- Scored without the ${run.derived} derived \`before.*\` / \`key.*\` fields (manifest fields only as positives): precision ${f3(strict.precision)}, recall ${f3(strict.recall)}, ${strict.errors.length} misclassified.`,
          ]
        })()
      : []),
    '',
    '### Per category',
    '',
    'Cells: truth / predicted / correct, precision, recall (⚠ below 0.9).',
    '',
    '| category | estate t/p/c | P | R | second set t/p/c | P | R |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...categoryRows(estate, labelled),
    '',
    '### Second set per source',
    '',
    'Sources marked *held out* were added after the classifier had been tuned with the other six in view (their first run is the out-of-sample number).',
    '',
    '| source | fields (personal / not) | precision | recall | misclassified |',
    '|---|---:|---:|---:|---:|',
    ...(lab ? perSource(lab.outcomes) : []),
    '',
    '### Confusions: estate',
    '',
    ...confusionLines(estate),
    '',
    '### Confusions: second set',
    '',
    ...confusionLines(labelled),
    '',
    '### Misclassified fields: estate',
    '',
    ...errorLines(estate),
    '',
    '### Misclassified fields: second set',
    '',
    ...errorLines(labelled),
  ].join('\n')
  writeSection('quality', md)
  const line = (r: QualityReport, ran: boolean) =>
    ran ? `P ${f3(r.precision)} R ${f3(r.recall)} (${r.errors.length} errors)` : 'skipped'
  console.log(
    `estate: ${line(estate, run !== undefined)}; second set: ${line(labelled, lab !== undefined)}`,
  )
  return { estate, labelled }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  runQuality().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err)
      process.exit(1)
    },
  )
}
