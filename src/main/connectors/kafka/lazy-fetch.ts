import kafkajsFetchV11 from 'kafkajs/src/protocol/requests/fetch/v11/request.js'
import type { RawBroker } from './kafka-client'
import { splitRecordSet, type LazyBatch } from './record-batches'

/**
 * One partition's Fetch whose answer is left as record batches, undecoded (record-batches.ts):
 * the lookup's keyed reads want one record of a batch of hundreds. The request is kafkajs' own
 * Fetch v11 encoder, sent on the broker's kafkajs connection (its Fetch socket, SASL and TLS,
 * correlation ids and timeouts); only the answer is read here. kafkajs is pinned exactly
 * (package.json); a broker without Fetch v11 (Kafka before 2.3), or a kafkajs whose Broker lacks
 * what is used, gets `undefined` and the caller uses kafkajs' own fetch.
 */

const FETCH_API_KEY = 1
const FETCH_VERSION = 11

/** kafkajs' Fetch v11 request encoder, taking what its Broker.fetch takes. */
const fetchV11: (args: Parameters<RawBroker['fetch']>[0]) => ReturnType<typeof kafkajsFetchV11> =
  kafkajsFetchV11

/** What of kafkajs' Broker this uses (kafkajs 2.2.4 `Broker.connectionPool`, `.versions`). */
interface BrokerInternals {
  connectionPool?: {
    send(protocol: {
      request: ReturnType<typeof fetchV11>
      response: { decode(raw: Buffer): Promise<unknown>; parse(d: unknown): Promise<unknown> }
      requestTimeout?: number
    }): Promise<unknown>
  }
  versions?: Record<number, { minVersion: number; maxVersion: number }> | null
}

export interface LazyFetchPartition {
  partition: number
  errorCode: number
  highWatermark: bigint
  /** Undefined: the record set is in an old message format; fetch it through kafkajs. */
  batches: LazyBatch[] | undefined
}

/** Whether `broker` can be asked with lazyFetch (its versions are known once it connected). */
export function canFetchLazily(broker: unknown): boolean {
  const b = broker as BrokerInternals
  const fetch = b.versions?.[FETCH_API_KEY]
  return (
    typeof b.connectionPool?.send === 'function' &&
    fetch !== undefined &&
    fetch.minVersion <= FETCH_VERSION &&
    fetch.maxVersion >= FETCH_VERSION
  )
}

/** Fetches one partition from `offset`; the answer's batches are not decoded. */
export async function lazyFetch(
  broker: unknown,
  where: { topic: string; partition: number; offset: bigint; maxBytes: number },
  requestTimeout: number,
): Promise<LazyFetchPartition | undefined> {
  const pool = (broker as BrokerInternals).connectionPool!
  const answer = (await pool.send({
    request: fetchV11({
      replicaId: -1,
      isolationLevel: 0,
      maxWaitTime: 0,
      minBytes: 0,
      maxBytes: where.maxBytes,
      topics: [
        {
          topic: where.topic,
          partitions: [
            {
              partition: where.partition,
              fetchOffset: where.offset.toString(),
              maxBytes: where.maxBytes,
            },
          ],
        },
      ],
    }),
    response: { decode: async (raw: Buffer) => decodeFetchV11(raw), parse: async (d) => d },
    requestTimeout,
  })) as FetchV11Answer
  return answer.topics
    .find((t) => t.topic === where.topic)
    ?.partitions.find((p) => p.partition === where.partition)
}

interface FetchV11Answer {
  /** Asked by the broker of clients that exceed a quota (KIP-219); kafkajs' queue honours it. */
  clientSideThrottleTime: number
  errorCode: number
  topics: Array<{ topic: string; partitions: LazyFetchPartition[] }>
}

/**
 * Fetch Response v11: throttle_time_ms int32, error_code int16, session_id int32, then per topic
 * (name, then per partition: partition int32, error_code int16, high_watermark int64,
 * last_stable_offset int64, log_start_offset int64, aborted_transactions [producer_id int64,
 * first_offset int64], preferred_read_replica int32, records bytes).
 */
export function decodeFetchV11(raw: Buffer): FetchV11Answer {
  const r = new Reader(raw)
  const clientSideThrottleTime = r.int32()
  const errorCode = r.int16()
  r.int32() // session id
  const topics = r.array(() => {
    const topic = r.string()
    const partitions = r.array((): LazyFetchPartition => {
      const partition = r.int32()
      const partitionError = r.int16()
      const highWatermark = r.int64()
      r.int64() // last stable offset
      r.int64() // log start offset
      r.array(() => {
        r.int64()
        r.int64()
      })
      r.int32() // preferred read replica
      const records = r.bytes()
      return {
        partition,
        errorCode: partitionError,
        highWatermark,
        batches: records ? splitRecordSet(records) : [],
      }
    })
    return { topic, partitions }
  })
  return { clientSideThrottleTime, errorCode, topics }
}

class Reader {
  private at = 0
  constructor(private readonly buffer: Buffer) {}
  int16(): number {
    const v = this.buffer.readInt16BE(this.at)
    this.at += 2
    return v
  }
  int32(): number {
    const v = this.buffer.readInt32BE(this.at)
    this.at += 4
    return v
  }
  int64(): bigint {
    const v = this.buffer.readBigInt64BE(this.at)
    this.at += 8
    return v
  }
  string(): string {
    const n = this.int16()
    const v = this.buffer.toString('utf8', this.at, this.at + n)
    this.at += Math.max(0, n)
    return v
  }
  bytes(): Buffer | null {
    const n = this.int32()
    if (n < 0) return null
    // A record set may be cut short by maxBytes: take what is there (splitRecordSet drops a
    // partial last batch).
    const v = this.buffer.subarray(this.at, Math.min(this.buffer.length, this.at + n))
    this.at += n
    return v
  }
  array<T>(item: () => T): T[] {
    const n = this.int32()
    const out: T[] = []
    for (let i = 0; i < n; i++) out.push(item())
    return out
  }
}
