import { MongoClient } from 'mongodb'
import { ApiError } from '../../../shared/api'
import type { ResolvedSource } from '../connector'
import type { CatalogAsset } from '../../../shared/model/catalog'
import { DEFAULT_CRAWL_TIMEOUT_MS, type CrawlBatch, type CrawlOptions } from '../crawl-model'
import type { ErrorContext } from '../errors'
import { crawlClientOptions, errorContext, preflight, toApiError } from './crawl-client'
import { countBudgetOf, readCollection, type CrawlCtx } from './crawl-collection'
import { DEFAULT_COUNT_BUDGET_MS } from './crawl-count'
import { collectionAsset, collectionUrn, databaseAsset, type CollectionInfo } from './crawl-map'
import { limiter, readyQueue, settleWithin } from './crawl-schedule'
import { parseMongoSource, type MongoTarget } from './parse-url'

/**
 * Collections read at once, across databases. Most reads are a few milliseconds of round trip,
 * and in a whole-estate crawl the event loop is busy with the other sources, so more requests
 * in flight than the 2 cores help a little (bench estate, alone: 4 -> 7.3-8.0 s, 12 -> 6.7-7.0
 * s; in the job the difference was within its noise).
 */
const COLLECTION_CONCURRENCY = 8
const INTERNAL_DATABASES = new Set(['admin', 'local', 'config'])
/**
 * FerretDB decodes every document it returns (about half a second a megabyte on 2 busy cores):
 * in a database of more than this per collection, documents may be megabytes each, so its
 * samples are weighed and stop at FERRETDB_SAMPLE_BYTES (crawl-sample.ts `byteBudget`).
 */
const HEAVY_BYTES_PER_COLLECTION = 4 * 2 ** 20
const FERRETDB_SAMPLE_BYTES = 4 * 2 ** 20

interface Ctx extends CrawlCtx {
  target: MongoTarget
  limit: <T>(task: () => Promise<T>) => Promise<T>
  progress: { done: number; total: number }
  /** `FerretDB <version>` when the server is FerretDB, recorded on each database asset. */
  server?: string
}

/**
 * The MongoDB crawl (issue 4): databases, collections and views, indexes, counts and a shape
 * inferred from an adaptive sample. One `assets` batch per database, yielded as each database
 * completes; a database or collection that fails yields a `part-error` and the rest goes on.
 * Every database's collections are listed first and read largest first, across databases, so
 * the few slow ones (a million documents, megabyte documents) start at once instead of last.
 * Cancelling closes the client, which ends every pending read at once.
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
    // Per collection: its sample, its indexes and its count at once; plus counts past budget.
    crawlClientOptions(source, target, timeoutMs, COLLECTION_CONCURRENCY * 3 + 2),
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
  const ctx: Ctx = {
    source,
    target,
    client,
    opts,
    timeoutMs,
    countBudgetMs: countBudgetOf(source, DEFAULT_COUNT_BUDGET_MS),
    ferretdb: false,
    capability: {},
    inflight: new Set(),
    limit: limiter(COLLECTION_CONCURRENCY),
    progress: { done: 0, total: 0 },
  }

  try {
    try {
      if (!target.srv) await race(preflight(target.endpoints, errCtx, signal))
      await race(client.connect())
    } catch (err) {
      if (signal?.aborted) throw cancelled()
      throw toApiError(err, errCtx)
    }
    const [databases, ferretdb] = await race(
      Promise.all([
        listDatabaseNames(ctx).catch((err: unknown) => {
          throw toApiError(err, errCtx, timeoutMs)
        }),
        ferretdbServer(client),
      ]),
    )
    ctx.ferretdb = ferretdb !== undefined
    if (ferretdb !== undefined) ctx.server = ferretdb
    const lists = await race(Promise.all(databases.map((d) => listCollections(ctx, d, errCtx))))
    const ready = readyQueue<CrawlBatch[]>()
    for (const db of lists) {
      if ('error' in db) ready.push([db.error])
      else if (db.infos.length === 0) ready.push(databaseBatches(ctx, db, []))
    }
    const listed = lists.filter((d): d is ListedDatabase => !('error' in d))
    report(ctx, `${listed.length} databases, ${ctx.progress.total} collections`)
    for (const task of largestFirst(listed)) {
      void ctx
        .limit(() => crawlCollection(ctx, task, errCtx))
        .then((last) => {
          if (last) ready.push(databaseBatches(ctx, task.db, task.db.results))
        })
        .catch(() => {})
    }
    for (let i = 0; i < databases.length; i++) {
      for (const batch of await race(ready.next())) yield batch
      if (signal?.aborted) throw cancelled()
    }
  } finally {
    signal?.removeEventListener('abort', onAbort)
    // A finished crawl leaves no sockets behind; a cancelled one does not wait for the driver.
    if (signal?.aborted) void close()
    else {
      // Counts past their budget still run on the server (FerretDB's are not interrupted): a
      // request cut off mid-flight can leave FerretDB 1.x wedged, so they are let finish first.
      await settleWithin([...ctx.inflight], timeoutMs)
      await close()
    }
  }
}

interface DatabaseName {
  name: string
  sizeOnDisk?: number
}

interface ListedDatabase extends DatabaseName {
  infos: CollectionInfo[]
  /** Mapped collections (or their part errors), filled as they are read. */
  results: CollectionResult[]
  pending: number
}

type CollectionResult =
  | { asset: CatalogAsset; samples: Record<string, unknown[]>; statements: number }
  | { error: CrawlBatch }

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
  // FerretDB 1.x sizes every database for this, even nameOnly (seconds on a large one): the
  // sizes come at no extra cost, and order the reads.
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

/**
 * `FerretDB <version>` when buildInfo names FerretDB, else undefined (a server that refuses
 * buildInfo is taken for MongoDB).
 */
async function ferretdbServer(client: MongoClient): Promise<string | undefined> {
  try {
    const info = await client.db('admin').command({ buildInfo: 1 })
    const version =
      typeof info.ferretdbVersion === 'string'
        ? info.ferretdbVersion
        : typeof info.ferretdb?.version === 'string'
          ? (info.ferretdb.version as string)
          : undefined
    if (version !== undefined) return `FerretDB ${version.replace(/^v/, '')}`
    return info.ferretdb !== undefined ? 'FerretDB' : undefined
  } catch {
    return undefined
  }
}

async function listCollections(
  ctx: Ctx,
  db: DatabaseName,
  errCtx: ErrorContext,
): Promise<ListedDatabase | { error: CrawlBatch }> {
  try {
    const all = (await ctx.client
      .db(db.name)
      .listCollections({}, { maxTimeMS: ctx.timeoutMs })
      .toArray()) as CollectionInfo[]
    const infos = all
      .filter((c) => ctx.opts.includeInternal === true || !c.name.startsWith('system.'))
      .sort((a, b) => a.name.localeCompare(b.name))
    ctx.progress.total += infos.length
    return { ...db, infos, results: [], pending: infos.length }
  } catch (err) {
    const error = toApiError(err, errCtx, ctx.timeoutMs).toJSON()
    return { error: { kind: 'part-error', part: db.name, error } }
  }
}

interface CollectionTask {
  db: ListedDatabase
  info: CollectionInfo
  index: number
}

/**
 * Every collection, largest expected first: its database's size on disk over its collections
 * (the one size listDatabases gives for free), ties in name order. Without sizes: name order.
 */
function largestFirst(dbs: ListedDatabase[]): CollectionTask[] {
  return dbs
    .flatMap((db) =>
      db.infos.map((info, index) => ({ db, info, index, w: bytesPerCollection(db) })),
    )
    .sort((a, b) => b.w - a.w)
    .map(({ db, info, index }) => ({ db, info, index }))
}

function bytesPerCollection(db: ListedDatabase): number {
  return (db.sizeOnDisk ?? 0) / Math.max(1, db.infos.length)
}

/** Reads and maps one collection; true when it was its database's last. */
async function crawlCollection(ctx: Ctx, task: CollectionTask, errCtx: ErrorContext) {
  const { db, info } = task
  try {
    const expectedBytes = db.sizeOnDisk === undefined ? undefined : bytesPerCollection(db)
    const heavy = ctx.ferretdb && (expectedBytes ?? 0) >= HEAVY_BYTES_PER_COLLECTION
    const { read, statements } = await readCollection(ctx, ctx.client.db(db.name), info, {
      ...(heavy ? { byteBudget: FERRETDB_SAMPLE_BYTES } : {}),
      ...(expectedBytes === undefined ? {} : { expectedBytes }),
    })
    // Mapped at once: the sample's documents are released before the next collection.
    db.results[task.index] = { ...collectionAsset(ctx.source.name, db.name, read), statements }
  } catch (err) {
    const error = toApiError(err, errCtx, ctx.timeoutMs).toJSON()
    const part = collectionUrn(ctx.source.name, db.name, info.name)
    db.results[task.index] = { error: { kind: 'part-error', part, error } }
  } finally {
    ctx.progress.done++
    report(ctx, `${db.name}.${info.name}`)
  }
  return --db.pending === 0
}

/** A database's batches: the part errors of collections that failed, then its assets batch. */
function databaseBatches(ctx: Ctx, db: ListedDatabase, results: CollectionResult[]): CrawlBatch[] {
  const batches: CrawlBatch[] = []
  const assets = [
    databaseAsset(ctx.source.name, db.name, db.infos.length, db.sizeOnDisk, ctx.server),
  ]
  const samples: Record<string, unknown[]> = {}
  let statements = 1
  for (const one of results) {
    if ('error' in one) {
      batches.push(one.error)
      continue
    }
    assets.push(one.asset)
    Object.assign(samples, one.samples)
    statements += one.statements
  }
  batches.push({ kind: 'assets', part: db.name, assets, samples, statements })
  return batches
}

function report(ctx: Ctx, message: string): void {
  ctx.opts.onProgress?.({ done: ctx.progress.done, total: ctx.progress.total, message })
}

function cancelled(): ApiError {
  return new ApiError('cancelled', 'MongoDB crawl cancelled.', { reason: 'cancelled' })
}
