import kafkajs, { type Admin } from 'kafkajs'
import type { CatalogAsset, JsonValue } from '../../../shared/model/catalog'
import { buildUrn } from '../../../shared/urn'
import { groupsAsJson, type ConsumerGroupInfo } from './consumer-groups'
import type { RawMetadata } from './kafka-client'
import type { PartitionOffsets } from './sample-messages'

/**
 * Topics Kafka and its ecosystem keep for themselves, hidden unless includeInternal: anything
 * starting `__` (`__consumer_offsets`, `__transaction_state`...), the registry's `_schemas`,
 * Connect's `_connect*`, Confluent's `_confluent*`, and Connect workers' config / offset / status storage topics, which a
 * worker names freely (`connect-configs`, `sightline-connect-offsets`...): recognised by their
 * `connect` + `configs|offsets|status` shape, as Connect's defaults and docs name them.
 */
export function isInternalTopic(topic: string, brokerSaysInternal = false): boolean {
  if (brokerSaysInternal) return true
  if (topic.startsWith('__') || topic === '_schemas') return true
  if (topic.startsWith('_connect') || topic.startsWith('_confluent')) return true
  return /(^|[-_.])connect[-_.](configs?|offsets?|status(es)?)$/i.test(topic)
}

/**
 * The cluster's URN is the source root, `kafka://<source>`: topics are its children, and no
 * topic name can collide with it (a segment such as `cluster` could: a topic may be named so).
 */
export function clusterUrn(source: string): string {
  return buildUrn('kafka', source, [])
}

export function topicUrn(source: string, topic: string): string {
  return buildUrn('kafka', source, [topic])
}

/** Configs always kept, even at their defaults: what an architect asks first about a topic. */
const ALWAYS_KEPT = new Set(['retention.ms', 'cleanup.policy'])

/**
 * Every topic's configs in few DescribeConfigs requests (chunks of `chunk` topics; kafkajs sends
 * each chunk as one request): the non-default entries plus retention.ms and cleanup.policy.
 * Sensitive values are never kept.
 */
export async function readTopicConfigs(
  admin: Admin,
  topics: readonly string[],
  abortable: <T>(p: Promise<T>) => Promise<T>,
  chunk = 500,
): Promise<{ configs: Map<string, Record<string, string | null>>; requests: number }> {
  const configs = new Map<string, Record<string, string | null>>()
  let requests = 0
  for (let i = 0; i < topics.length; i += chunk) {
    const names = topics.slice(i, i + chunk)
    requests++
    const res = await abortable(
      admin.describeConfigs({
        includeSynonyms: false,
        resources: names.map((name) => ({ type: kafkajs.ConfigResourceTypes.TOPIC, name })),
      }),
    )
    for (const r of res.resources) {
      const kept: Record<string, string | null> = {}
      if (r.errorCode === 0) {
        for (const e of r.configEntries) {
          if (!e.isDefault || ALWAYS_KEPT.has(e.configName))
            kept[e.configName] = e.isSensitive ? null : e.configValue
        }
      }
      configs.set(r.resourceName, kept)
    }
  }
  return { configs, requests }
}

/** Offsets of every partition: two batched ListOffsets rounds (earliest, latest) per leader. */
export async function readOffsets(
  cluster: {
    fetchTopicsOffset: (
      t: Array<{ topic: string; partitions: Array<{ partition: number }>; fromBeginning: boolean }>,
    ) => Promise<Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>>
  },
  metadata: RawMetadata['topicMetadata'],
  abortable: <T>(p: Promise<T>) => Promise<T>,
): Promise<PartitionOffsets[]> {
  const request = (fromBeginning: boolean) =>
    metadata.map((t) => ({
      topic: t.topic,
      partitions: t.partitionMetadata.map((p) => ({ partition: p.partitionId })),
      fromBeginning,
    }))
  if (metadata.length === 0) return []
  const [lows, highs] = await Promise.all([
    abortable(cluster.fetchTopicsOffset(request(true))),
    abortable(cluster.fetchTopicsOffset(request(false))),
  ])
  const key = (t: string, p: number) => `${t}\u0000${p}`
  const low = new Map<string, bigint>()
  for (const t of lows)
    for (const p of t.partitions) low.set(key(t.topic, p.partition), BigInt(p.offset))
  const out: PartitionOffsets[] = []
  const byName = new Map(metadata.map((m) => [m.topic, m]))
  for (const t of highs) {
    const meta = byName.get(t.topic)
    for (const p of t.partitions) {
      const leader =
        meta?.partitionMetadata.find((m) => m.partitionId === p.partition)?.leader ?? -1
      const high = BigInt(p.offset)
      out.push({
        topic: t.topic,
        partition: p.partition,
        leader,
        low: low.get(key(t.topic, p.partition)) ?? 0n,
        high,
      })
    }
  }
  return out
}

export interface TopicFacts {
  source: string
  topic: RawMetadata['topicMetadata'][number]
  offsets: readonly PartitionOffsets[]
  configs: Record<string, string | null>
  consumerGroups: JsonValue[]
  internal: boolean
}

/** The topic asset without fields (topic-shape.ts adds them): partitions, counts, configs. */
export function topicAsset(f: TopicFacts): CatalogAsset {
  const byPartition = new Map(f.offsets.map((o) => [o.partition, o]))
  let messages = 0n
  const partitions: JsonValue[] = [...f.topic.partitionMetadata]
    .sort((a, b) => a.partitionId - b.partitionId)
    .map((p) => {
      const o = byPartition.get(p.partitionId)
      if (o && o.high > o.low) messages += o.high - o.low
      return {
        id: p.partitionId,
        leader: p.leader,
        replicas: [...p.replicas],
        isr: [...p.isr],
        low: o ? Number(o.low) : null,
        high: o ? Number(o.high) : null,
      }
    })
  const compacted = (f.configs['cleanup.policy'] ?? '').includes('compact')
  return {
    urn: topicUrn(f.source, f.topic.topic),
    source: f.source,
    platform: 'kafka',
    kind: 'topic',
    parent: clusterUrn(f.source),
    name: f.topic.topic,
    path: [f.topic.topic],
    counts: { partitions: partitions.length, messages: Number(messages) },
    properties: {
      partitions,
      configs: f.configs,
      consumerGroups: f.consumerGroups,
      // counts.messages is the sum of high - low watermarks: compaction, and transaction markers
      // in any topic, make it an upper bound; 'compacted' says the gap may be large.
      messagesCountedBy: compacted ? 'watermarks (compacted: upper bound)' : 'watermarks',
      ...(f.internal ? { internal: true } : {}),
    },
    fields: [],
  }
}

/** The cluster asset (the source root): brokers, cluster id, controller, consumer groups. */
export function clusterAsset(
  source: string,
  metadata: RawMetadata,
  topics: number,
  groups: readonly ConsumerGroupInfo[],
): CatalogAsset {
  const controller = metadata.brokers.find((b) => b.nodeId === metadata.controllerId)
  const brokers: JsonValue[] = [...metadata.brokers]
    .sort((a, b) => a.nodeId - b.nodeId)
    .map((b) => ({ id: b.nodeId, host: b.host, port: b.port, rack: b.rack ?? null }))
  return {
    urn: clusterUrn(source),
    source,
    platform: 'kafka',
    kind: 'cluster',
    name: source,
    path: [],
    counts: { children: topics },
    properties: {
      clusterId: metadata.clusterId,
      controller: controller
        ? { id: controller.nodeId, host: controller.host, port: controller.port }
        : metadata.controllerId,
      brokers,
      consumerGroups: groupsAsJson(groups),
    },
    fields: [],
  }
}
