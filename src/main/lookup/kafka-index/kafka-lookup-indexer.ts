import { ApiError } from '../../../shared/api'
import type { LookupIndexFreshness } from '../../../shared/model/lookup'
import type { ResolvedSource } from '../../connectors/connector'
import type { ResolvedSourceRef } from '../../connectors/crawl-model'
import { RegistrySchemas } from '../../connectors/kafka/avro-decoder'
import { openKafkaClients, type KafkaClients } from '../../connectors/kafka/kafka-client'
import {
  abortableBy,
  knownTopicPartitions,
  readPartitionRange,
} from '../../connectors/kafka/lookup-fetch'
import { parseKafkaSource } from '../../connectors/kafka/parse-url'
import type { PartitionOffsets } from '../../connectors/kafka/sample-messages'
import type {
  LookupIndexEntry,
  LookupIndexHit,
  LookupIndexRepository,
} from '../../store/lookup-index-repository'
import type { RecognisedIdentifier } from '../identifiers/identifier-kinds'
import { identifierTokens, indexHmac, type IndexedField } from './index-fields'
import { TopicEntryMaker } from './index-record'
import { freshnessOf } from './freshness'
import { topicFieldsChanges } from './topic-fields'
import { catchUpOrder } from './catch-up-order'

export interface LookupIndexerOptions {
  source: ResolvedSource
  /** Registry source for Avro values (`fraud.scores`). */
  schemaRegistry?: ResolvedSourceRef
  store: { readonly lookupIndex: LookupIndexRepository; workspaceKey(): Promise<Buffer> }
  fields: readonly IndexedField[]
  /** Pause between catch-ups while started (default 5 000 ms). */
  pollMs?: number
  /** Budget per Kafka request (default 30 000 ms). */
  timeoutMs?: number
  /**
   * Static share of the partitions for members of a team sharing one store: this member indexes
   * partitions whose (topic, partition) rank modulo `members` is `member` (docs/lookup-index.md).
   */
  assignment?: { members: number; member: number }
  /** Entries committed per transaction (default BATCH_ENTRIES). */
  batchEntries?: number
  /** Bytes asked per Fetch (default FETCH_BYTES). */
  fetchBytes?: number
  now?: () => Date
}

/** ~2 MB of entries in memory; a commit every ~5 000 CDC events. */
const BATCH_ENTRIES = 20_000
/**
 * Per Fetch, compressed: gzip CDC batches inflate ~30x (a 4 MB Fetch held ~115 MB of records at
 * bench scale, twice with the read ahead), so 1 MB: ~30 MB decoded per chunk, ~40 round trips per
 * million CDC events.
 */
const FETCH_BYTES = 1024 * 1024

export interface CatchUpReport {
  partitions: number
  records: number
  entries: number
  /** Key + value bytes fetched. */
  bytes: number
  requests: number
  durationMs: number
  /** Indexed topics Kafka does not have (deleted, or not created yet): skipped. */
  missingTopics: string[]
}

/**
 * Sightline's lookup index of Kafka topics whose identifiers are not the key (issue 7 item 4):
 * reads each assigned partition from its stored position to the high watermark with raw Fetch
 * requests (no consumer group: positions live in the store, committed with the entries), decodes
 * messages with the crawl's decoders and stores HMAC(workspace key, `kind:canonical`) ->
 * (topic, partition, offset). `start()` keeps it current; `freshness()` says how current it is.
 */
export class KafkaLookupIndexer {
  private clients: KafkaClients | undefined
  private registry: RegistrySchemas | undefined
  private running: Promise<void> | undefined
  private stopping: AbortController | undefined
  private lastError: ApiError | undefined
  private known: PartitionOffsets[] | undefined
  private readonly byTopic = new Map<string, IndexedField[]>()

  constructor(private readonly opts: LookupIndexerOptions) {
    for (const f of opts.fields) {
      const list = this.byTopic.get(f.topic) ?? []
      list.push(f)
      this.byTopic.set(f.topic, list)
    }
  }

  get topics(): string[] {
    return [...this.byTopic.keys()].sort()
  }

  /**
   * The assigned partitions' watermarks as Kafka last gave them (a catch-up's targets, or the
   * last freshness check): freshness while a catch-up runs, without asking Kafka again.
   */
  get lastPartitions(): readonly PartitionOffsets[] | undefined {
    return this.known
  }

  /** The error of the last background catch-up, if it failed (the loop goes on). */
  get error(): ApiError | undefined {
    return this.lastError
  }

  /** Indexes every assigned partition up to its high watermark as read at the start. */
  async catchUp(signal?: AbortSignal): Promise<CatchUpReport> {
    const started = Date.now()
    const report: CatchUpReport = {
      partitions: 0,
      records: 0,
      entries: 0,
      bytes: 0,
      requests: 0,
      durationMs: 0,
      missingTopics: [],
    }
    if (this.byTopic.size === 0) return report
    const clients = this.open()
    const abortable = abortableBy(signal, cancelled)
    await abortable(clients.cluster.connect())
    const key = await this.opts.store.workspaceKey()
    const source = this.opts.source.name
    const stored = await this.storedPositions(source)
    const found = await knownTopicPartitions(clients.cluster, this.topics, abortable)
    report.missingTopics = found.missing
    const partitions = this.assigned(found.partitions)
    this.known = partitions
    const makers: Record<string, TopicEntryMaker> = {}
    for (const p of catchUpOrder(partitions, this.byTopic)) {
      if (signal?.aborted) throw cancelled()
      report.partitions++
      // Retention may have deleted what the position points at: start at the earliest kept.
      let from = stored.get(`${p.topic}\u0000${p.partition}`) ?? p.low
      if (from < p.low) from = p.low
      if (from >= p.high) {
        if (
          !stored.has(`${p.topic}\u0000${p.partition}`) ||
          from !== stored.get(`${p.topic}\u0000${p.partition}`)
        )
          await this.opts.store.lookupIndex.commit(source, [
            {
              topic: p.topic,
              partition: p.partition,
              entries: [],
              nextOffset: from,
              highWatermark: p.high,
            },
          ])
      } else {
        const maker = (makers[p.topic] ??= new TopicEntryMaker(
          this.byTopic.get(p.topic) ?? [],
          key,
          () => this.registryFor(),
        ))
        let entries: LookupIndexEntry[] = []
        let records = 0
        // Entries and the position they reach commit together, a batch at a time: a crash
        // re-indexes the batch. Batches of many chunks: one transaction per chunk made SQLite's
        // commits (fsync, checkpoints) most of the build at bench scale.
        const flush = async (nextOffset: bigint) => {
          entries.sort((a, b) => Buffer.compare(a.hmac, b.hmac))
          await this.opts.store.lookupIndex.commit(source, [
            { topic: p.topic, partition: p.partition, entries, nextOffset, highWatermark: p.high },
          ])
          report.records += records
          report.entries += entries.length
          entries = []
          records = 0
        }
        let next = from
        for await (const chunk of prefetching(
          readPartitionRange(
            clients.cluster,
            { ...p, from, to: p.high },
            {
              abortable,
              maxBytes: this.opts.fetchBytes ?? FETCH_BYTES,
              onRequest: () => void report.requests++,
            },
          ),
        )) {
          for (const r of chunk.records) {
            const pending = maker.add(r, entries)
            if (pending) await pending
          }
          records += chunk.records.length
          report.bytes += chunk.bytes
          next = chunk.next
          if (entries.length >= (this.opts.batchEntries ?? BATCH_ENTRIES)) await flush(next)
          // Stopping (the app closing, a cancel) commits what was read first.
          if (signal?.aborted) break
        }
        if (next > from) await flush(next)
        if (signal?.aborted) throw cancelled()
      }
    }
    await this.opts.store.lookupIndex.markCaughtUp(
      source,
      partitions.map((p) => ({ topic: p.topic, partition: p.partition, highWatermark: p.high })),
      this.now().toISOString(),
    )
    report.durationMs = Date.now() - started
    return report
  }

  /**
   * Stored positions by `topic NUL partition`, after recording each topic's fields: a topic with
   * a field its positions do not cover is restarted (topic-fields.ts) and read from the start.
   */
  private async storedPositions(source: string): Promise<Map<string, bigint>> {
    const repo = this.opts.store.lookupIndex
    const positions = await repo.positions(source)
    const changes = topicFieldsChanges(
      this.byTopic,
      await repo.topicFields(source),
      new Set(positions.map((p) => p.topic)),
    )
    for (const c of changes)
      await repo.setTopicFields(source, c.topic, c.fields, { restart: c.restart })
    const restarted = new Set(changes.filter((c) => c.restart).map((c) => c.topic))
    return new Map(
      positions
        .filter((p) => !restarted.has(p.topic))
        .map((p) => [`${p.topic}\u0000${p.partition}`, p.nextOffset]),
    )
  }

  /** Keeps the index current: a catch-up, a pause of `pollMs`, again, until `stop()`. */
  start(): void {
    if (this.running) return
    const stop = new AbortController()
    this.stopping = stop
    const pollMs = this.opts.pollMs ?? 5_000
    this.running = (async () => {
      while (!stop.signal.aborted) {
        try {
          await this.catchUp(stop.signal)
          this.lastError = undefined
        } catch (err) {
          if (stop.signal.aborted) break
          this.lastError =
            err instanceof ApiError
              ? err
              : new ApiError('internal', 'Lookup index catch-up failed.')
        }
        await sleep(pollMs, stop.signal)
      }
    })()
  }

  /** Stops the loop after the chunk in hand is committed, and closes the clients. */
  async stop(): Promise<void> {
    this.stopping?.abort()
    await this.running?.catch(() => {})
    this.running = undefined
    this.stopping = undefined
    const c = this.clients
    this.clients = undefined
    if (c) await Promise.race([c.close(), sleep(500)])
  }

  /** Indexed offsets against live high watermarks (stored ones when Kafka cannot be asked). */
  async freshness(signal?: AbortSignal): Promise<LookupIndexFreshness> {
    const source = this.opts.source.name
    const [positions, entries] = await Promise.all([
      this.opts.store.lookupIndex.positions(source),
      this.opts.store.lookupIndex.count(source),
    ])
    let live: PartitionOffsets[] | undefined
    try {
      const clients = this.open()
      const abortable = abortableBy(signal, cancelled)
      await abortable(clients.cluster.connect())
      live = this.assigned(
        (await knownTopicPartitions(clients.cluster, this.topics, abortable)).partitions,
      )
      this.known = live
    } catch {
      live = undefined
    }
    return freshnessOf({ source, topics: this.topics, positions, live, entries, now: this.now() })
  }

  /** Index hits for a typed identifier (its token and, for emails, its SHA-256 forms). */
  async find(
    identifier: RecognisedIdentifier,
    opts: { topics?: readonly string[]; limit?: number } = {},
  ): Promise<LookupIndexHit[]> {
    const key = await this.opts.store.workspaceKey()
    const hmacs = identifierTokens(identifier).map((t) => indexHmac(key, t))
    return this.opts.store.lookupIndex.find(this.opts.source.name, hmacs, opts)
  }

  private assigned(partitions: PartitionOffsets[]): PartitionOffsets[] {
    const sorted = [...partitions].sort((a, b) =>
      a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
    )
    const a = this.opts.assignment
    if (!a || a.members <= 1) return sorted
    return sorted.filter((_, i) => i % a.members === a.member)
  }

  private open(): KafkaClients {
    this.clients ??= openKafkaClients(
      parseKafkaSource(this.opts.source),
      this.opts.timeoutMs ?? 30_000,
    )
    return this.clients
  }

  private registryFor(): RegistrySchemas {
    this.registry ??= new RegistrySchemas(this.opts.schemaRegistry, undefined, 10_000)
    return this.registry
  }

  private now(): Date {
    return this.opts.now?.() ?? new Date()
  }
}

/** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms)
    t.unref?.()
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t)
        resolve()
      },
      { once: true },
    )
  })
}

/**
 * Iterates `source` one item ahead: the next Fetch is on the wire while this chunk is decoded
 * and committed (the broker and the decoding then share the machine's two cores).
 */
export async function* prefetching<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let pending = source.next()
  try {
    for (;;) {
      const got = await pending
      if (got.done) return
      pending = source.next()
      yield got.value
    }
  } finally {
    // Left early (a break, an error): the read ahead is dropped and the generator closed.
    pending.catch(() => undefined)
    await pending.then(() => source.return(undefined)).catch(() => undefined)
  }
}

function cancelled(): ApiError {
  return new ApiError('cancelled', 'Lookup index catch-up cancelled.', { reason: 'cancelled' })
}
