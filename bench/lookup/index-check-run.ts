/**
 * The lookup index's completeness on a built workspace (bench/lookup/index-check.ts), from the
 * command line: after `npm run bench:lookup-index` on the bench estate. Writes the `index-check`
 * section of bench/results/lookup.md. Topics the index has not reached yet (a bounded build) show
 * as not found: read the `index` section's coverage beside it.
 *
 *   npx tsx bench/lookup/index-check-run.ts [--env /work/bench-estate/estate/estate.env]
 *     [--workspace DIR] [--people 200] [--no-write]
 */
import { codeLine, codeVersion } from '../shared/code-version'
import path from 'node:path'
import { openSqliteStore } from '../../src/main/store/sqlite-store'
import { workspacePaths } from '../../src/main/workspace/workspace'
import { estateEnvFrom } from './env'
import { checkIndex, resolveKafka } from './index-check'
import { arg, commandLine, flag, machineLine, writeSection } from './results-file'

const envFile = arg('env', '/work/bench-estate/estate/estate.env')!
const env = estateEnvFrom(envFile)
const estateName = path.basename(path.dirname(envFile))
const wsDir = arg('workspace', `/tmp/sightline-lookup-speed-${estateName}`)!
const people = Number(arg('people', '200'))
const dataDir = path.join(
  env.SIGHTLINE_ESTATE_DIR ?? path.dirname(envFile),
  'data',
  env.SIGHTLINE_ESTATE_SCALE ?? 'small',
)
const paths = workspacePaths(wsDir)
const store = openSqliteStore(paths.storeFile)
const started = performance.now()
const r = await checkIndex({
  store,
  ...(await resolveKafka(paths.sourcesFile, { ...process.env, ...env }, 'events')),
  dataDir,
  people,
})
const positions = await store.lookupIndex.positions('events')
await store.close()
const covered = (topic: string) => {
  const ps = positions.filter((p) => p.topic === topic)
  const done = ps.reduce((n, p) => n + Number(p.nextOffset), 0)
  const all = ps.reduce((n, p) => n + Number(p.highWatermark), 0)
  return all > 0 ? `${((100 * done) / all).toFixed(0)}%` : 'not indexed'
}
const c = r.customers
const lines = [
  '## Lookup-index completeness (bench/lookup/index-check-run.ts)',
  '',
  `Run ${new Date().toISOString()}, ${env.SIGHTLINE_ESTATE_SCALE ?? estateName} estate, ` +
    `workspace \`${wsDir}\`, ${r.people} people of the manifest (every k-th with a crm id), ` +
    `${((performance.now() - started) / 1000).toFixed(0)} s.`,
  `Command: \`${commandLine('bench/lookup/index-check-run.ts')}\``,
  `Machine: ${machineLine()}.`,
  `Code: ${codeLine(codeVersion()).replace(/^code: /, '')}.`,
  '',
  'Each crm customer id is probed by its HMAC under `key.CustomerId`; every offset found is',
  'fetched from Kafka and must hold that customer; the email and phones of the fetched event',
  'must be found at the same offset. Clickstream `emailSha256` and fraud.scores `customerId`:',
  "offsets found must equal the generator's message count for the sampled people's values.",
  '',
  '| check | indexed share of the topic | asked | found | wrong |',
  '|---|---:|---:|---:|---:|',
  `| crm.dbo.Customer ids | ${covered('crm.dbo.Customer')} | ${c.checked} | ${c.found} (${c.offsets} offsets) | ${c.wrong.length} |`,
  `| same-offset email/phones | ${covered('crm.dbo.Customer')} | ${r.sameOffset.asked} | ${r.sameOffset.found} | - |`,
  ...r.topics.map(
    (t) =>
      `| ${t.topic} \`${t.field}\` (${t.values} values) | ${covered(t.topic)} | ${t.expected} messages | ${t.found} | ${t.wrong.length} |`,
  ),
]
const markdown = lines.join('\n')
process.stdout.write(`${markdown}\n`)
if (!flag('no-write')) writeSection('index-check', markdown)
process.exit(0)
