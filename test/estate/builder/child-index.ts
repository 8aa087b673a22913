/**
 * Rows of a child table (Address, ContactPreference, ...) by their own id, indexed by the
 * customer they belong to. Updates may move a row to another customer: both are affected.
 */
export class ChildIndex<T> {
  private readonly byId = new Map<number, { customerId: number; value: T }>()
  private readonly byCustomer = new Map<number, Set<number>>()

  /** Stores the row; returns the customers whose documents change. */
  upsert(id: number, customerId: number, value: T): number[] {
    const previous = this.byId.get(id)
    if (previous && previous.customerId !== customerId) this.unlink(id, previous.customerId)
    this.byId.set(id, { customerId, value })
    let ids = this.byCustomer.get(customerId)
    if (!ids) this.byCustomer.set(customerId, (ids = new Set()))
    ids.add(id)
    return previous && previous.customerId !== customerId
      ? [previous.customerId, customerId]
      : [customerId]
  }

  /** Forgets the row; returns the customer whose document changes, if the row was known. */
  remove(id: number): number[] {
    const previous = this.byId.get(id)
    if (!previous) return []
    this.byId.delete(id)
    this.unlink(id, previous.customerId)
    return [previous.customerId]
  }

  /** The customer's rows, in id order so that documents are deterministic. */
  forCustomer(customerId: number): T[] {
    const ids = this.byCustomer.get(customerId)
    if (!ids) return []
    return [...ids].sort((a, b) => a - b).map((id) => this.byId.get(id)!.value)
  }

  private unlink(id: number, customerId: number): void {
    const ids = this.byCustomer.get(customerId)
    ids?.delete(id)
    if (ids && ids.size === 0) this.byCustomer.delete(customerId)
  }
}
