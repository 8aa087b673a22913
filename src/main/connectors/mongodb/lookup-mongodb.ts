import { MongoClient, type Document, type FindCursor } from 'mongodb'
import { ApiError } from '../../../shared/api'
import type { LookupHit, LookupOutcome, LookupQuery, ResolvedSource } from '../connector'
import { errorChain, type ErrorContext } from '../errors'
import {
  assetParts,
  cancelledError,
  lookupValues,
  pickTimestamp,
  rowLimit,
  stepTimeout,
  toJsonValue,
  untilAborted,
} from '../shared/lookup-values'
import { crawlClientOptions, errorContext, preflight, toApiError } from './crawl-client'
import { flattenDocument, lookupFilter, mongoPath } from './lookup-filter'
import { parseMongoSource, type MongoTarget } from './parse-url'

/** Connections a lookup may use at once on one source (steps of a lookup run concurrently). */
const LOOKUP_POOL_SIZE = 4

/**
 * MongoDB (and FerretDB) lookups (issue 7): one client for the life of the connector (a lookup
 * opens it once), each step one `find` with a typed filter (lookup-filter.ts), `limit(rowCap +
 * 1)`, maxTimeMS, and its cursor always closed, as FerretDB keeps an open cursor's resources
 * (and its SQLite transaction) until then. Cancelling closes the client; the next step opens a
 * new one.
 */
export class MongoLookup {
  private client: { mongo: MongoClient; ready: Promise<unknown> } | undefined
  private target: MongoTarget | undefined
  private ctx: ErrorContext | undefined

  constructor(private readonly source: ResolvedSource) {}

  async lookup(q: LookupQuery, opts: { signal?: AbortSignal } = {}): Promise<LookupOutcome> {
    const [database, collection] = assetParts(q, 2, 'database and collection')
    const values = lookupValues(q)
    const filter = lookupFilter(q.fieldPath, q.match, values)
    const { cap, fetch } = rowLimit(q.rowCap)
    const timeoutMs = stepTimeout(q.timeoutMs)
    const signal = opts.signal
    if (signal?.aborted) throw cancelledError('MongoDB')
    if (values.length === 0) return { hits: [], capped: false, statements: 0 }
    const client = this.open(timeoutMs)
    let cursor: FindCursor<Document> | undefined
    const onAbort = () => {
      if (this.client === client) this.client = undefined
      void cursor?.close().catch(() => {})
      void client.mongo.close(true).catch(() => {})
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      await untilAborted(client.ready, signal, 'MongoDB')
      if (signal?.aborted) throw cancelledError('MongoDB')
      const projection = projectionOf(q)
      cursor = client.mongo
        .db(database!)
        .collection(collection!)
        .find(filter, {
          limit: fetch,
          batchSize: fetch,
          maxTimeMS: timeoutMs,
          ...(projection ? { projection } : {}),
        })
      const docs = await cursor.toArray()
      const hits = docs.slice(0, cap).map(toHit)
      return { hits, capped: docs.length > cap, statements: 1 }
    } catch (err) {
      if (signal?.aborted) throw cancelledError('MongoDB')
      throw this.translate(err, timeoutMs)
    } finally {
      signal?.removeEventListener('abort', onAbort)
      // toArray exhausts or closes the cursor; closing again is a no-op, and covers a failure.
      await cursor?.close().catch(() => {})
    }
  }

  async close(): Promise<void> {
    const client = this.client
    this.client = undefined
    await client?.mongo.close(true).catch(() => {})
  }

  private open(timeoutMs: number): { mongo: MongoClient; ready: Promise<unknown> } {
    if (this.client) return this.client
    const target = (this.target ??= parseMongoSource(this.source))
    const ctx = (this.ctx ??= errorContext(this.source, target))
    const options = crawlClientOptions(this.source, target, timeoutMs, LOOKUP_POOL_SIZE)
    options.appName = 'sightline-lookup'
    const mongo = new MongoClient(target.url, options)
    // A refused port is told in a round trip, not after the driver's server selection.
    const ready = (target.srv ? Promise.resolve() : preflight(target.endpoints, ctx, undefined))
      .then(() => mongo.connect())
      .catch(async (err: unknown) => {
        if (this.client?.mongo === mongo) this.client = undefined
        await mongo.close(true).catch(() => {})
        throw err
      })
    ready.catch(() => {})
    this.client = { mongo, ready }
    return this.client
  }

  private translate(err: unknown, timeoutMs: number): ApiError {
    if (err instanceof ApiError) return err
    const slow = errorChain(err).some(
      (e) =>
        e.code === 50 || e.codeName === 'MaxTimeMSExpired' || e.name === 'MongoNetworkTimeoutError',
    )
    if (slow && this.client)
      return new ApiError('timeout', `MongoDB did not answer the lookup within ${timeoutMs} ms.`, {
        reason: 'query-timeout',
      })
    const target = (this.target ??= parseMongoSource(this.source))
    return toApiError(err, (this.ctx ??= errorContext(this.source, target)))
  }
}

/** The wanted paths (and `_id`); a path under another wanted one is left to its parent. */
function projectionOf(q: LookupQuery): Document | undefined {
  if (!q.fields || q.fields.length === 0) return undefined
  const paths = [...new Set([mongoPath(q.fieldPath), ...q.fields.map(mongoPath)])].sort()
  const kept = paths.filter((p, i) => !paths.slice(0, i).some((a) => p.startsWith(`${a}.`)))
  return Object.fromEntries([['_id', 1], ...kept.filter((p) => p !== '_id').map((p) => [p, 1])])
}

function toHit(doc: Document): LookupHit {
  const values = flattenDocument(doc)
  const timestamp = pickTimestamp(values)
  return {
    recordKey: { _id: toJsonValue(values._id) },
    values,
    ...(timestamp ? { timestamp } : {}),
  }
}
