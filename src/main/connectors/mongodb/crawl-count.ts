import type { Collection, Document } from 'mongodb'
import { isStageUnsupported, type SampleCapability } from './crawl-sample'

/**
 * Document counts of the MongoDB crawl, within a budget. MongoDB answers `$collStats` counts from
 * metadata in milliseconds; FerretDB 1.x counts by scanning the collection (4 s for a million
 * documents on the bench estate, and `count` takes minutes), so a count that is not back within
 * its budget is given up rather than holding the whole crawl: the asset then says it was not
 * counted, never that it holds 0 documents.
 */

/** How long a count may take by default (source option `countBudgetMs` overrides it). */
export const DEFAULT_COUNT_BUDGET_MS = 1_000

/**
 * The count, or `overBudget`: the server did not answer within the budget, or (`predicted`) the
 * count was not asked since a FerretDB scan of that size could not end within it.
 */
export type CountOutcome = { count: number } | { overBudget: true; predicted?: boolean }

/**
 * FerretDB's count scan rate, conservatively (the bench estate measured ~500 MB/s on 2 quiet
 * cores: 2 GB in 3.7 s). A collection whose expected size needs longer than the budget at this
 * rate is not counted at all: the scan would only burn the server's CPU for nothing.
 */
export const FERRETDB_SCAN_BYTES_PER_S = 256 * 2 ** 20

/** True when a FerretDB count of about `bytes` cannot end within `budgetMs`. */
export function ferretdbCountTooSlow(bytes: number | undefined, budgetMs: number): boolean {
  return (
    budgetMs > 0 && bytes !== undefined && bytes > (budgetMs / 1000) * FERRETDB_SCAN_BYTES_PER_S
  )
}

/**
 * A collection's document count from its metadata (`$collStats` count), else
 * `estimatedDocumentCount`. Not for views, which have no stats.
 */
export async function countDocuments(
  coll: Collection<Document>,
  capability: SampleCapability,
  timeoutMs: number,
): Promise<number> {
  if (capability.collStats !== false) {
    try {
      const rows = await coll
        .aggregate([{ $collStats: { count: {} } }], { maxTimeMS: timeoutMs })
        .toArray()
      // One row per shard.
      const counts = rows.map((r) => r.count as unknown)
      if (counts.length > 0 && counts.every((c) => typeof c === 'number')) {
        capability.collStats = true
        return (counts as number[]).reduce((a, b) => a + b, 0)
      }
    } catch (err) {
      if (!isStageUnsupported(err, '$collStats')) throw err
      capability.collStats = false
    }
  }
  return coll.estimatedDocumentCount({ maxTimeMS: timeoutMs })
}

/** A view's count runs its pipeline: `estimatedDocumentCount` is what servers answer for it. */
export function countView(coll: Collection<Document>, timeoutMs: number): Promise<number> {
  return coll.estimatedDocumentCount({ maxTimeMS: timeoutMs })
}

/**
 * Runs `count(maxTimeMS)` within `budgetMs`: the caller stops waiting at the budget. With
 * `interrupt`, the server is told the budget too (maxTimeMS), so it stops scanning; without it
 * (FerretDB: an SQLite query interrupted by maxTimeMS has been seen to leave that database
 * answering "interrupted" to every later request), the count gets the whole read timeout and is
 * let finish. A budget ≤ 0 means none. Errors other than the time limit are the caller's.
 */
export async function countWithinBudget(
  count: (maxTimeMS: number) => Promise<number>,
  budgetMs: number,
  timeoutMs: number,
  interrupt = true,
): Promise<CountOutcome> {
  if (budgetMs <= 0) return { count: await count(timeoutMs) }
  const wait = Math.max(1, Math.min(budgetMs, timeoutMs))
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<CountOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ overBudget: true }), wait)
  })
  const answer = count(interrupt ? wait : timeoutMs).then(
    (n): CountOutcome => ({ count: n }),
    (err: unknown): CountOutcome => {
      if (isTimeLimit(err)) return { overBudget: true }
      throw err
    },
  )
  // Answered after the budget: nobody waits for it any more, and its error is not unhandled.
  answer.catch(() => {})
  try {
    return await Promise.race([answer, late])
  } finally {
    clearTimeout(timer)
  }
}

/** MaxTimeMSExpired (50): FerretDB says "operation exceeded time limit". */
function isTimeLimit(err: unknown): boolean {
  const e = err as { code?: unknown; codeName?: unknown; message?: unknown } | undefined
  if (!e) return false
  return (
    e.code === 50 ||
    e.codeName === 'MaxTimeMSExpired' ||
    (typeof e.message === 'string' && /exceeded time limit/i.test(e.message))
  )
}

/** The asset's note for a count given up (or not asked: `predictedBytes`), in plain words. */
export function notCountedNote(
  budgetMs: number,
  ferretdb: boolean,
  sampled: number,
  predictedBytes?: number,
): string {
  const budget = budgetMs >= 1000 ? `${Number((budgetMs / 1000).toFixed(2))} s` : `${budgetMs} ms`
  const why =
    predictedBytes !== undefined
      ? `FerretDB counts documents by scanning the whole collection, and at about ${Math.round(predictedBytes / 2 ** 20)} MB (its database's size per collection) the scan would take longer than the crawl's ${budget} budget`
      : ferretdb
        ? `FerretDB counts documents by scanning the whole collection, and the count was not back within the crawl's ${budget} budget`
        : `the server did not answer the document count within the crawl's ${budget} budget`
  const floor = sampled > 0 ? `; it holds at least the ${sampled} documents sampled` : ''
  return `Not counted: ${why}${floor}. Raise the source option countBudgetMs to wait longer.`
}
