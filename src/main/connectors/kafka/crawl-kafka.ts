import { abortableBy } from './abortable'
import { ApiError, type ApiErrorShape } from '../../../shared/api'
import type { CatalogAsset } from '../../../shared/model/catalog'
import type { ResolvedSource } from '../connector'
import {
  DEFAULT_CRAWL_TIMEOUT_MS,
  DEFAULT_SAMPLE_SIZE,
  type CrawlBatch,
  type CrawlOptions,
  type CrawlPartErrorBatch,
} from '../crawl-model'
import { RegistrySchemas, type RegistryError } from './avro-decoder'
import { groupsOfTopic, readConsumerGroups, type ConsumerGroupInfo } from './consumer-groups'
import {
  openKafkaClients,
  type KafkaClients,
  type RawMetadata,
  type RawRecord,
} from './kafka-client'
import { parseKafkaSource, type KafkaTarget } from './parse-url'
import { shapeTopic } from './read-message'
import { fetchSamples, planSamples, type PartitionOffsets } from './sample-messages'
import {
  clusterAsset,
  isInternalTopic,
  readOffsets,
  readTopicConfigs,
  topicAsset,
} from './topic-assets'
import { translateKafkaError } from './translate-error'

/** Topics per assets batch: a large cluster streams to the pipeline. */
const TOPICS_PER_BATCH = 50

/**
 * The Kafka crawl (issue 4): one metadata request for brokers and every topic, batched
 * ListOffsets and DescribeConfigs, consumer groups with lag, then the newest messages of every
 * topic through raw Fetch requests (sample-messages.ts: no consumer group at all, nothing
 * committed), decoded into fields. Yields the cluster asset first, then topics in batches.
 * Cancelling disconnects every client at once; a broker that cannot be reached throws the
 * translated error (the whole source failed), while configs, groups, sampling and the registry
 * each fail alone as a part error.
 */
export async function* crawlKafka(
  source: ResolvedSource,
  opts: CrawlOptions = {},
): AsyncGenerator<CrawlBatch> {
  const target = parseKafkaSource(source)
  const timeoutMs = opts.timeoutMs && opts.timeoutMs > 0 ? opts.timeoutMs : DEFAULT_CRAWL_TIMEOUT_MS
  const sampleSize = Math.max(0, opts.sampleSize ?? DEFAULT_SAMPLE_SIZE)
  const signal = opts.signal
  if (signal?.aborted) throw cancelled()
  const clients = openKafkaClients(target, timeoutMs)
  const onAbort = () => void clients.close()
  signal?.addEventListener('abort', onAbort, { once: true })
  const abortable = abortableBy(signal, cancelled)
  const registry = new RegistrySchemas(opts.schemaRegistry, signal, Math.min(timeoutMs, 10_000))
  try {
    let gathered: Gathered
    try {
      gathered = await gather(clients, opts, abortable, (err) => translate(err, target, source))
    } catch (err) {
      if (signal?.aborted) throw cancelled()
      throw toApiError(translate(err, target, source))
    }
    const { metadata, visible, offsets, partErrors } = gathered
    // Offsets are read for visible topics only; grouped once so large clusters stay linear.
    const offsetsByTopic = new Map<string, PartitionOffsets[]>()
    for (const o of offsets) {
      const list = offsetsByTopic.get(o.topic) ?? []
      list.push(o)
      offsetsByTopic.set(o.topic, list)
    }
    const cluster = clusterAsset(source.name, metadata, visible.length, gathered.groups)
    yield {
      kind: 'assets',
      part: 'cluster',
      assets: [cluster],
      statements: gathered.requests,
      notes: gathered.notes,
    }
    for (const e of partErrors) yield e

    const plans = planSamples(offsets, sampleSize)
    let records = new Map<string, RawRecord[]>()
    let fetchRequests = 0
    const sampleNotes = new Map<string, string[]>()
    if (plans.length > 0) {
      try {
        const sampled = await fetchSamples(clients.cluster, plans, {
          deadline: Date.now() + timeoutMs,
          abortable,
        })
        records = sampled.records
        fetchRequests = sampled.requests
        for (const i of sampled.incomplete) {
          const list = sampleNotes.get(i.topic) ?? []
          list.push(`Partition ${i.partition} was not sampled completely (${i.reason}).`)
          sampleNotes.set(i.topic, list)
        }
      } catch (err) {
        if (signal?.aborted) throw cancelled()
        yield partError('samples', translate(err, target, source))
      }
    }

    let registryCounted = 0
    const registryFailures = new Map<string, RegistryError>()
    let done = 0
    opts.onProgress?.({ done, total: visible.length, message: 'topics' })
    for (let i = 0; i < visible.length; i += TOPICS_PER_BATCH) {
      const assets: CatalogAsset[] = []
      const samples: Record<string, unknown[]> = {}
      for (const topic of visible.slice(i, i + TOPICS_PER_BATCH)) {
        if (signal?.aborted) throw cancelled()
        const asset = topicAsset({
          source: source.name,
          topic,
          offsets: offsetsByTopic.get(topic.topic) ?? [],
          configs: gathered.configs.get(topic.topic) ?? {},
          consumerGroups: groupsOfTopic(gathered.groups, topic.topic),
          internal: isInternalTopic(topic.topic, topic.isInternal),
        })
        const shaped = await shapeTopic(
          source.name,
          topic.topic,
          records.get(topic.topic) ?? [],
          registry,
          sampleSize,
        )
        if (shaped.registryError) registryFailures.set(topic.topic, shaped.registryError)
        asset.fields = shaped.fields
        asset.counts = { ...asset.counts, sampled: shaped.sampled }
        asset.properties = { ...asset.properties, ...shaped.properties }
        // Nothing read (sampling off or failed) says nothing about how a non-empty topic is written.
        if (shaped.sampled === 0 && (asset.counts?.messages ?? 0) > 0)
          delete asset.properties.encoding
        const notes = [...(sampleNotes.get(topic.topic) ?? []), ...shaped.notes]
        if (notes.length > 0) asset.notes = notes
        Object.assign(samples, shaped.samples)
        assets.push(asset)
      }
      done += assets.length
      const registryCountedBefore = registryCounted
      registryCounted = registry.requests
      yield {
        kind: 'assets',
        part: 'topics',
        assets,
        samples,
        statements: (i === 0 ? fetchRequests : 0) + registryCounted - registryCountedBefore,
      }
      opts.onProgress?.({ done, total: visible.length, message: 'topics' })
    }
    if (registryFailures.size > 0) {
      const first = [...registryFailures.values()][0]!
      yield partError('schema-registry', {
        ...first.shape,
        message: `Schema registry unreachable or failing: Avro messages of ${registryFailures.size} topic(s) were not decoded. ${first.shape.message}`,
        details: { ...first.shape.details, topics: [...registryFailures.keys()] },
      })
    }
  } finally {
    signal?.removeEventListener('abort', onAbort)
    // Bounded: a cancelled crawl must end within 250 ms even if a disconnect hangs.
    await Promise.race([clients.close(), new Promise((r) => setTimeout(r, 200).unref())])
  }
}

interface Gathered {
  metadata: RawMetadata
  visible: RawMetadata['topicMetadata']
  offsets: PartitionOffsets[]
  configs: Map<string, Record<string, string | null>>
  groups: ConsumerGroupInfo[]
  requests: number
  notes: string[]
  partErrors: CrawlPartErrorBatch[]
}

/** Metadata and offsets must work (else the source failed); configs and groups may fail alone. */
async function gather(
  clients: KafkaClients,
  opts: CrawlOptions,
  abortable: <T>(p: Promise<T>) => Promise<T>,
  tr: (err: unknown) => ApiErrorShape,
): Promise<Gathered> {
  await abortable(Promise.all([clients.admin.connect(), clients.cluster.connect()]))
  const metadata = await abortable(clients.cluster.metadata())
  const visible = metadata.topicMetadata
    .filter((t) => opts.includeInternal || !isInternalTopic(t.topic, t.isInternal))
    .sort((a, b) => a.topic.localeCompare(b.topic))
  opts.onProgress?.({ done: 0, total: visible.length, message: 'metadata' })
  const offsets = await readOffsets(clients.cluster, visible, abortable)
  const highs = new Map<string, Map<number, bigint>>()
  for (const o of offsets) {
    const m = highs.get(o.topic) ?? new Map<number, bigint>()
    m.set(o.partition, o.high)
    highs.set(o.topic, m)
  }
  const partErrors: CrawlPartErrorBatch[] = []
  const brokers = new Set(offsets.map((o) => o.leader)).size
  let requests = 1 + 2 * brokers
  const notes: string[] = []
  const [configs, groups] = await Promise.all([
    readTopicConfigs(
      clients.admin,
      visible.map((t) => t.topic),
      abortable,
    ).catch((err: unknown) => {
      if (err instanceof ApiError && err.code === 'cancelled') throw err
      partErrors.push(partError('configs', tr(err)))
      return { configs: new Map<string, Record<string, string | null>>(), requests: 1 }
    }),
    readConsumerGroups(clients.admin, highs, abortable).catch((err: unknown) => {
      if (err instanceof ApiError && err.code === 'cancelled') throw err
      partErrors.push(partError('consumer-groups', tr(err)))
      return { groups: [] as ConsumerGroupInfo[], requests: 1, notes: [] as string[] }
    }),
  ])
  requests += configs.requests + groups.requests
  notes.push(...groups.notes)
  return {
    metadata,
    visible,
    offsets,
    configs: configs.configs,
    groups: groups.groups,
    requests,
    notes,
    partErrors,
  }
}

function translate(err: unknown, target: KafkaTarget, source: ResolvedSource): ApiErrorShape {
  if (err instanceof ApiError) return err.toJSON()
  return translateKafkaError(err, {
    kind: 'kafka',
    endpoint: target.brokers[0],
    tlsRequested: target.tls,
    secrets: [source.password ?? ''],
  })
}

function toApiError(shape: ApiErrorShape): ApiError {
  return new ApiError(shape.code, shape.message, shape.details)
}

function partError(part: string, error: ApiErrorShape): CrawlPartErrorBatch {
  return { kind: 'part-error', part, error }
}

function cancelled(): ApiError {
  return new ApiError('cancelled', 'Kafka crawl cancelled.', { reason: 'cancelled' })
}
