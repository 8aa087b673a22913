/**
 * Where a lookup's CPU goes (issue 7, speed): warm-up lookups, then a V8 CPU profile of the
 * main thread over N more, one at a time, as bench/lookup/speed.ts runs them (no point queries
 * in between). Writes the .cpuprofile (open it in Chrome DevTools' Performance panel) and
 * prints the wall and process CPU per lookup while profiled. Not a measurement: the profiler
 * slows what it sees (bench/lookup/speed.ts measures).
 *
 *   npx tsx bench/lookup/cpu-profile.ts [--env FILE] [--workspace DIR] [--lookups 200]
 *     [--warmup 20] [--customers N] [--out FILE]
 */
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import path from 'node:path'
import { Rng } from '../../test/estate/data/prng'
import { estateEnvFrom } from './env'
import { arg } from './results-file'
import { lookUp, openLookupWorkspace } from './workspace'

const envFile = arg('env', '/work/bench-estate/estate/estate.env')!
const env = estateEnvFrom(envFile)
const estateName = path.basename(path.dirname(envFile))
const dir = arg('workspace', `/tmp/sightline-lookup-speed-${estateName}`)!
const lookups = Number(arg('lookups', '200'))
const warmup = Number(arg('warmup', '20'))
const customers = Number(
  arg('customers', env.SIGHTLINE_ESTATE_SCALE === 'small' ? '2014' : '999974'),
)
const out = arg('out', '/tmp/sightline-lookup.cpuprofile')!

const ws = await openLookupWorkspace({ env, dir, sampleSize: 100 })
await ws.host.keepStoreResident()
const rng = new Rng('lookup-cpu-profile')
const ids = Array.from({ length: warmup + lookups }, () => rng.int(1, customers))
const run = (id: number) =>
  lookUp(
    ws.host,
    { value: String(id), kind: 'customer-number' },
    { scans: 'skip', reason: 'bench/lookup: cpu profile' },
  )
for (const id of ids.slice(0, warmup)) await run(id)

const session = new Session()
session.connect()
await session.post('Profiler.enable')
await session.post('Profiler.setSamplingInterval', { interval: 250 })
await session.post('Profiler.start')
const started = performance.now()
const cpuBefore = process.cpuUsage()
let failed = 0
for (const id of ids.slice(warmup)) if ((await run(id)).error) failed++
const wallMs = performance.now() - started
const cpu = process.cpuUsage(cpuBefore)
const { profile } = await session.post('Profiler.stop')
writeFileSync(out, JSON.stringify(profile))
console.log(
  `${lookups} lookups (${failed} failed): wall ${(wallMs / lookups).toFixed(1)} ms, process CPU ${((cpu.user + cpu.system) / 1000 / lookups).toFixed(1)} ms per lookup (profiled); profile ${out}`,
)
await ws.host.close()
process.exit(0)
