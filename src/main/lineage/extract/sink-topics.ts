import type { LineageSourceRef } from '../lineage-inputs'
import type { ConnectorRef } from './edge-writer'
import type { ExtractContext } from './emit-record'
import { JavaRegexError, javaRegex } from './java-regex'
import type { FlowRecord } from './record-flow'
import { runChain } from './smt-chain'

/**
 * What a sink connector reads: the topics of `topics`, or the catalogued topics matching
 * `topics.regex` (dynamic: a topic created tomorrow joins), each as a FlowRecord of the topic's
 * catalogued fields, run through the sink's own SMT chain (which may rename the topic the sink
 * sees, and so the namespace or table it writes to).
 */
export interface SinkInput {
  kafka: LineageSourceRef
  records: FlowRecord[]
  notes: string[]
}

export function sinkInput(ctx: ExtractContext, c: ConnectorRef): SinkInput | undefined {
  const { index, out } = ctx
  const cfg = c.config
  const kafka = index.resolveKafka(c.kafkaClusterId)
  if (!kafka.source) {
    out.dangling(c, 'the Kafka cluster it reads from is not a source of the workspace.')
    return undefined
  }
  const notes = kafka.note ? [kafka.note] : []
  const named = (cfg.topics ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')
  const topics = named.map((name) => ({ name, key: 'topics', dynamic: false }))
  const regex = cfg['topics.regex']?.trim()
  if (regex) {
    let re: RegExp
    try {
      re = javaRegex(regex)
    } catch (err) {
      if (err instanceof JavaRegexError) {
        out.dangling(c, err.message, [], 'error')
        return undefined
      }
      throw err
    }
    const matched = index.assetsOf(kafka.source.name, 'topic').filter((t) => re.test(t.name))
    for (const t of matched) topics.push({ name: t.name, key: 'topics.regex', dynamic: true })
    if (matched.length === 0)
      out.dangling(
        c,
        `no catalogued topic of ${kafka.source.name} matches topics.regex "${regex}".`,
        [],
        'info',
      )
  }
  const records: FlowRecord[] = []
  for (const t of topics) {
    const asset = index.topic(kafka.source.name, t.name)
    const topicUrn = asset?.urn ?? index.assetUrn(kafka.source, [t.name])
    if (!asset)
      out.dangling(
        c,
        `reads topic "${t.name}", which is not in the catalogue of ${kafka.source.name}.`,
        [topicUrn],
        'info',
      )
    const record: FlowRecord = {
      fromAsset: topicUrn,
      topic: t.name,
      fields: (asset?.fields ?? []).map((f) => ({ from: f.urn, path: f.path, configKeys: [] })),
      configKeys: [t.key],
      dynamic: t.dynamic,
      notes: t.dynamic
        ? [`Topic matched by topics.regex "${regex}": the set of topics can change.`]
        : [],
    }
    try {
      const routed = runChain(cfg, record)
      if (routed) records.push(routed)
    } catch (err) {
      if (err instanceof JavaRegexError) {
        out.dangling(c, err.message, [], 'error')
        return undefined
      }
      throw err
    }
  }
  return { kafka: kafka.source, records, notes }
}
