import { isKeyPath, type FlowField, type FlowRecord } from './record-flow'
import type { SmtStep } from './smt-chain'

/**
 * Debezium's outbox EventRouter: a row of the outbox table becomes a message whose topic comes
 * from a column (`route.by.field`, default `aggregatetype`) through `route.topic.replacement`
 * (default `outbox.event.${routedByValue}`), whose key is `table.field.event.key` and whose value
 * is the payload column. The topic depends on each row, so the record gets a matcher over topic
 * names and its edges are dynamic.
 */
export function outboxRouter(record: FlowRecord, step: SmtStep): FlowRecord | null {
  const after = (column: string) => record.fields.find((f) => f.path === `after.${column}`)
  const routeBy = step.get('route.by.field') ?? 'aggregatetype'
  const replacement = step.get('route.topic.replacement') ?? 'outbox.event.${routedByValue}'
  const keyColumn = step.get('table.field.event.key') ?? 'aggregateid'
  const payloadColumn = step.get('table.field.event.payload') ?? 'payload'
  const payload = after(payloadColumn)
  // Only the outbox table's records carry these columns; other tables pass untouched.
  if (!payload && !after(routeBy)) return record

  const parts = replacement.split('${routedByValue}')
  const escape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')
  record.topicMatcher = new RegExp(`^${parts.map(escape).join('.+')}$`)
  record.topic = replacement
  record.dynamic = true
  record.configKeys.push(
    step.key('type'),
    step.key('route.by.field'),
    step.key('route.topic.replacement'),
  )
  record.notes.push(
    `The topic is chosen per row by column "${routeBy}" (${replacement}); candidate topics are the catalogued ones of that shape.`,
  )

  const fields: FlowField[] = []
  const key = after(keyColumn)
  if (key)
    fields.push({
      ...key,
      path: 'key',
      configKeys: [...key.configKeys, step.key('table.field.event.key')],
    })
  if (payload) {
    // The payload column is the whole value: a JSON payload expanded by the SMT (or by a JSON
    // converter) shows up as the topic's fields, so the edge goes to the value root here and
    // extraction fans it out to the topic's catalogued value fields.
    fields.push({
      ...payload,
      path: '*',
      configKeys: [...payload.configKeys, step.key('table.field.event.payload')],
    })
  }
  for (const spec of (step.get('table.fields.additional.placement') ?? '').split(',')) {
    const [column, placement, alias] = spec.split(':').map((s) => s.trim())
    const source = column ? after(column) : undefined
    if (!source || placement !== 'envelope') continue
    fields.push({
      ...source,
      path: alias ?? column!,
      configKeys: [...source.configKeys, step.key('table.fields.additional.placement')],
    })
  }
  record.fields = fields.filter((f) => f.path === '*' || isKeyPath(f.path) || f.path !== '')
  return record
}
