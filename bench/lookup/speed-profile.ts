/**
 * One lookup at a time, looked into (issue 7, speed): the plan's steps (access, asset, field,
 * where the values come from), each step's time, values asked, records and bytes
 * (`LookupResult.steps`), and each source's status. What to look at before changing the
 * executor; not a measurement (bench/lookup/speed.ts is).
 *
 *   npx tsx bench/lookup/speed-profile.ts [--env FILE] [--workspace DIR] [--ids 42,77] [--kind phone]
 *     [--build-index] [--scans warn] [--timeout-ms 10000]
 */
import path from 'node:path'
import type { LookupInput } from '../../src/shared/model/lookup'
import { estateEnvFrom } from './env'
import { arg, flag } from './results-file'
import { lookUp, openLookupWorkspace } from './workspace'

const envFile = arg('env', '/work/bench-estate/estate/estate.env')!
const env = estateEnvFrom(envFile)
const estateName = path.basename(path.dirname(envFile))
const dir = arg('workspace', `/tmp/sightline-lookup-speed-${estateName}`)!
const ids = (arg('ids', '42') ?? '42').split(',')
const kind = (arg('kind', 'customer-number') ?? 'customer-number') as LookupInput['kind']
const scans = arg('scans', 'warn') as 'allow' | 'warn' | 'skip'
const timeoutMs = Number(arg('timeout-ms', '10000'))

const ws = await openLookupWorkspace({ env, dir, sampleSize: 100, buildIndex: flag('build-index') })
console.log(`workspace ${ws.dir}; index build ${Math.round(ws.indexMs)} ms`)
for (const id of ids) {
  const outcome = await lookUp(
    ws.host,
    { value: id, ...(kind ? { kind } : {}) },
    { scans, timeoutMs, reason: 'bench/lookup: speed profile' },
  )
  console.log(`\n== ${kind} ${id}: ${Math.round(outcome.ms)} ms ${outcome.error ?? ''}`)
  const r = outcome.result
  if (!r) continue
  const timings = new Map((r.steps ?? []).map((t) => [t.stepId, t]))
  for (const s of r.plan.steps) {
    const t = timings.get(s.id)
    const from = s.input.kind === 'pivot' ? `<-${s.input.fromStep}` : 'typed'
    const asset = s.assetUrn.replace(/^[a-z]+:\/\//, '')
    const field = s.fieldUrn.split('#')[1] ?? ''
    const took = t
      ? `${t.state} @${t.startMs ?? '-'}+${t.ms ?? '-'} ms values ${t.values} records ${t.records}${t.bytesFetched !== undefined ? ` bytes ${t.bytesFetched}` : ''}${t.note ? ` (${t.note})` : ''}`
      : '-'
    console.log(`${s.id.padEnd(5)} ${s.access.padEnd(12)} ${asset}#${field} ${from}: ${took}`)
  }
  for (const s of r.sources)
    console.log(
      `  source ${s.source}: ${s.state} ${s.durationMs ?? '-'} ms, ${s.records} records` +
        `${s.bytesFetched !== undefined ? `, ${s.bytesFetched} bytes` : ''}${s.note ? ` (${s.note})` : ''}`,
    )
  console.log(`  records ${r.records.length}, people ${r.people.length}, linked ${r.linked.length}`)
}
await ws.host.close()
process.exit(0)
