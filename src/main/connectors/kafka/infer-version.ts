import type { KafkaApiVersion } from '../shared/protocol-probe'

/**
 * Kafka has no "server version" request, and a client may not announce one either. What a broker
 * does reveal is its ApiVersions table: APIs appear in known releases, and Kafka 4.0 (KIP-896)
 * raised the oldest versions it accepts. So the check can say "Apache Kafka ≥ 4.0", never more
 * precisely; the exact release shows in Kafka Connect's `GET /`.
 */
const RULES: Array<{ release: string; holds: (byKey: Map<number, KafkaApiVersion>) => boolean }> = [
  // KIP-896: Kafka 4.0 dropped Fetch v0-v3 (seen on the estate's 4.3 broker: Fetch 4-18).
  { release: '4.0', holds: (m) => (m.get(1)?.minVersion ?? 0) >= 4 },
  { release: '3.9', holds: (m) => m.has(80) }, // AddRaftVoter
  { release: '3.8', holds: (m) => m.has(75) }, // DescribeTopicPartitions
  { release: '3.7', holds: (m) => m.has(69) || m.has(74) }, // ConsumerGroupDescribe, ListClientMetricsResources
  { release: '3.0', holds: (m) => m.has(65) }, // DescribeTransactions
  { release: '2.8', holds: (m) => m.has(60) }, // DescribeCluster
  { release: '2.4', holds: (m) => m.has(44) }, // IncrementalAlterConfigs
]

export function inferKafkaVersion(versions: readonly KafkaApiVersion[]): string {
  const byKey = new Map(versions.map((v) => [v.apiKey, v]))
  const rule = RULES.find((r) => r.holds(byKey))
  return rule ? `Apache Kafka ≥ ${rule.release}` : 'Apache Kafka'
}
