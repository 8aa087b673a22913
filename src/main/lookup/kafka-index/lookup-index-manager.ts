import { ApiError, toApiError } from '../../../shared/api/errors'
import type { LookupIndexFreshness, LookupIndexStatus } from '../../../shared/model/lookup'
import type { ResolvedSource } from '../../connectors/connector'
import type { ResolvedSourceRef } from '../../connectors/crawl-model'
import type { LookupIndexRepository } from '../../store/lookup-index-repository'
import type { IndexProbeAnswer, IndexProbeQuery, LookupIndexProbe } from '../execute/index-step'
import { freshnessOf, indexStatusOf } from './freshness'
import { indexHmac, tokenOf, type IndexedField } from './index-fields'
import { KafkaLookupIndexer, sleep, type CatchUpReport } from './kafka-lookup-indexer'

/**
 * The lookup index's lifecycle in the app (issue 7 item 4, docs/lookup-index.md): one indexer per
 * Kafka source over the identifier fields the catalogue classifies, kept current by a loop
 * (catch up, pause, again) that re-reads the catalogue's fields each round. A failing source is
 * reported in its status and retried at the next poll; it never throws out of the loop. Probes
 * for the lookup read only the store, so a lookup works with the index as it stands, kept
 * current or not (the CLI), and says how far behind it is.
 */

export interface LookupIndexManagerDeps {
  store: { readonly lookupIndex: LookupIndexRepository; workspaceKey(): Promise<Buffer> }
  /** Indexed fields per Kafka source name, from the catalogue (classified identifier fields). */
  fields(): Promise<Map<string, IndexedField[]>>
  /** The source and, for Avro values, its schema registry (sources.yaml, secrets resolved). */
  resolve(source: string): Promise<{ source: ResolvedSource; schemaRegistry?: ResolvedSourceRef }>
  /** Pause between catch-ups while kept current (default 5 000 ms). */
  pollMs?: number
  /** Budget per Kafka request (default 30 000 ms). */
  timeoutMs?: number
  now?: () => Date
}

interface SourceIndex {
  source: string
  fields: IndexedField[]
  fieldsKey: string
  /** The fields() list `fields` was last found equal to (an identity check skips the compare). */
  comparedFields?: readonly IndexedField[]
  indexer?: KafkaLookupIndexer
  /** The loop's stop signal while kept current. */
  loop?: { stop: AbortController; done: Promise<void> }
  /** The catch-up in flight, if any: Kafka requests of one source run one at a time. */
  busy?: Promise<unknown>
  building: boolean
  lastReport?: CatchUpReport
  error?: ApiError
}

export class LookupIndexManager implements LookupIndexProbe {
  private readonly sources = new Map<string, SourceIndex>()
  private closed = false
  /** While every source is kept current: picks up Kafka sources a later crawl classifies. */
  private watcher: { stop: AbortController; done: Promise<void> } | undefined

  constructor(private readonly deps: LookupIndexManagerDeps) {}

  /** Keeps the named sources' indexes (every Kafka source with indexed fields) current. */
  async start(source?: string): Promise<void> {
    for (const s of await this.targets(source)) {
      if (s.loop || this.closed) continue
      const stop = new AbortController()
      const done = this.loopOf(s, stop.signal)
      s.loop = { stop, done }
    }
    if (source === undefined && !this.watcher && !this.closed) {
      const stop = new AbortController()
      const done = (async () => {
        while (!stop.signal.aborted) {
          await sleep(this.deps.pollMs ?? 5_000, stop.signal)
          if (stop.signal.aborted) break
          try {
            for (const s of await this.targets()) {
              if (s.loop || stop.signal.aborted || this.closed) continue
              const own = new AbortController()
              s.loop = { stop: own, done: this.loopOf(s, own.signal) }
            }
          } catch {
            // The catalogue could not be read this time: the next round tries again.
          }
        }
      })()
      this.watcher = { stop, done }
    }
  }

  /** Stops keeping them current, after the chunk in hand is committed. */
  async stop(source?: string): Promise<void> {
    if (source === undefined && this.watcher) {
      const w = this.watcher
      this.watcher = undefined
      w.stop.abort()
      await w.done
    }
    const stopping = [...this.sources.values()].filter((s) => !source || s.source === source)
    await Promise.all(
      stopping.map(async (s) => {
        const loop = s.loop
        s.loop = undefined
        loop?.stop.abort()
        await loop?.done
        await s.busy?.catch(() => undefined)
      }),
    )
  }

  /** One catch-up of each named source now (the CLI's `build`); errors are thrown. */
  async build(source?: string, signal?: AbortSignal): Promise<CatchUpReport[]> {
    const reports: CatchUpReport[] = []
    for (const s of await this.targets(source)) reports.push(await this.catchUp(s, signal, true))
    return reports
  }

  /** Drops the named sources' entries and positions, then builds them again from the start. */
  async rebuild(source?: string, signal?: AbortSignal): Promise<CatchUpReport[]> {
    const targets = await this.targets(source)
    const wasRunning = targets.filter((s) => s.loop).map((s) => s.source)
    for (const s of targets) {
      await this.stop(s.source)
      const stored = new Set(
        (await this.deps.store.lookupIndex.positions(s.source)).map((p) => p.topic),
      )
      for (const f of s.fields) stored.add(f.topic)
      await this.deps.store.lookupIndex.removeTopics(s.source, [...stored])
    }
    const reports = await this.build(source, signal)
    for (const name of wasRunning) await this.start(name)
    return reports
  }

  /** Status of every Kafka source the catalogue indexes (or of the named one). */
  async status(source?: string): Promise<LookupIndexStatus[]> {
    const out: LookupIndexStatus[] = []
    for (const s of await this.targets(source, true)) out.push(await this.statusOf(s))
    return out
  }

  /**
   * Topics of a source the index has started to cover, with their lag (stored positions and the
   * last watermarks seen; Kafka is not asked): what the planner may ask the index for.
   */
  async coverage(): Promise<Map<string, { lag: number; lastCatchUpAt?: string }>> {
    const out = new Map<string, { lag: number; lastCatchUpAt?: string }>()
    for (const s of await this.targets(undefined, true)) {
      const f = await this.storedFreshness(s)
      for (const t of f.topics) {
        const caught = t.partitions
          .map((p) => p.caughtUpAt)
          .filter((x): x is string => x !== undefined)
          .sort()
        out.set(`kafka://${s.source}/${t.topic}`, {
          lag: t.lag,
          ...(caught.length > 0 ? { lastCatchUpAt: caught[0]! } : {}),
        })
      }
    }
    return out
  }

  /** The index's offsets for values of one topic field, compared as the field's kind. */
  async probe(q: IndexProbeQuery): Promise<IndexProbeAnswer> {
    const s = (await this.targets(q.source, true))[0]
    const field = s?.fields.find((f) => f.topic === q.topic && f.path === q.fieldPath)
    if (!s) return { covered: false, offsets: [], lag: 0, capped: false }
    if (!field) {
      // The topic may be indexed through other fields: its positions and lag still say what the
      // index has read. No caller reads them from an uncovered answer any more (keyed reads
      // probe the record key since stop 8: kafka-keyed.ts); the answer keeps its shape.
      const topic = await this.topicFreshness(s, q.topic)
      return {
        covered: false,
        offsets: [],
        lag: topic?.lag ?? 0,
        capped: false,
        ...(topic && topic.partitions.length > 0
          ? {
              positions: topic.partitions.map((p) => ({
                partition: p.partition,
                offset: String(p.indexedOffset),
              })),
            }
          : {}),
      }
    }
    const key = await this.deps.store.workspaceKey()
    const tokens = new Set<string>()
    for (const v of q.values) {
      const token = tokenOf(field.kind, v)
      if (token) tokens.add(token)
    }
    const topic = await this.topicFreshness(s, q.topic)
    const lag = topic?.lag ?? 0
    const last = topic?.partitions
      .map((p) => p.caughtUpAt)
      .filter(Boolean)
      .sort()[0]
    if (!topic) return { covered: false, offsets: [], lag, capped: false }
    const hmacs = [...tokens].map((t) => indexHmac(key, t))
    // The same value may sit in several fields of one message: ask wider, keep this field.
    const hits =
      hmacs.length === 0
        ? []
        : await this.deps.store.lookupIndex.find(q.source, hmacs, {
            topics: [q.topic],
            limit: q.limit * 4 + 16,
          })
    const mine = hits.filter((h) => h.field === q.fieldPath)
    const seen = new Set<string>()
    const offsets: IndexProbeAnswer['offsets'] = []
    for (const h of mine) {
      const k = `${h.partition}:${h.offset}`
      if (seen.has(k)) continue
      seen.add(k)
      offsets.push({ partition: h.partition, offset: h.offset.toString() })
    }
    return {
      covered: true,
      offsets: offsets.slice(0, q.limit),
      // Read before the entries: whatever was committed meanwhile is past these and re-read.
      positions: topic.partitions.map((p) => ({
        partition: p.partition,
        offset: String(p.indexedOffset),
      })),
      lag,
      ...(last ? { lastCatchUpAt: last } : {}),
      capped: offsets.length > q.limit,
    }
  }

  /** Stops every loop and closes the clients. */
  async close(): Promise<void> {
    this.closed = true
    await this.stop()
    await Promise.all([...this.sources.values()].map((s) => s.indexer?.stop()))
  }

  private loopOf(s: SourceIndex, signal: AbortSignal): Promise<void> {
    const pollMs = this.deps.pollMs ?? 5_000
    return (async () => {
      while (!signal.aborted) {
        try {
          await this.refresh(s.source)
          await this.catchUp(s, signal, false)
        } catch {
          // Recorded in s.error by catchUp (or a catalogue that cannot be read): next poll retries.
        }
        await sleep(pollMs, signal)
      }
    })()
  }

  private async catchUp(
    s: SourceIndex,
    signal: AbortSignal | undefined,
    rethrow: boolean,
  ): Promise<CatchUpReport> {
    const run = async (): Promise<CatchUpReport> => {
      s.building = true
      try {
        const indexer = await this.indexerOf(s)
        const report = await indexer.catchUp(signal)
        s.lastReport = report
        s.error = undefined
        return report
      } catch (err) {
        if (signal?.aborted && !rethrow) return s.lastReport ?? emptyReport()
        const shape = toApiError(err)
        s.error =
          err instanceof ApiError ? err : new ApiError(shape.code, shape.message, shape.details)
        throw s.error
      } finally {
        s.building = false
      }
    }
    const before = s.busy ?? Promise.resolve()
    const mine = before.catch(() => undefined).then(run)
    s.busy = mine.catch(() => undefined)
    return mine
  }

  private async statusOf(s: SourceIndex): Promise<LookupIndexStatus> {
    const base = { source: s.source, running: s.loop !== undefined, fields: s.fields.length }
    if (s.fields.length === 0) return { ...base, state: 'no-fields', progress: 0 }
    let freshness: LookupIndexFreshness
    // A source that cannot be resolved (removed from sources.yaml) shows its stored freshness.
    // Closed: Kafka is not asked again (a status in flight would reopen the clients).
    const indexer =
      s.building || this.closed ? undefined : await this.indexerOf(s).catch(() => undefined)
    if (!indexer) freshness = await this.storedFreshness(s)
    else {
      // Between catch-ups: ask Kafka for the live high watermarks, queued behind any catch-up
      // (one source's Kafka requests run one at a time), briefly; the stored ones if it fails.
      const live = (s.busy ?? Promise.resolve())
        .catch(() => undefined)
        .then(() =>
          this.closed
            ? Promise.reject(new Error('closed'))
            : indexer.freshness(AbortSignal.timeout(3_000)),
        )
      s.busy = live.catch(() => undefined)
      freshness = await live.catch(() => this.storedFreshness(s))
    }
    return indexStatusOf({
      ...base,
      building: s.building,
      ...(s.error ? { error: s.error.toJSON() } : {}),
      freshness,
      now: this.now(),
    })
  }

  /** Freshness from the store and the last watermarks the indexer saw, without asking Kafka. */
  private async storedFreshness(s: SourceIndex): Promise<LookupIndexFreshness> {
    const [positions, entries] = await Promise.all([
      this.deps.store.lookupIndex.positions(s.source),
      this.deps.store.lookupIndex.count(s.source),
    ])
    const topics = [...new Set(s.fields.map((f) => f.topic))].sort()
    const f = freshnessOf({
      source: s.source,
      topics,
      positions,
      live: this.lastSeen(s, new Set(topics)),
      entries,
      now: this.now(),
    })
    return { ...f, live: false }
  }

  /**
   * One indexed topic's freshness, as a probe needs it (a dozen a lookup, each about one topic):
   * its positions only, and no count of the source's entries, which a probe never reads.
   */
  private async topicFreshness(
    s: SourceIndex,
    topic: string,
  ): Promise<LookupIndexFreshness['topics'][number] | undefined> {
    if (!s.fields.some((f) => f.topic === topic)) return undefined
    const f = freshnessOf({
      source: s.source,
      topics: [topic],
      positions: await this.deps.store.lookupIndex.positions(s.source, topic),
      live: this.lastSeen(s, new Set([topic])),
      entries: 0,
      now: this.now(),
    })
    return f.topics.find((t) => t.topic === topic)
  }

  /** The watermarks the indexer last saw for these topics, if it saw any. */
  private lastSeen(s: SourceIndex, topics: ReadonlySet<string>) {
    const seen = s.indexer?.lastPartitions?.filter((p) => topics.has(p.topic))
    return seen && seen.length > 0 ? seen : undefined
  }

  private async indexerOf(s: SourceIndex): Promise<KafkaLookupIndexer> {
    if (this.closed) throw new ApiError('cancelled', 'The lookup index is closed.')
    if (s.indexer) return s.indexer
    const { source, schemaRegistry } = await this.deps.resolve(s.source)
    // Another caller (a status beside a build) may have created it meanwhile: one per source,
    // or the other's clients would never be closed.
    if (s.indexer) return s.indexer
    s.indexer = new KafkaLookupIndexer({
      source,
      ...(schemaRegistry ? { schemaRegistry } : {}),
      store: this.deps.store,
      fields: s.fields,
      timeoutMs: this.deps.timeoutMs ?? 30_000,
      ...(this.deps.now ? { now: this.deps.now } : {}),
    })
    return s.indexer
  }

  /** Re-reads the catalogue's fields; a source whose fields changed gets a new indexer. */
  private async refresh(only?: string): Promise<void> {
    const bySource = await this.deps.fields()
    for (const [name, fields] of bySource) {
      if (only && name !== only) continue
      const s = this.sources.get(name)
      // The very list compared last time (fields() keeps its answer while the catalogue is
      // unchanged): nothing to sort and compare, as on every probe of a lookup.
      if (s?.comparedFields === fields) continue
      const sorted = [...fields].sort((a, b) =>
        `${a.topic}\u0000${a.path}` < `${b.topic}\u0000${b.path}` ? -1 : 1,
      )
      const fieldsKey = JSON.stringify(sorted)
      if (!s) {
        this.sources.set(name, {
          source: name,
          fields: sorted,
          fieldsKey,
          building: false,
          comparedFields: fields,
        })
      } else if (s.fieldsKey === fieldsKey) {
        s.comparedFields = fields
      } else if (!s.building) {
        const old = s.indexer
        s.indexer = undefined
        s.fields = sorted
        s.fieldsKey = fieldsKey
        s.comparedFields = fields
        await old?.stop()
      }
      // Building with other fields: compared again next time.
    }
  }

  private async targets(source?: string, lenient = false): Promise<SourceIndex[]> {
    await this.refresh(source)
    if (source && !this.sources.has(source)) {
      if (lenient) return []
      throw new ApiError(
        'not-found',
        `No Kafka source named "${source}" with identifier fields in the catalogue.`,
        { source },
      )
    }
    return [...this.sources.values()]
      .filter((s) => !source || s.source === source)
      .sort((a, b) => (a.source < b.source ? -1 : 1))
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date()
  }
}

function emptyReport(): CatchUpReport {
  return {
    partitions: 0,
    records: 0,
    entries: 0,
    bytes: 0,
    requests: 0,
    durationMs: 0,
    missingTopics: [],
  }
}
