import type { Db, Document, MongoClient } from 'mongodb'
import type { ResolvedSource } from '../connector'
import { DEFAULT_MAX_SAMPLE_SIZE, DEFAULT_SAMPLE_SIZE, type CrawlOptions } from '../crawl-model'
import {
  countDocuments,
  countView,
  countWithinBudget,
  ferretdbCountTooSlow,
  notCountedNote,
  type CountOutcome,
} from './crawl-count'
import type { CollectionInfo, CollectionRead } from './crawl-map'
import { sampleCollection, type SampleCapability, type SampleResult } from './crawl-sample'

/** What the crawl of one MongoDB connection shares between its collections. */
export interface CrawlCtx {
  source: ResolvedSource
  client: MongoClient
  opts: CrawlOptions
  timeoutMs: number
  /** A count not back within this is given up (≤ 0: no budget); see crawl-count.ts. */
  countBudgetMs: number
  /** The server is FerretDB (buildInfo): its counts scan, which the notes say. */
  ferretdb: boolean
  capability: SampleCapability
  /** Counts still running on the server after their budget: waited for before the client closes. */
  inflight: Set<Promise<unknown>>
}

/** One collection read: what the asset is mapped from, and the requests it took. */
export interface CollectionOutcome {
  read: CollectionRead
  statements: number
}

/**
 * Indexes, the sampled shape and the count of one collection or view. The indexes are listed
 * beside the sample; the count is asked only when the first sample round did not read the whole
 * collection (a collection read whole is counted exactly by its sample), runs beside the rest of
 * the sampling, and is given up at its budget with a note.
 */
export async function readCollection(
  ctx: CrawlCtx,
  db: Db,
  info: CollectionInfo,
  hints: { byteBudget?: number; expectedBytes?: number } = {},
): Promise<CollectionOutcome> {
  const { byteBudget, expectedBytes } = hints
  const coll = db.collection(info.name)
  const isView = info.type === 'view'
  const notes: string[] = []
  const indexes = isView
    ? Promise.resolve(undefined)
    : coll.listIndexes({ maxTimeMS: ctx.timeoutMs }).toArray()
  indexes.catch(() => {})

  // Held in an object: it is set from the sampler's callback.
  const counting: { request?: Promise<CountOutcome> } = {}
  const tooSlow = ctx.ferretdb && ferretdbCountTooSlow(expectedBytes, ctx.countBudgetMs)
  const startCount = () => {
    if (tooSlow) return Promise.resolve<CountOutcome>({ overBudget: true, predicted: true })
    counting.request ??= countWithinBudget(
      (maxTimeMS) =>
        track(
          ctx,
          isView ? countView(coll, maxTimeMS) : countDocuments(coll, ctx.capability, maxTimeMS),
        ),
      ctx.countBudgetMs,
      ctx.timeoutMs,
      !ctx.ferretdb,
    )
    counting.request.catch(() => {})
    return counting.request
  }

  const start = ctx.opts.sampleSize ?? DEFAULT_SAMPLE_SIZE
  let sample: SampleResult | undefined
  if (start <= 0) {
    notes.push('Sampling was off for this crawl: no fields inferred.')
    startCount()
  } else {
    sample = await sampleCollection(coll, {
      start,
      max: Math.max(start, ctx.opts.maxSampleSize ?? DEFAULT_MAX_SAMPLE_SIZE),
      timeoutMs: ctx.timeoutMs,
      capability: ctx.capability,
      inferrer: { maxValuesPerPath: start },
      onPartial: startCount,
      ...(byteBudget === undefined ? {} : { byteBudget }),
    })
  }

  let count: number | undefined
  if (sample?.complete) {
    // Exact: every document was read. A count already running is left to finish on its own.
    count = sample.sampled
  } else {
    const outcome = await startCount().catch((err: unknown) => {
      // A view's count runs its pipeline, and not every server answers it: go on without one.
      if (!isView) throw err
      notes.push('The server gave no document count for this view.')
      return undefined
    })
    if (outcome && 'count' in outcome) count = outcome.count
    else if (outcome) {
      const predicted = outcome.predicted ? expectedBytes : undefined
      notes.push(notCountedNote(ctx.countBudgetMs, ctx.ferretdb, sample?.sampled ?? 0, predicted))
    }
  }
  const listed = await indexes
  const read: CollectionRead = {
    info,
    ...(count === undefined ? {} : { count }),
    ...(listed ? { indexes: listed as Document[] } : {}),
    ...(sample ? { sample } : {}),
    notes,
  }
  const statements = (isView ? 0 : 1) + (sample?.reads ?? 0) + (counting.request ? 1 : 0)
  return { read, statements }
}

/** Keeps a server request in `ctx.inflight` until it settles. */
function track<T>(ctx: CrawlCtx, request: Promise<T>): Promise<T> {
  ctx.inflight.add(request)
  const settle = () => {
    ctx.inflight.delete(request)
  }
  request.then(settle, settle)
  return request
}

/** The source option `countBudgetMs` (a number, or digits), else the default. */
export function countBudgetOf(source: ResolvedSource, fallback: number): number {
  const raw = source.options.countBudgetMs
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : NaN
  return typeof raw !== 'boolean' && raw !== '' && Number.isFinite(n) ? n : fallback
}
