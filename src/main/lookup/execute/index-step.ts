import { ApiError } from '../../../shared/api/errors'
import type { LookupPlanStep } from '../../../shared/model/lookup'
import { parseUrn } from '../../../shared/urn'
import type { LookupOutcome, LookupQuery } from '../../connectors/connector'

/**
 * A `lookup-index` step (issue 7 item 4, docs/lookup-index.md): the step's values are probed in
 * Sightline's lookup index (HMACs of their tokens, in the workspace's store), and the Kafka
 * connector is asked for exactly the (partition, offset) records the index names; the records
 * then pivot as any other step's. Offsets the topic no longer holds (compaction, retention) are
 * counted as stale, not errors; the index's lag is carried to the source's status.
 */

/** One probe: values of one topic field, compared as the indexed field's identifier kind. */
export interface IndexProbeQuery {
  source: string
  topic: string
  fieldPath: string
  values: ReadonlyArray<string | number>
  /** Offsets wanted at most (the step's row cap). */
  limit: number
}

export interface IndexProbeAnswer {
  /** False when the index does not cover this topic field (not classified, or never indexed). */
  covered: boolean
  offsets: Array<{ partition: number; offset: string }>
  /**
   * Per indexed partition of the topic: every message before this offset is indexed, read no
   * later than the entries (so a keyed read of the partition from here misses nothing).
   */
  positions?: Array<{ partition: number; offset: string }>
  /** Messages of the topic not indexed yet: what they hold cannot be found through the index. */
  lag: number
  /** The oldest time a partition of the topic last reached its high watermark (ISO). */
  lastCatchUpAt?: string
  /** More offsets than `limit` matched. */
  capped: boolean
}

/** What the executor asks of the lookup index (kafka-index/lookup-index-manager.ts). */
export interface LookupIndexProbe {
  probe(q: IndexProbeQuery): Promise<IndexProbeAnswer>
}

/** A lookup-index step's outcome: the connector's, plus what the index says about itself. */
export interface IndexStepOutcome extends LookupOutcome {
  indexLag: number
  staleOffsets: number
}

/** Probes the index, then reads exactly the offsets it names through `run` (the connector). */
export async function runIndexStep(
  step: LookupPlanStep,
  query: LookupQuery,
  index: LookupIndexProbe | undefined,
  run: (q: LookupQuery) => Promise<LookupOutcome>,
): Promise<IndexStepOutcome> {
  const topic = parseUrn(step.assetUrn).path.at(-1) ?? ''
  if (!index)
    throw new ApiError('unsupported', 'No lookup index is available to this lookup.', {
      reason: 'no-lookup-index',
      topic,
    })
  const answer = await index.probe({
    source: step.source,
    topic,
    fieldPath: query.fieldPath,
    values: query.values,
    limit: query.rowCap,
  })
  if (!answer.covered)
    throw new ApiError('unsupported', `${topic} ${query.fieldPath} is not in the lookup index.`, {
      reason: 'not-indexed',
      topic,
    })
  if (answer.offsets.length === 0)
    return {
      hits: [],
      capped: false,
      bytesFetched: 0,
      statements: 0,
      indexLag: answer.lag,
      staleOffsets: 0,
    }
  const outcome = await run({ ...query, offsets: answer.offsets })
  const found = new Set(
    outcome.hits.map((h) => `${String(h.recordKey.partition)}:${String(h.recordKey.offset)}`),
  )
  // Cut by the row cap: what was not read is not known to be gone.
  const stale = outcome.capped
    ? 0
    : answer.offsets.filter((o) => !found.has(`${o.partition}:${o.offset}`)).length
  return {
    ...outcome,
    capped: outcome.capped || answer.capped,
    indexLag: answer.lag,
    staleOffsets: stale,
  }
}

/** The step's reason with the index's lag, when it is behind (the planner's reason otherwise). */
export function reasonWithLag(
  reason: string,
  coverage: { lag: number; lastCatchUpAt?: string } | undefined,
): string {
  if (!coverage || coverage.lag === 0) return reason
  const since = coverage.lastCatchUpAt ? `, last caught up ${coverage.lastCatchUpAt}` : ''
  return `${reason} (the index is ${coverage.lag} message${coverage.lag === 1 ? '' : 's'} behind${since}: they cannot be found through it yet)`
}
