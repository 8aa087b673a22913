import type { LookupPlan } from '../../shared/model/lookup'
import type { MergeInput, MergeOutput, PlanLookup, RunPlanDeps } from './lookup-inputs'

/**
 * The lookup's three parts as the service calls them: plan (pure), run (per source, through the
 * connectors) and merge (pure). Loaded on first lookup, so commands that never look anyone up
 * (`sightline audit`) do not pull in the planner, executor and merger.
 */
export interface LookupParts {
  planLookup: PlanLookup
  /** Runs every step; records and statuses arrive through `deps.onRecords` / `deps.onStatus`. */
  runLookupPlan(plan: LookupPlan, deps: RunPlanDeps): Promise<unknown>
  mergeLookup(input: MergeInput): MergeOutput
}

let loaded: Promise<LookupParts> | undefined

export function loadLookupParts(): Promise<LookupParts> {
  return (loaded ??= Promise.all([
    import('./plan/plan-lookup'),
    import('./execute/run-plan'),
    import('./merge/merge-lookup'),
  ]).then(([plan, run, merge]) => ({
    planLookup: plan.planLookup,
    runLookupPlan: (p, deps) => run.runLookupPlan(p, deps),
    mergeLookup: merge.mergeLookup,
  })))
}
