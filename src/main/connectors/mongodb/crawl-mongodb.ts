import { MongoClient, type Db, type Document } from 'mongodb'
import { ApiError } from '../../../shared/api'
import type { ResolvedSource } from '../connector'
import {
  DEFAULT_CRAWL_TIMEOUT_MS,
  DEFAULT_MAX_SAMPLE_SIZE,
  DEFAULT_SAMPLE_SIZE,
  type CrawlBatch,
  type CrawlOptions,
} from '../crawl-model'
import type { ErrorContext } from '../errors'
import { crawlClientOptions, errorContext, preflight, toApiError } from './crawl-client'
import {
  collectionAsset,
  collectionUrn,
  databaseAsset,
  type CollectionInfo,
  type CollectionRead,
} from './crawl-map'
import { countDocuments, sampleCollection, type SampleCapability } from './crawl-sample'
import { parseMongoSource, type MongoTarget } from './parse-url'

/** Collections read at once, across databases: FerretDB's SQLite backend serialises much anyway. */
const COLLECTION_CONCURRENCY = 4
/** Databases whose collection lists are fetched ahead of the one being yielded. */
const DATABASE_WINDOW = 2
const INTERNAL_DATABASES = new Set(['admin', 'local', 'config'])

interface Ctx {
  source: ResolvedSource
  target: MongoTarget
  client: MongoClient
  opts: CrawlOptions
  timeoutMs: number
  capability: SampleCapability
  limit: <T>(task: () => Promise<T>) => Promise<T>
  progress: { done: number; total: number }
}

/**
 * The MongoDB crawl (issue 4): databases, collections and views, indexes, counts and a shape
 * inferred from an adaptive sample. One `assets` batch per database; a database or collection
 * that fails yields a `part-error` and the rest goes on. Cancelling closes the client, which ends
 * every pending read at once.
 */
export async function* crawlMongo(
  source: ResolvedSource,
  opts: CrawlOptions = {},
): AsyncGenerator<CrawlBatch> {
  const target = parseMongoSource(source)
  const timeoutMs = opts.timeoutMs && opts.timeoutMs > 0 ? opts.timeoutMs : DEFAULT_CRAWL_TIMEOUT_MS
  const signal = opts.signal
  if (signal?.aborted) throw cancelled()
  const client = new MongoClient(
    target.url,
    crawlClientOptions(source, target, timeoutMs, COLLECTION_CONCURRENCY * 2 + DATABASE_WINDOW),
  )
  let closed = false
  let closing: Promise<void> = Promise.resolve()
  const close = () => {
    if (closed) return closing
    closed = true
    closing = client.close(true).catch(() => {})
    return closing
  }
  // Every await below races this: a cancel is seen at once, whatever the driver does.
  let onAbort = () => {}
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      void close()
      reject(cancelled())
    }
  })
  aborted.catch(() => {})
  signal?.addEventListener('abort', onAbort, { once: true })
  const race = <T>(p: Promise<T>): Promise<T> => Promise.race([p, aborted])
  const errCtx = errorContext(source, target)

  try {
    try {
      if (!target.srv) await race(preflight(target.endpoints, errCtx, signal))
      await race(client.connect())
    } catch (err) {
      if (signal?.aborted) throw cancelled()
      throw toApiError(err, errCtx)
    }
    const ctx: Ctx = {
      source,
      target,
      client,
      opts,
      timeoutMs,
      capability: {},
      limit: limiter(COLLECTION_CONCURRENCY),
      progress: { done: 0, total: 0 },
    }
    const databases = await race(
      listDatabaseNames(ctx).catch((err: unknown) => {
        throw toApiError(err, errCtx, timeoutMs)
      }),
    )
    // Databases are started a window ahead and yielded in order; their collections share one limit.
    const started: Array<Promise<CrawlBatch[]>> = []
    const start = (i: number) => {
      const name = databases[i]
      if (name === undefined || started[i]) return
      const p = crawlDatabase(ctx, name.name, name.sizeOnDisk, errCtx)
      p.catch(() => {})
      started[i] = p
    }
    for (let i = 0; i < databases.length; i++) {
      for (let j = i; j < Math.min(databases.length, i + DATABASE_WINDOW); j++) start(j)
      for (const batch of await race(started[i]!)) yield batch
      if (signal?.aborted) throw cancelled()
    }
  } finally {
    signal?.removeEventListener('abort', onAbort)
    // A finished crawl leaves no sockets behind; a cancelled one does not wait for the driver.
    if (signal?.aborted) void close()
    else await close()
  }
}

interface DatabaseName {
  name: string
  sizeOnDisk?: number
}

/** The caller's list, the source's `databases` option, or every database the login can list. */
async function listDatabaseNames(ctx: Ctx): Promise<DatabaseName[]> {
  const wanted =
    ctx.opts.databases && ctx.opts.databases.length > 0
      ? ctx.opts.databases
      : typeof ctx.source.options.databases === 'string' && ctx.source.options.databases.trim()
        ? ctx.source.options.databases
            .split(',')
            .map((d) => d.trim())
            .filter(Boolean)
        : undefined
  if (wanted) return wanted.map((name) => ({ name }))
  const listed = await ctx.client
    .db('admin')
    .admin()
    .listDatabases({ nameOnly: false, authorizedDatabases: true, maxTimeMS: ctx.timeoutMs })
  return listed.databases
    .filter((d) => ctx.opts.includeInternal === true || !INTERNAL_DATABASES.has(d.name))
    .map((d) => ({
      name: d.name,
      ...(typeof d.sizeOnDisk === 'number' ? { sizeOnDisk: d.sizeOnDisk } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** One database: its batch, preceded by the part errors of collections that failed. */
async function crawlDatabase(
  ctx: Ctx,
  dbName: string,
  sizeOnDisk: number | undefined,
  errCtx: ErrorContext,
): Promise<CrawlBatch[]> {
  const db = ctx.client.db(dbName)
  let infos: CollectionInfo[]
  try {
    infos = (await ctx.limit(() =>
      db.listCollections({}, { maxTimeMS: ctx.timeoutMs }).toArray(),
    )) as CollectionInfo[]
  } catch (err) {
    return [
      { kind: 'part-error', part: dbName, error: toApiError(err, errCtx, ctx.timeoutMs).toJSON() },
    ]
  }
  infos = infos
    .filter((c) => ctx.opts.includeInternal === true || !c.name.startsWith('system.'))
    .sort((a, b) => a.name.localeCompare(b.name))
  ctx.progress.total += infos.length
  report(ctx, `${dbName}: ${infos.length} collections`)

  const batches: CrawlBatch[] = []
  const mapped = await Promise.all(
    infos.map((info) =>
      ctx.limit(async () => {
        try {
          const read = await readCollection(ctx, db, info)
          // Mapped at once: the sample's documents are released before the next collection.
          const statements = 2 + (read.sample?.reads ?? 0)
          return { ...collectionAsset(ctx.source.name, dbName, read), statements }
        } catch (err) {
          batches.push({
            kind: 'part-error',
            part: collectionUrn(ctx.source.name, dbName, info.name),
            error: toApiError(err, errCtx, ctx.timeoutMs).toJSON(),
          })
          return undefined
        } finally {
          ctx.progress.done++
          report(ctx, `${dbName}.${info.name}`)
        }
      }),
    ),
  )
  const assets = [databaseAsset(ctx.source.name, dbName, infos.length, sizeOnDisk)]
  const samples: Record<string, unknown[]> = {}
  let statements = 1
  for (const one of mapped) {
    if (!one) continue
    assets.push(one.asset)
    Object.assign(samples, one.samples)
    statements += one.statements
  }
  batches.push({ kind: 'assets', part: dbName, assets, samples, statements })
  return batches
}

/** Count, indexes and the sampled shape of one collection or view. */
async function readCollection(ctx: Ctx, db: Db, info: CollectionInfo): Promise<CollectionRead> {
  const coll = db.collection(info.name)
  const isView = info.type === 'view'
  const notes: string[] = []
  const [count, indexes] = await Promise.all([
    isView
      ? // A view's count runs its pipeline, and not every server answers it: go on without one.
        coll.estimatedDocumentCount({ maxTimeMS: ctx.timeoutMs }).catch(() => {
          notes.push('The server gave no document count for this view.')
          return undefined
        })
      : countDocuments(coll, ctx.capability, ctx.timeoutMs),
    isView ? Promise.resolve(undefined) : coll.listIndexes({ maxTimeMS: ctx.timeoutMs }).toArray(),
  ])
  const read: CollectionRead = {
    info,
    ...(count === undefined ? {} : { count }),
    ...(indexes ? { indexes: indexes as Document[] } : {}),
    notes,
  }
  const start = ctx.opts.sampleSize ?? DEFAULT_SAMPLE_SIZE
  if (start <= 0) {
    notes.push('Sampling was off for this crawl: no fields inferred.')
    return read
  }
  if (count === 0) return { ...read, sample: await sampleCollection(coll, settings(ctx, 1, 0)) }
  read.sample = await sampleCollection(coll, settings(ctx, start, count))
  return read
}

function settings(ctx: Ctx, start: number, count: number | undefined) {
  const max = Math.max(start, ctx.opts.maxSampleSize ?? DEFAULT_MAX_SAMPLE_SIZE)
  return {
    start,
    max,
    timeoutMs: ctx.timeoutMs,
    ...(count === undefined ? {} : { count }),
    capability: ctx.capability,
    inferrer: { maxValuesPerPath: start },
  }
}

function report(ctx: Ctx, message: string): void {
  ctx.opts.onProgress?.({ done: ctx.progress.done, total: ctx.progress.total, message })
}

/** A tiny counting semaphore: at most `n` tasks run at once. */
export function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0
  const queue: Array<() => void> = []
  const next = () => {
    running--
    queue.shift()?.()
  }
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const run = () => {
        running++
        task().then(resolve, reject).finally(next)
      }
      if (running < n) run()
      else queue.push(run)
    })
}

function cancelled(): ApiError {
  return new ApiError('cancelled', 'MongoDB crawl cancelled.', { reason: 'cancelled' })
}
