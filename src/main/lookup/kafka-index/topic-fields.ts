import type { IndexedField } from './index-fields'

/**
 * Which topics' recorded fields change in a catch-up, and which must be read again from the
 * start (docs/lookup-index.md, "Fields added later"). A topic's positions say every message
 * before them is indexed, but only for the fields it was indexed with: a field added since (a
 * reviewer's new classification, the record key) has no entries there, and a probe of it would
 * answer "covered" while missing every older message. Such a topic is re-read; its entries stay
 * (they are idempotent) so lookups keep finding what was indexed meanwhile.
 */
export interface TopicFieldsChange {
  topic: string
  /** Sorted distinct paths the topic is now indexed with. */
  fields: string[]
  /** Drop the topic's positions: a field is new to messages already indexed. */
  restart: boolean
}

export function topicFieldsChanges(
  wanted: ReadonlyMap<string, readonly IndexedField[]>,
  recorded: ReadonlyMap<string, readonly string[] | null>,
  /** Topics with at least one stored position. */
  positioned: ReadonlySet<string>,
): TopicFieldsChange[] {
  const out: TopicFieldsChange[] = []
  for (const [topic, list] of wanted) {
    const fields = [...new Set(list.map((f) => f.path))].sort()
    const before = recorded.get(topic)
    if (before && sameList(before, fields)) continue
    // Unknown fields (indexed before they were recorded) are treated as missing the new ones.
    const added = before ? fields.some((f) => !before.includes(f)) : true
    out.push({ topic, fields, restart: added && positioned.has(topic) })
  }
  return out
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}
