import { isKeyPath, renameTop, topSegment, type FlowField, type FlowRecord } from './record-flow'
import type { SmtStep } from './smt-chain'

/**
 * SMTs that change a record's fields: Debezium's ExtractNewRecordState / MongoDB's
 * ExtractNewDocumentState (unwrap: `after.X` becomes `X`) and Kafka's ReplaceField (include,
 * exclude, renames; `$Value` and `$Key`).
 */

/** Envelope parts an unwrap drops: only `after` survives, as the new value. */
const ENVELOPE_ONLY = /^(before|source|op|ts_ms|ts_us|ts_ns|transaction|updateDescription)(\.|$)/

export function unwrap(record: FlowRecord, step: SmtStep): FlowRecord {
  const isEnvelope = record.fields.some((f) => f.path.startsWith('after.'))
  if (!isEnvelope) return record
  const fields: FlowField[] = []
  for (const f of record.fields) {
    if (isKeyPath(f.path)) {
      fields.push(f)
    } else if (f.path.startsWith('after.')) {
      fields.push({
        ...f,
        path: f.path.slice('after.'.length),
        configKeys: [...f.configKeys, step.key('type')],
      })
    } else if (!ENVELOPE_ONLY.test(f.path)) {
      fields.push(f)
    }
  }
  record.fields = fields
  const added = step.get('add.fields')
  if (added) {
    const prefix = step.get('add.fields.prefix') ?? '__'
    const names = added
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => `${prefix}${s.replace(/\./g, '_')}`)
    record.notes.push(
      `${step.alias} adds ${names.join(', ')} from the change event's metadata (no column).`,
    )
  }
  const deletes = step.get('delete.handling.mode') ?? step.get('delete.tombstone.handling.mode')
  if (deletes?.startsWith('rewrite'))
    record.notes.push(`${step.alias} adds __deleted to rewritten delete events.`)
  return record
}

function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

/** ReplaceField on the value (`part` 'value') or the key (`part` 'key'). */
export function replaceField(record: FlowRecord, step: SmtStep, part: 'value' | 'key'): FlowRecord {
  const includeKey = step.get('include') !== undefined ? 'include' : 'whitelist'
  const excludeKey = step.get('exclude') !== undefined ? 'exclude' : 'blacklist'
  const include = listOf(step.get(includeKey))
  const exclude = new Set(listOf(step.get(excludeKey)))
  const renames = new Map<string, string>()
  for (const pair of listOf(step.get('renames'))) {
    const [from, to] = pair.split(':').map((s) => s.trim())
    if (from && to) renames.set(from, to)
  }
  const used = new Set<string>()
  const fields: FlowField[] = []
  for (const f of record.fields) {
    const inPart = part === 'key' ? f.path.startsWith('key.') : !isKeyPath(f.path)
    if (!inPart) {
      fields.push(f)
      continue
    }
    const local = part === 'key' ? f.path.slice('key.'.length) : f.path
    const top = topSegment(local)
    // Kafka filters on the original names first, then renames what is left.
    if (exclude.has(top)) {
      used.add(excludeKey)
      continue
    }
    if (include.length > 0 && !include.includes(top)) {
      used.add(includeKey)
      continue
    }
    if (include.length > 0) used.add(includeKey)
    const to = renames.get(top)
    if (to === undefined) {
      fields.push(f)
      continue
    }
    used.add('renames')
    const renamedLocal = renameTop(local, to)
    fields.push({
      ...f,
      path: part === 'key' ? `key.${renamedLocal}` : renamedLocal,
      rename: { from: f.rename?.from ?? top, to },
      configKeys: [...f.configKeys, step.key('renames')],
    })
  }
  record.fields = fields
  for (const k of used) if (k !== 'renames') record.configKeys.push(step.key(k))
  return record
}
