import { MongoClient, type AnyBulkWriteOperation, type Collection } from 'mongodb'
import type { CustomerDocument, SingleViewState } from './single-view'
import { customerKey } from './transforms'

const WRITE_CHUNK = 500

/** JSON with sorted keys: tells whether a stored document already equals the built one. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  )
}

export interface SyncResult {
  inserted: number
  replaced: number
  deleted: number
  unchanged: number
}

/**
 * singleview.customers in FerretDB. Every write is by _id: FerretDB on SQLite pushes only
 * _id filters down to storage. FerretDB commits each replace-upsert on its own (tens of ms
 * apiece) but a whole insertMany at once, so a full build inserts, and only changes replace.
 */
export class SingleViewStore {
  private constructor(
    private readonly client: MongoClient,
    private readonly customers: Collection<CustomerDocument>,
  ) {}

  static async open(url: string): Promise<SingleViewStore> {
    // A socket timeout turns a server that stopped answering into an error the builder retries.
    const client = await MongoClient.connect(url, {
      serverSelectionTimeoutMS: 10_000,
      socketTimeoutMS: 120_000,
    })
    return new SingleViewStore(
      client,
      client.db('singleview').collection<CustomerDocument>('customers'),
    )
  }

  /**
   * Makes the collection equal to the state: inserts missing documents, replaces changed ones,
   * deletes those of customers the state does not hold (deleted in crm while the builder was
   * stopped), and leaves equal ones alone, so that a restart on an up-to-date view writes nothing.
   */
  async syncAll(state: SingleViewState): Promise<SyncResult> {
    const stored = new Map<string, string>()
    for await (const doc of this.customers.find({})) stored.set(doc._id, canonical(doc))
    const inserts: CustomerDocument[] = []
    const replaces: AnyBulkWriteOperation<CustomerDocument>[] = []
    let unchanged = 0
    for (const id of state.customerIds()) {
      const doc = state.build(id)!
      const current = stored.get(doc._id)
      stored.delete(doc._id)
      if (current === undefined) inserts.push(doc)
      else if (current === canonical(doc)) unchanged++
      else replaces.push({ replaceOne: { filter: { _id: doc._id }, replacement: doc } })
    }
    for (let i = 0; i < inserts.length; i += WRITE_CHUNK) {
      await this.customers.insertMany(inserts.slice(i, i + WRITE_CHUNK), { ordered: false })
    }
    await this.bulk(replaces)
    const orphans = [...stored.keys()]
    await this.bulk(orphans.map((_id) => ({ deleteOne: { filter: { _id } } })))
    return {
      inserted: inserts.length,
      replaced: replaces.length,
      deleted: orphans.length,
      unchanged,
    }
  }

  /** Replaces (upserts) or deletes each customer's document from the state. */
  async write(state: SingleViewState, customerIds: Iterable<number>): Promise<void> {
    const ops: AnyBulkWriteOperation<CustomerDocument>[] = []
    for (const id of customerIds) {
      const doc = state.build(id)
      ops.push(
        doc
          ? { replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } }
          : { deleteOne: { filter: { _id: customerKey(id) } } },
      )
    }
    await this.bulk(ops)
  }

  private async bulk(ops: AnyBulkWriteOperation<CustomerDocument>[]): Promise<void> {
    for (let i = 0; i < ops.length; i += WRITE_CHUNK) {
      await this.customers.bulkWrite(ops.slice(i, i + WRITE_CHUNK), { ordered: false })
    }
  }

  close(): Promise<void> {
    return this.client.close()
  }
}
