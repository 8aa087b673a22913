import { javaRegex, replaceFull } from './java-regex'
import type { FlowRecord } from './record-flow'
import type { SmtStep } from './smt-chain'

/**
 * SMTs that change a record's topic: Kafka's RegexRouter and Debezium's ByLogicalTableRouter
 * (and its successor ToLogicalTopicRouter). Both match the whole topic name with a Java regex
 * and build the new one with Matcher.replaceFirst's `$n` syntax; a non-matching topic passes.
 */

export function regexRouter(record: FlowRecord, step: SmtStep): FlowRecord {
  const regex = step.get('regex')
  const replacement = step.get('replacement')
  if (regex === undefined || replacement === undefined) {
    record.notes.push(`${step.alias}: RegexRouter without regex/replacement is not applied.`)
    return record
  }
  const renamed = replaceFull(javaRegex(regex), record.topic, replacement)
  if (renamed === undefined) return record
  record.topic = renamed
  record.configKeys.push(step.key('regex'), step.key('replacement'))
  return record
}

export function logicalTableRouter(record: FlowRecord, step: SmtStep): FlowRecord {
  const regex = step.get('topic.regex')
  const replacement = step.get('topic.replacement')
  if (regex === undefined || replacement === undefined) {
    record.notes.push(`${step.alias}: ByLogicalTableRouter without topic.regex/replacement.`)
    return record
  }
  const renamed = replaceFull(javaRegex(regex), record.topic, replacement)
  if (renamed === undefined) return record
  const physical = record.topic
  record.topic = renamed
  record.configKeys.push(step.key('topic.regex'), step.key('topic.replacement'))
  // Keys of several physical tables would collide in one topic: the router adds a key field
  // naming the physical table (not a column, so no field edge), unless told not to.
  if ((step.get('key.enforce.uniqueness') ?? 'true') !== 'false') {
    const keyField =
      step.get('key.field.name') ??
      (step.type.endsWith('ToLogicalTopicRouter')
        ? '__dbz__sourceIdentifier'
        : '__dbz__physicalTableIdentifier')
    record.notes.push(
      `Routed from ${physical}; the key also carries ${keyField} naming the physical table.`,
    )
  }
  return record
}
