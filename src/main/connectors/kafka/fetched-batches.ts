import type { OffsetBatch } from './record-batches'

/**
 * Fetch answers a pooled lookup connector keeps for a few seconds (issue 7, speed). One lookup
 * reads the same records in several steps: crm.dbo.Customer by its record key and by the
 * index's `after.CustomerId`, `after.Email`...; orders by order_id and by customer_id. Kafka
 * returns whole batches (at bench scale ~1 MB of records, decompressed by kafkajs, for one
 * customer's record), so each of those steps fetched and decoded the same batch again.
 *
 * A record at an offset never changes (it can only be deleted), so an answer is reused for any
 * offset between the first and the last offset it returned: such an offset was in one of its
 * batches, and is in the answer or was compacted out. Reads of one partition wait for that
 * partition's fetch on the wire before deciding (it may bring their offset too).
 *
 * Batches are kept as answered (record-batches.ts: a batch is inflated when an offset in it is
 * asked, and keeps what it was inflated to): a kept batch tells when it grows, and the budget is
 * enforced at each keep over what the batches hold then.
 */
export const KEEP_MS = 5_000
/** Record bytes kept at most per connector; the oldest answers go first. */
export const KEEP_BYTES = 64 * 1024 * 1024

interface Answer {
  at: number
  first: bigint
  last: bigint
  batches: OffsetBatch[]
  /** What its batches hold now (they tell when they grow). */
  bytes: number
  dropped: boolean
}

export class FetchedBatches {
  private readonly answers = new Map<string, Answer[]>()
  private readonly onTheWire = new Map<string, Promise<unknown>>()
  /** Every kept answer in the order kept; those before `head` are gone. */
  private readonly queue: Array<{ k: string; a: Answer }> = []
  private head = 0
  private bytes = 0

  constructor(
    private readonly now: () => number = Date.now,
    private readonly keepMs = KEEP_MS,
    private readonly keepBytes = KEEP_BYTES,
  ) {}

  /** The batches of a kept answer whose offsets span `offset`, if any. */
  covering(topic: string, partition: number, offset: bigint): OffsetBatch[] | undefined {
    const now = this.now()
    for (const a of this.answers.get(key(topic, partition)) ?? [])
      if (now - a.at < this.keepMs && a.first <= offset && offset <= a.last) return a.batches
    return undefined
  }

  /** Settles when this partition's fetch on the wire does (never rejects); none: undefined. */
  onTheWireFor(topic: string, partition: number): Promise<unknown> | undefined {
    return this.onTheWire.get(key(topic, partition))
  }

  /** Notes a fetch of the partition on the wire until it settles. */
  track(topic: string, partition: number, fetching: Promise<unknown>): void {
    const k = key(topic, partition)
    const settled = fetching.then(
      () => undefined,
      () => undefined,
    )
    this.onTheWire.set(k, settled)
    void settled.then(() => {
      if (this.onTheWire.get(k) === settled) this.onTheWire.delete(k)
    })
  }

  /** Keeps an answer (data and control batches alike: offsets are what count). */
  keep(topic: string, partition: number, batches: readonly OffsetBatch[]): void {
    if (batches.length === 0) return
    let first = batches[0]!.baseOffset
    let last = batches[0]!.lastOffset
    for (const b of batches) {
      if (b.baseOffset < first) first = b.baseOffset
      if (b.lastOffset > last) last = b.lastOffset
    }
    const held = heldBy(batches)
    if (held > this.keepBytes) return
    this.forgetOld()
    const k = key(topic, partition)
    const answer: Answer = {
      at: this.now(),
      first,
      last,
      batches: [...batches],
      bytes: held,
      dropped: false,
    }
    for (const b of batches)
      b.onGrowth((grown) => {
        if (answer.dropped) return
        answer.bytes += grown
        this.bytes += grown
      })
    this.answers.set(k, [...(this.answers.get(k) ?? []), answer])
    this.queue.push({ k, a: answer })
    this.bytes += held
    while (this.bytes > this.keepBytes && this.head < this.queue.length) this.dropOldest()
  }

  /** Bytes the kept answers hold (for the budget, tests and reports). */
  get keptBytes(): number {
    return this.bytes
  }

  /**
   * Answers leave in the order they came (`at` only grows), so expiry and the byte budget take
   * from the front of one queue: walking every kept answer at each keep cost ~0.5 ms a lookup
   * with a few thousand answers kept at bench scale.
   */
  private forgetOld(): void {
    const now = this.now()
    while (this.head < this.queue.length && now - this.queue[this.head]!.a.at >= this.keepMs)
      this.drop(this.queue[this.head++]!)
    this.compactQueue()
  }

  private dropOldest(): void {
    if (this.head < this.queue.length) this.drop(this.queue[this.head++]!)
    this.compactQueue()
  }

  private drop({ k, a }: { k: string; a: Answer }): void {
    const rest = (this.answers.get(k) ?? []).filter((x) => x !== a)
    if (rest.length === 0) this.answers.delete(k)
    else this.answers.set(k, rest)
    a.dropped = true
    this.bytes -= a.bytes
  }

  private compactQueue(): void {
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head)
      this.head = 0
    }
  }
}

function heldBy(batches: readonly OffsetBatch[]): number {
  let n = 0
  for (const b of batches) n += b.heldBytes
  return n
}

function key(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`
}
