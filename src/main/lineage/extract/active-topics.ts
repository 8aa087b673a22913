import type { LineageEdge } from '../../../shared/model/lineage'
import { parseUrn } from '../../../shared/urn'
import type { ConnectorRef, EdgeWriter } from './edge-writer'

/**
 * Cross-check against what Connect itself reports (`GET /connectors/{name}/topics`): an active
 * topic that the config, as extraction read it, does not explain means lineage is missing
 * something (an SMT it does not model, a regex it read differently). Debezium's own topics
 * (schema history, heartbeats, transaction metadata) are not data topics and are left out.
 */
export function checkActiveTopics(
  c: ConnectorRef,
  edges: readonly LineageEdge[],
  out: EdgeWriter,
): void {
  if (!c.activeTopics || c.activeTopics.length === 0) return
  const explained = new Set<string>()
  for (const e of edges) {
    if (e.level !== 'asset' || e.via.name !== c.name) continue
    for (const urn of [e.from, e.to]) {
      if (!urn.startsWith('kafka://')) continue
      const topic = parseUrn(urn).path[0]
      if (topic !== undefined) explained.add(topic)
    }
  }
  const prefix = c.config['topic.prefix'] ?? c.config['database.server.name'] ?? ''
  const internal = (t: string) =>
    t.startsWith('__') || t === prefix || t === `${prefix}.transaction` || /heartbeat/i.test(t)
  const unexplained = c.activeTopics.filter((t) => !explained.has(t) && !internal(t))
  if (unexplained.length === 0) return
  out.dangling(
    c,
    `Connect reports ${unexplained.length === 1 ? 'topic' : 'topics'} ${unexplained.map((t) => `"${t}"`).join(', ')} active, which its config as read does not explain.`,
    [],
    'info',
  )
}
