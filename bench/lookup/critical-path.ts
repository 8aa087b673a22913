import type { LookupResult } from '../../src/shared/model/lookup'
import type { SourceKind } from '../../src/shared/model/sources'
import { ms, percentile } from './results-file'

/**
 * What a lookup waited for (issue 7, speed): the step that answered last, and before it each
 * step it pivoted from, back to an identifier step. A pivot starts when the step it pivots from
 * has answered (execute/run-plan.ts), so the chain's length is the number of dependent rounds of
 * asking that the lookup could not avoid, and the gaps between its steps are time spent neither
 * asking nor answering (waiting for the main thread, or for a connection).
 */
export interface CriticalPath {
  /** First (an identifier step) to last (the step that answered last). */
  steps: Array<{ label: string; platform: SourceKind; startMs: number; ms: number }>
  /** When the last step answered, in ms from the plan's start. */
  endMs: number
  /** Of endMs, the time inside the chain's steps (the rest: before, between and after them). */
  inStepsMs: number
}

const DONE = new Set(['answered', 'reused', 'no-values'])

/** The critical path of one finished lookup; undefined without step timings. */
export function criticalPath(
  result: Pick<LookupResult, 'plan' | 'steps'>,
): CriticalPath | undefined {
  const plan = new Map(result.plan.steps.map((s) => [s.id, s]))
  const runs = new Map(
    (result.steps ?? [])
      .filter((r) => DONE.has(r.state) && r.ms !== undefined && r.startMs !== undefined)
      .map((r) => [r.stepId, r]),
  )
  let last: string | undefined
  for (const [id, r] of runs)
    if (!last || r.startMs! + r.ms! > runs.get(last)!.startMs! + runs.get(last)!.ms!) last = id
  if (!last) return undefined
  const chain: CriticalPath['steps'] = []
  const seen = new Set<string>()
  for (let id: string | undefined = last; id && !seen.has(id);) {
    seen.add(id)
    const step = plan.get(id)
    const run = runs.get(id)
    if (!step || !run) break
    const asset = step.assetUrn.replace(/^[a-z]+:\/\/[^/]+\//, '')
    chain.unshift({
      label: `${step.platform} ${step.access} ${asset}`,
      platform: step.platform,
      startMs: run.startMs!,
      ms: run.ms!,
    })
    id = step.input.kind === 'pivot' ? step.input.fromStep : undefined
  }
  const end = chain.at(-1)!
  return {
    steps: chain,
    endMs: end.startMs + end.ms,
    inStepsMs: chain.reduce((n, s) => n + s.ms, 0),
  }
}

/**
 * The report's lines: rounds per lookup, where the time went, the most frequent chains, and what
 * the chains would cost if every step took the run's p50 point query of its platform.
 */
export function criticalPathLines(
  paths: readonly CriticalPath[],
  pointQueryP50: Partial<Record<SourceKind, number>>,
): string[] {
  if (paths.length === 0) return []
  const rounds = new Map<number, number>()
  for (const p of paths) rounds.set(p.steps.length, (rounds.get(p.steps.length) ?? 0) + 1)
  const end = paths.map((p) => p.endMs)
  const inSteps = paths.map((p) => p.inStepsMs)
  const outside = paths.map((p) => p.endMs - p.inStepsMs)
  const floor = paths.map((p) => p.steps.reduce((n, s) => n + (pointQueryP50[s.platform] ?? 0), 0))
  const chains = new Map<string, number[]>()
  for (const p of paths) {
    const key = p.steps.map((s) => s.label).join(' → ')
    chains.set(key, [...(chains.get(key) ?? []), p.endMs])
  }
  const out = [
    '',
    '### What a lookup waited for (its critical path)',
    '',
    'The step that answered last and, before it, each step it pivoted from (a pivot starts when that step has answered), from `LookupResult.steps` (`startMs`, `ms`); bench/lookup/critical-path.ts.',
    '',
    `- Dependent rounds of asking: ${[...rounds]
      .sort((a, b) => a[0] - b[0])
      .map(([n, c]) => `${n}: ${c} lookups`)
      .join(', ')}.`,
    `- From the plan's start to its last answer: p50 ${ms(percentile(end, 50))}, p95 ${ms(percentile(end, 95))}; inside the chain's steps p50 ${ms(percentile(inSteps, 50))}, p95 ${ms(percentile(inSteps, 95))}; outside them (before, between and after: waiting for the main thread or a connection) p50 ${ms(percentile(outside, 50))}, p95 ${ms(percentile(outside, 95))}.`,
    `- The same chains if each step took this run's p50 point query of its platform (${Object.entries(
      pointQueryP50,
    )
      .map(([k, v]) => `${k} ${ms(v!)}`)
      .join(', ')}): p50 ${ms(percentile(floor, 50))}, p95 ${ms(percentile(floor, 95))}.`,
    '',
    '| chain (most frequent) | lookups | last answer p50 | p95 |',
    '|---|---:|---:|---:|',
  ]
  for (const [key, xs] of [...chains].sort((a, b) => b[1].length - a[1].length).slice(0, 6))
    out.push(`| ${key} | ${xs.length} | ${ms(percentile(xs, 50))} | ${ms(percentile(xs, 95))} |`)
  return out
}
