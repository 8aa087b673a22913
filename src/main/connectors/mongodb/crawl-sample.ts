import type { Collection, Document, FindCursor } from 'mongodb'
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

/**
 * A collection's document count from its metadata (`$collStats` count: FerretDB answers it in
 * milliseconds where its `count` scans the collection), else `estimatedDocumentCount`. Not for
 * views, which have no stats.
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

export interface SampleSettings {
  /** First sample size (> 0). */
  start: number
  /** Cap of adaptive growth. */
  max: number
  /** maxTimeMS of each read. */
  timeoutMs: number
  /** The collection's (estimated) document count, when known. */
  count?: number
  capability: SampleCapability
  /** Options of the inferrer (values kept per path...). */
  inferrer?: ShapeInferrerOptions
}

export interface SampleResult {
  inferrer: ShapeInferrer
  /** Distinct documents added to the inferrer. */
  sampled: number
  /** Every document of the collection was read (the count was within the sample). */
  complete: boolean
  /** `$sample` (random), `natural` (first documents in natural order: no `$sample`), `all`. */
  method: 'sample' | 'natural' | 'all'
  /** Reads sent. */
  reads: number
  /** Sampling stopped at the cap while the last round still found new paths. */
  capped: boolean
}

/** FerretDB answers `NotImplemented` (238); MongoDB names unknown stages with 40324. */
export function isSampleUnsupported(err: unknown): boolean {
  return isStageUnsupported(err, '$sample')
}

function isStageUnsupported(err: unknown, stage: string): boolean {
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
  const batchSize = Math.min(settings.start, max)
  let pulled = 0
  // One cursor for every round: each growth is its next batches, never a re-read or a skip.
  const drawNatural = async (size: number): Promise<Document[]> => {
    cursor ??= coll.find(
      {},
      { ...READ_OPTIONS, limit: max, batchSize, maxTimeMS: settings.timeoutMs },
    )
    const docs: Document[] = []
    while (docs.length < size && (await cursor.hasNext()))
      docs.push(...cursor.readBufferedDocuments(size - docs.length))
    pulled += docs.length
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
  if (cursor) result.reads += Math.max(1, Math.ceil(pulled / batchSize))
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
    if (count !== undefined && result.sampled >= count) {
      result.complete = true
      break
    }
    if (docs.length === 0) break
    if (newPaths === 0) break
    if (target >= max) {
      result.capped = true
      break
    }
    target = Math.min(target * 2, max)
  }
}
