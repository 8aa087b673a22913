import { javaRegex } from './java-regex'
import type { FlowRecord } from './record-flow'
import { unwrap, replaceField } from './smt-fields'
import { outboxRouter } from './smt-outbox'
import { logicalTableRouter, regexRouter } from './smt-topic-routers'

/**
 * A connector's Single Message Transform chain (`transforms=a,b`, `transforms.a.type`...), run in
 * order over a FlowRecord. Predicates are honoured where they can be decided from the topic
 * (TopicNameMatches) or from what lineage cares about (records are not tombstones); others apply
 * the SMT and say so. SMTs that lineage does not model pass records through with a note.
 */

export interface SmtStep {
  alias: string
  type: string
  /** `transforms.<alias>.<name>` from the config. */
  get(name: string): string | undefined
  /** The full config key of `name`, for edge provenance. */
  key(name: string): string
}

type SmtFn = (record: FlowRecord, step: SmtStep) => FlowRecord | null

const SMTS: Array<[RegExp, SmtFn]> = [
  [/^org\.apache\.kafka\.connect\.transforms\.RegexRouter$/, regexRouter],
  [/^io\.debezium\.transforms\.(ByLogicalTableRouter|ToLogicalTopicRouter)$/, logicalTableRouter],
  [
    /^io\.debezium\.(transforms\.ExtractNewRecordState|connector\.mongodb\.transforms\.ExtractNewDocumentState)$/,
    unwrap,
  ],
  [
    /^org\.apache\.kafka\.connect\.transforms\.ReplaceField\$Value$/,
    (r, s) => replaceField(r, s, 'value'),
  ],
  [
    /^org\.apache\.kafka\.connect\.transforms\.ReplaceField\$Key$/,
    (r, s) => replaceField(r, s, 'key'),
  ],
  [
    /^io\.debezium\.(transforms\.outbox\.EventRouter|connector\.mongodb\.transforms\.outbox\.MongoEventRouter)$/,
    outboxRouter,
  ],
]

/** SMTs known to change neither the topic nor which field feeds which (values may change). */
const NEUTRAL =
  /\.(TimestampConverter|MaskField|Cast|InsertField|InsertHeader|DropHeaders|HeaderFrom|SetSchemaMetadata)(\$(Key|Value))?$|\.Filter$/

export function parseChain(config: Readonly<Record<string, string>>): SmtStep[] {
  const aliases = (config.transforms ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  return aliases.map((alias) => {
    const prefix = `transforms.${alias}.`
    return {
      alias,
      type: config[`${prefix}type`] ?? '',
      get: (name: string) => config[`${prefix}${name}`],
      key: (name: string) => `${prefix}${name}`,
    }
  })
}

/** Whether the step's predicate lets it apply to this record. */
function applies(
  config: Readonly<Record<string, string>>,
  step: SmtStep,
  record: FlowRecord,
): boolean {
  const name = step.get('predicate')
  if (name === undefined) return true
  const negate = step.get('negate') === 'true'
  const type = config[`predicates.${name}.type`] ?? ''
  record.configKeys.push(step.key('predicate'))
  let result: boolean
  if (type.endsWith('TopicNameMatches')) {
    const pattern = config[`predicates.${name}.pattern`] ?? ''
    result = javaRegex(pattern).test(record.topic)
    record.configKeys.push(`predicates.${name}.pattern`)
  } else if (type.endsWith('RecordIsTombstone')) {
    // Lineage follows records that carry data: they are not tombstones.
    result = false
  } else {
    record.notes.push(
      `Predicate "${name}" (${type || 'no type'}) cannot be decided; ${step.alias} is assumed to apply.`,
    )
    return true
  }
  return negate ? !result : result
}

/**
 * Runs the chain. Returns the record (possibly re-routed and with changed fields) or null when
 * an SMT drops it. Throws JavaRegexError for regexes that cannot be translated.
 */
export function runChain(
  config: Readonly<Record<string, string>>,
  record: FlowRecord,
): FlowRecord | null {
  let current: FlowRecord | null = record
  for (const step of parseChain(config)) {
    if (current === null) return null
    if (!applies(config, step, current)) continue
    const fn = SMTS.find(([re]) => re.test(step.type))?.[1]
    if (fn) {
      current = fn(current, step)
      continue
    }
    if (!NEUTRAL.test(step.type))
      current.notes.push(
        `SMT ${step.alias} (${step.type || 'no type'}) is not interpreted: lineage assumes it keeps the topic and fields.`,
      )
  }
  return current
}
