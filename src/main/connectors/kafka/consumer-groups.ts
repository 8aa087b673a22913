import kafkajs, { type Admin } from 'kafkajs'
import type { JsonValue } from '../../../shared/model/catalog'

/** A consumer group as the cluster asset shows it (`properties.consumerGroups`). */
export interface ConsumerGroupInfo {
  groupId: string
  protocolType: string
  state: string
  members: Array<{ memberId: string; clientId: string; clientHost: string; topics: string[] }>
  /** Committed offsets per topic and the lag behind the high watermarks read by this crawl. */
  topics: Array<{ topic: string; lag: number; partitions: number }>
}

/** High watermarks by topic and partition. */
export type HighWatermarks = Map<string, Map<number, bigint>>

/**
 * Groups, their members and lag: ListGroups, ONE DescribeGroups for all of them, then one
 * OffsetFetch per group (kafkajs asks per group; at most `concurrency` at once). Read only:
 * nothing joins a group or commits.
 */
export async function readConsumerGroups(
  admin: Admin,
  highs: HighWatermarks,
  abortable: <T>(p: Promise<T>) => Promise<T>,
  concurrency = 8,
): Promise<{ groups: ConsumerGroupInfo[]; requests: number; notes: string[] }> {
  const notes: string[] = []
  const { groups: listed } = await abortable(admin.listGroups())
  let requests = 1
  if (listed.length === 0) return { groups: [], requests, notes }
  const { groups: described } = await abortable(admin.describeGroups(listed.map((g) => g.groupId)))
  requests++
  const infos: ConsumerGroupInfo[] = described.map((g) => ({
    groupId: g.groupId,
    protocolType: g.protocolType || listed.find((l) => l.groupId === g.groupId)?.protocolType || '',
    state: g.state,
    members: g.members.map((m) => ({
      memberId: m.memberId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      topics: memberTopics(g.protocolType, m.memberAssignment),
    })),
    topics: [],
  }))
  // Connect workers' groups hold no offsets; every other group may (simple groups have no type).
  const withOffsets = infos.filter((g) => g.protocolType !== 'connect')
  let next = 0
  const worker = async () => {
    while (next < withOffsets.length) {
      const g = withOffsets[next++]!
      try {
        requests++
        const offsets = await abortable(admin.fetchOffsets({ groupId: g.groupId }))
        g.topics = offsets
          .map(({ topic, partitions }) => {
            let lag = 0n
            let counted = 0
            for (const p of partitions) {
              const committed = BigInt(p.offset)
              const high = highs.get(topic)?.get(p.partition)
              if (committed < 0n || high === undefined) continue
              counted++
              if (high > committed) lag += high - committed
            }
            return { topic, lag: Number(lag), partitions: counted }
          })
          .filter((t) => t.partitions > 0)
      } catch (err) {
        if ((err as { name?: string }).name === 'ApiError') throw err
        notes.push(
          `Offsets of consumer group ${g.groupId} could not be read: ${(err as Error).message}`,
        )
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, withOffsets.length) }, worker))
  infos.sort((a, b) => a.groupId.localeCompare(b.groupId))
  return { groups: infos, requests, notes }
}

function memberTopics(protocolType: string, assignment: Buffer | undefined): string[] {
  if (protocolType !== 'consumer' || !assignment || assignment.length === 0) return []
  try {
    const decoded = kafkajs.AssignerProtocol.MemberAssignment.decode(assignment)
    return decoded ? Object.keys(decoded.assignment).sort() : []
  } catch {
    return []
  }
}

/** The groups reading one topic, with their lag on it (`properties.consumerGroups` of a topic). */
export function groupsOfTopic(groups: readonly ConsumerGroupInfo[], topic: string): JsonValue[] {
  const out: JsonValue[] = []
  for (const g of groups) {
    const t = g.topics.find((x) => x.topic === topic)
    const member = g.members.some((m) => m.topics.includes(topic))
    if (t || member) out.push({ groupId: g.groupId, state: g.state, lag: t ? t.lag : null })
  }
  return out
}

export function groupsAsJson(groups: readonly ConsumerGroupInfo[]): JsonValue[] {
  return groups.map((g) => ({
    groupId: g.groupId,
    protocolType: g.protocolType,
    state: g.state,
    members: g.members.map((m) => ({ ...m, topics: [...m.topics] })),
    topics: g.topics.map((t) => ({ ...t })),
  }))
}
