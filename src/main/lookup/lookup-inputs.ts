import type { CategoryId } from '../../shared/model/personal-data'
import type { LineageEdge } from '../../shared/model/lineage'
import type {
  LookupPlan,
  LookupPlanStep,
  LookupRecord,
  LookupStepRun,
  LinkedPerson,
  LookupPerson,
  SourceLookupStatus,
} from '../../shared/model/lookup'
import type { LookupHit, LookupOutcome, LookupQuery } from '../connectors/connector'
import type { LineageSnapshot } from '../lineage/lineage-inputs'
import type { LookupIndexProbe } from './execute/index-step'
import type { RecognisedIdentifier } from './identifiers/identifier-kinds'

/**
 * The seams between the lookup's parts (issue 7): plan (pure, from the catalogue and lineage),
 * execute (per source, through the connectors' `lookup`), merge (pure), and the API around them.
 */

/** Everything the planner reads. */
export interface PlanInput {
  identifier: RecognisedIdentifier
  snapshot: LineageSnapshot
  /** Field-level lineage edges (extracted, declared, accepted) with their transforms. */
  edges: readonly LineageEdge[]
  /** Effective personal-data category per field URN (reviews applied). */
  categories: ReadonlyMap<string, CategoryId>
  depth: number
  scans: 'skip' | 'warn' | 'allow'
  sources?: readonly string[]
  /** Topics Sightline's lookup index covers (asset URNs): their non-key fields are asked there. */
  indexedTopics?: ReadonlySet<string>
}

/** `planLookup(input: PlanInput): LookupPlan` lives in src/main/lookup/plan/plan-lookup.ts. */
export type PlanLookup = (input: PlanInput) => LookupPlan

/** A hit with where it came from: raw values, memory only. */
export interface RawRecord extends LookupHit {
  id: string
  stepId: string
  source: string
  platform: LookupPlanStep['platform']
  assetUrn: string
  /**
   * For records found by a pivot: the ids of the records whose values led here. A strong pivot
   * (crm CustomerId -> singleview `_id`) ties them to one person; a weak one only links.
   */
  parents?: string[]
}

/** Runs one step's query on its source (a connector's `lookup`, opened once per lookup). */
export type StepRunner = (
  step: LookupPlanStep,
  query: LookupQuery,
  signal: AbortSignal,
) => Promise<LookupOutcome>

/** `runLookupPlan` lives in src/main/lookup/execute/run-plan.ts. */
export interface RunPlanDeps {
  identifier: RecognisedIdentifier
  runStep: StepRunner
  signal: AbortSignal
  /** Per source; a source past it is `timeout`, the others go on. */
  timeoutMs: number
  rowCap: number
  onStatus: (status: SourceLookupStatus) => void
  onRecords: (records: RawRecord[]) => void
  /** Each step as it ends: its time, values and records (LookupResult.steps). */
  onStep?: (run: LookupStepRun) => void
  /** Sightline's lookup index, for `lookup-index` steps (skipped as unsupported without it). */
  lookupIndex?: LookupIndexProbe
}

/** Everything the merger reads. */
export interface MergeInput {
  plan: LookupPlan
  identifier: RecognisedIdentifier
  records: readonly RawRecord[]
  categories: ReadonlyMap<string, CategoryId>
  /** Collection/table field URN -> single-view model path (catalog/model), for merged labels. */
  modelPaths: ReadonlyMap<string, string>
  /** Field-level edges, to tell that two fields hold the same attribute (normalised compare). */
  edges: readonly LineageEdge[]
  /** Masks a raw value by category (src/main/crawl/mask-value.ts). */
  mask: (value: unknown, category?: CategoryId) => string | null
}

export interface MergeOutput {
  people: LookupPerson[]
  linked: LinkedPerson[]
  records: LookupRecord[]
  /** Name-based lookups: the people ranked, best first (LookupResult.candidates). */
  candidates?: Array<{ personId: string; score: number; why: string }>
  /** The typed strong identifier is held by people who cannot be merged (LookupResult). */
  identifierShared?: { people: number; reason: string }
}
