import { BSON, type Collection, type Document, type FindCursor } from 'mongodb'
import {
  createShapeInferrer,
  type ShapeInferrer,
  type ShapeInferrerOptions,
} from '../shared/infer-shape'

/**
 * Adaptive document sampling for schema inference (issue 4): a random sample through `$sample`,
 * grown (doubled) while new paths keep appearing, up to a cap. Servers without `$sample`
 * (FerretDB 1.x) are read in natural order through one cursor, each growth a further batch of
 * it: FerretDB's `skip` walks every skipped document, so random offsets would cost a scan, and
 * the asset says plainly that its sample is not random.
 */

/** What this connection's server can do; learnt once per connection, shared by its collections. */
export interface SampleCapability {
  /** undefined until the first `$sample` was tried. */
  sample?: boolean
  /** undefined until the first `$collStats` count was tried. */
  collStats?: boolean
}

export interface SampleSettings {
  /** First sample size (> 0). */
  start: number
  /** Cap of adaptive growth. */
  max: number
  /** maxTimeMS of each read. */
  timeoutMs: number
  /** The collection's (estimated) document count, when known. */
  count?: number
  /**
   * Called once, after the first round, when that round did not read the whole collection: the
   * crawl starts the collection's count then, so a collection read whole costs no count at all.
   */
  onPartial?: () => void
  capability: SampleCapability
  /**
   * Bytes of documents (BSON) a natural-order sample reads at most; unset: no limit. Its first
   * document is then read alone, documents bigger than `byteBudget / start` one at a time, and
   * reading stops once the budget is spent: FerretDB decodes every document it returns, seconds
   * for a few megabyte-sized ones.
   */
  byteBudget?: number
  /** Options of the inferrer (values kept per path...). */
  inferrer?: ShapeInferrerOptions
}

export interface SampleResult {
  inferrer: ShapeInferrer
  /** Distinct documents added to the inferrer. */
  sampled: number
  /** Every document of the collection was read (a round came back short of what it asked). */
  complete: boolean
  /** `$sample` (random), `natural` (first documents in natural order: no `$sample`), `all`. */
  method: 'sample' | 'natural' | 'all'
  /** Reads sent. */
  reads: number
  /** Sampling stopped at the cap while the last round still found new paths. */
  capped: boolean
  /** Sampling stopped at `byteBudget`, with `bytes` read. */
  byteLimited?: { budget: number; bytes: number }
}

/** FerretDB answers `NotImplemented` (238); MongoDB names unknown stages with 40324. */
export function isSampleUnsupported(err: unknown): boolean {
  return isStageUnsupported(err, '$sample')
}

export function isStageUnsupported(err: unknown, stage: string): boolean {
  const e = err as { code?: unknown; codeName?: unknown; message?: unknown } | undefined
  if (!e) return false
  if (e.code === 238 || e.codeName === 'NotImplemented' || e.code === 40324) return true
  return (
    typeof e.message === 'string' &&
    e.message.includes(stage) &&
    /not (implemented|supported)|unrecognized/i.test(e.message)
  )
}

/** A key that tells the same document apart across rounds (undefined: cannot tell, keep it). */
function idKey(id: unknown): string | undefined {
  switch (typeof id) {
    case 'string':
      return `s${id}`
    case 'number':
      return `n${id}`
    case 'object': {
      if (id === null) return undefined
      const t = (id as { _bsontype?: unknown })._bsontype
      return t === 'ObjectId' || t === 'Int32' || t === 'Long' || t === 'Double'
        ? `${String(t)}${String(id)}`
        : undefined
    }
    default:
      return undefined
  }
}

/** Deserialisation keeps BSON numeric classes: int, long and double stay apart in the shape. */
const READ_OPTIONS = { promoteValues: false, promoteLongs: false } as const

/** Samples one collection (or view) and infers its shape; see the module comment. */
export async function sampleCollection(
  coll: Collection<Document>,
  settings: SampleSettings,
): Promise<SampleResult> {
  const max = Math.max(1, settings.max)
  const inferrer = createShapeInferrer(settings.inferrer)
  const seenIds = new Set<string>()
  const count = settings.count
  const result: SampleResult = {
    inferrer,
    sampled: 0,
    complete: false,
    method: 'sample',
    reads: 0,
    capped: false,
  }

  const add = (docs: Document[]): number => {
    // Paths found in the second half of the batch: "are new paths still appearing?"
    const half = Math.floor(docs.length / 2)
    let atHalf = inferrer.pathCount
    for (let i = 0; i < docs.length; i++) {
      if (i === half) atHalf = inferrer.pathCount
      const doc = docs[i]!
      const key = idKey(doc._id)
      if (key !== undefined) {
        if (seenIds.has(key)) continue
        seenIds.add(key)
      }
      inferrer.add(doc)
      result.sampled++
    }
    return inferrer.pathCount - atHalf
  }

  const find = (limit: number): Promise<Document[]> => {
    result.reads++
    return coll
      .find({}, { ...READ_OPTIONS, limit, batchSize: limit, maxTimeMS: settings.timeoutMs })
      .toArray()
  }

  // A small collection is read whole: exact, and one read.
  if (count !== undefined && count <= Math.min(settings.start, max)) {
    result.method = 'all'
    const docs = await find(Math.min(settings.start, max))
    add(docs)
    result.complete = docs.length < Math.min(settings.start, max) || result.sampled >= count
    return result
  }

  let cursor: FindCursor<Document> | undefined
  let batchSize = Math.min(settings.start, max)
  let pulled = 0
  let cursorReads = false
  const budget = settings.byteBudget
  let bytes = 0
  const weigh = (docs: Document[]) => {
    if (budget !== undefined) for (const d of docs) bytes += BSON.calculateObjectSize(d)
    return docs
  }
  // One cursor for every round: each growth is its next batches, never a re-read or a skip.
  const drawNatural = async (size: number): Promise<Document[]> => {
    const docs: Document[] = []
    let skip = 0
    if (!cursor && budget !== undefined) {
      // The first document alone tells how big they are; the cursor goes on after it.
      docs.push(...weigh(await find(1)))
      if (docs.length === 0) return docs
      if (bytes * batchSize > budget) batchSize = 1
      skip = 1
    }
    cursor ??= coll.find(
      {},
      { ...READ_OPTIONS, skip, limit: max - skip, batchSize, maxTimeMS: settings.timeoutMs },
    )
    while (docs.length < size) {
      if (budget !== undefined && bytes >= budget) {
        result.byteLimited = { budget, bytes }
        break
      }
      cursorReads = true
      if (!(await cursor.hasNext())) break
      const got = weigh(cursor.readBufferedDocuments(size - docs.length))
      pulled += got.length
      docs.push(...got)
    }
    return docs
  }

  const draw = async (size: number): Promise<Document[]> => {
    if (settings.capability.sample !== false) {
      try {
        result.reads++
        const docs = await coll
          .aggregate([{ $sample: { size } }], {
            ...READ_OPTIONS,
            batchSize: size,
            maxTimeMS: settings.timeoutMs,
          })
          .toArray()
        settings.capability.sample = true
        result.method = 'sample'
        return docs
      } catch (err) {
        if (!isSampleUnsupported(err)) throw err
        settings.capability.sample = false
      }
    }
    result.method = 'natural'
    return drawNatural(size)
  }

  try {
    await grow(result, settings, draw, add)
  } finally {
    // An unexhausted cursor holds server resources (and FerretDB locks): always closed.
    await cursor?.close().catch(() => {})
  }
  // The find and its getMores.
  if (cursorReads) result.reads += Math.max(1, Math.ceil(pulled / batchSize))
  return result
}

/** The adaptive loop: double while new paths appear, until the cap or the whole collection. */
async function grow(
  result: SampleResult,
  settings: SampleSettings,
  draw: (size: number) => Promise<Document[]>,
  add: (docs: Document[]) => number,
): Promise<void> {
  const { inferrer } = result
  const max = Math.max(1, settings.max)
  const count = settings.count
  let target = Math.min(settings.start, max)
  for (let round = 0; ; round++) {
    const want = target - result.sampled
    const before = inferrer.pathCount
    const docs = await draw(want)
    const newInSecondHalf = add(docs)
    const newPaths = round === 0 ? newInSecondHalf : inferrer.pathCount - before
    if (result.byteLimited) {
      if (round === 0) settings.onPartial?.()
      break
    }
    // A round short of what it asked found the end: `$sample` of more than the collection holds
    // returns all of it, and the natural cursor ran out (its limit, the cap, is never the cause,
    // since no round asks beyond it).
    if (docs.length < want || (count !== undefined && result.sampled >= count)) {
      result.complete = true
      result.method = 'all'
      break
    }
    if (round === 0) settings.onPartial?.()
    if (newPaths === 0) break
    if (target >= max) {
      result.capped = true
      break
    }
    target = Math.min(target * 2, max)
  }
}
