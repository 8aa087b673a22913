import type { LookupPlan } from '../../../shared/model/lookup'

/**
 * Steps are not listed in run order (a confirmed route may replace an assumed one later): a
 * pivot runs once its `fromStep` has answered. This checks that every pivot leads back to a step
 * asked with the typed identifier, without a cycle; it returns the problems found (none: []).
 */
export function planProblems(plan: LookupPlan): string[] {
  const byId = new Map(plan.steps.map((s) => [s.id, s]))
  const problems: string[] = []
  for (const step of plan.steps) {
    const seen = new Set<string>()
    let at = step
    while (at.input.kind === 'pivot') {
      if (seen.has(at.id)) {
        problems.push(`${step.id}: a cycle through ${at.id}`)
        break
      }
      seen.add(at.id)
      const from = byId.get(at.input.fromStep)
      if (!from) {
        problems.push(`${step.id}: ${at.id} pivots from unknown step ${at.input.fromStep}`)
        break
      }
      at = from
    }
  }
  return problems
}

/** Steps in an order the executor can run them: each after the step it pivots from. */
export function runOrder(plan: LookupPlan): string[] {
  const byId = new Map(plan.steps.map((s) => [s.id, s]))
  const depthOf = (id: string, seen = new Set<string>()): number => {
    const s = byId.get(id)
    if (!s || s.input.kind !== 'pivot' || seen.has(id)) return 0
    seen.add(id)
    return 1 + depthOf(s.input.fromStep, seen)
  }
  return plan.steps
    .map((s, i) => ({ id: s.id, d: depthOf(s.id), i }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .map((x) => x.id)
}
