import { ChildIndex } from './child-index'
import {
  asInt,
  asText,
  decodeDate,
  decodePence,
  decodeTimestamp,
  rowAfter,
  rowOf,
  type ChangeEvent,
  type Row,
} from './debezium'
import { customerKey, normaliseEmail, normalisePostcode, toE164, trimmed } from './transforms'

/** One document of singleview.customers. */
export interface CustomerDocument {
  _id: string
  name: { title: string | null; first: string | null; last: string | null }
  dateOfBirth: string | null
  contact: { email: string | null; mobile: string | null; home: string | null }
  addresses: {
    type: string | null
    line1: string | null
    town: string | null
    postcode: string | null
  }[]
  preferences: { channel: string | null; optIn: boolean | null }[]
  loyalty: { number: string | null; tier: string | null } | null
  /** lastOrderAt: ISO-8601 UTC with milliseconds, as the ground-truth manifest writes it. */
  orders: { count: number; lifetimeValueGbp: number; lastOrderAt: string | null }
  fraud: { score: number; flags: string[] } | null
}

/** A fraud.scores record, decoded from Avro. */
export interface FraudScore {
  customerId: number
  score: number
  reasons: string[]
  scoredAt: number
}

/** The source tables the builder folds in, by their Debezium topic suffix. */
export type SourceTable = 'Customer' | 'Address' | 'ContactPreference' | 'LoyaltyAccount' | 'orders'

type Address = CustomerDocument['addresses'][number]
type Preference = CustomerDocument['preferences'][number]
type Loyalty = NonNullable<CustomerDocument['loyalty']>
interface Order {
  pence: number
  placedAt: number | null
}

/**
 * Everything the builder has read, in memory, so that every document is rebuilt whole from
 * its sources (idempotent: replaying an event cannot double-count an order). The builder
 * re-reads its topics from the beginning at each start, so nothing here is persisted.
 */
export class SingleViewState {
  private readonly customers = new Map<number, Row>()
  private readonly addresses = new ChildIndex<Address>()
  private readonly preferences = new ChildIndex<Preference>()
  private readonly loyalty = new ChildIndex<Loyalty>()
  private readonly orders = new ChildIndex<Order>()
  private readonly fraud = new Map<number, FraudScore>()

  /** Applies one change event; returns the CustomerIds whose documents it changes. */
  applyChange(table: SourceTable, event: ChangeEvent): number[] {
    const after = rowAfter(event)
    const row = rowOf(event)
    if (!row) return []
    switch (table) {
      case 'Customer': {
        const id = asInt(row.CustomerId)
        if (id === null) return []
        if (after) this.customers.set(id, after)
        else this.customers.delete(id)
        return [id]
      }
      case 'Address':
        return this.applyChild(this.addresses, row.AddressId, after, after?.CustomerId, (r) => ({
          type: asText(r.AddressType),
          line1: asText(r.Line1),
          town: asText(r.Town),
          postcode: normalisePostcode(asText(r.Postcode)),
        }))
      case 'ContactPreference':
        return this.applyChild(
          this.preferences,
          row.ContactPreferenceId,
          after,
          after?.CustomerId,
          (r) => ({
            channel: asText(r.Channel),
            optIn: typeof r.OptIn === 'boolean' ? r.OptIn : null,
          }),
        )
      case 'LoyaltyAccount':
        return this.applyChild(
          this.loyalty,
          row.LoyaltyAccountId,
          after,
          after?.CustomerId,
          (r) => ({
            number: asText(r.LoyaltyNumber),
            tier: asText(r.Tier),
          }),
        )
      case 'orders':
        return this.applyChild(this.orders, row.order_id, after, after?.customer_id, (r) => ({
          pence: decodePence(r.total_gbp) ?? 0,
          placedAt: decodeTimestamp(r.placed_at)?.getTime() ?? null,
        }))
    }
  }

  /** Folds in a fraud score if it is the customer's latest (on a tie the first read stays). */
  applyFraudScore(record: FraudScore): number[] {
    const current = this.fraud.get(record.customerId)
    if (current && current.scoredAt >= record.scoredAt) return []
    this.fraud.set(record.customerId, record)
    return [record.customerId]
  }

  /** CustomerIds of every customer that has a document. */
  customerIds(): IterableIterator<number> {
    return this.customers.keys()
  }

  get customerCount(): number {
    return this.customers.size
  }

  /** The customer's document, or null when crm has no such customer (delete it). */
  build(customerId: number): CustomerDocument | null {
    const customer = this.customers.get(customerId)
    if (!customer) return null
    const orders = this.orders.forCustomer(customerId)
    const lastOrderAt = orders.reduce<number | null>(
      (latest, o) =>
        o.placedAt !== null && (latest === null || o.placedAt > latest) ? o.placedAt : latest,
      null,
    )
    const fraud = this.fraud.get(customerId)
    return {
      _id: customerKey(customerId),
      name: {
        title: trimmed(asText(customer.Title)),
        first: trimmed(asText(customer.FirstName)),
        last: trimmed(asText(customer.LastName)),
      },
      dateOfBirth: decodeDate(customer.DateOfBirth),
      contact: {
        email: normaliseEmail(asText(customer.Email)),
        mobile: toE164(asText(customer.MobilePhone)),
        home: toE164(asText(customer.HomePhone)),
      },
      addresses: this.addresses.forCustomer(customerId),
      preferences: this.preferences.forCustomer(customerId),
      loyalty: this.loyalty.forCustomer(customerId)[0] ?? null,
      orders: {
        count: orders.length,
        lifetimeValueGbp: orders.reduce((sum, o) => sum + o.pence, 0) / 100,
        lastOrderAt: lastOrderAt === null ? null : new Date(lastOrderAt).toISOString(),
      },
      fraud: fraud ? { score: fraud.score, flags: fraud.reasons } : null,
    }
  }

  private applyChild<T>(
    index: ChildIndex<T>,
    rawId: unknown,
    after: Row | null,
    rawCustomerId: unknown,
    project: (row: Row) => T,
  ): number[] {
    const id = asInt(rawId)
    if (id === null) return []
    const customerId = asInt(rawCustomerId)
    // A row without a customer (orders.customer_id is nullable) belongs to no document.
    if (!after || customerId === null) return index.remove(id)
    return index.upsert(id, customerId, project(after))
  }
}
