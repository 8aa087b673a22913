/**
 * A record as it moves through a connector and its SMT chain: which topic it is headed for and,
 * for each field it carries, where the value came from and what its path is now. Extraction
 * builds one per captured table (sources) or consumed topic (sinks), runs the chain over it, and
 * turns what is left into edges.
 */

export interface FlowField {
  /** URN of the upstream field: a table column, a collection field, a topic field. */
  from: string
  /** Path in the record now: `after.Email`, `key.CustomerId`, `Email` after an unwrap. */
  path: string
  /** Set when a ReplaceField rename (or a sink renamer) changed the name on the way. */
  rename?: { from: string; to: string }
  /** Config keys that changed this field (the SMT that unwrapped or renamed it). */
  configKeys: string[]
}

export interface FlowRecord {
  /** URN of the upstream asset (table, collection, topic). */
  fromAsset: string
  /** The topic the record is headed for (sources) or came from (sinks), after routing so far. */
  topic: string
  /**
   * Set when the topic depends on each record's content (the outbox EventRouter's routing
   * column): the catalogued topics matching it are the candidates, and the edges are dynamic.
   */
  topicMatcher?: RegExp
  fields: FlowField[]
  /** Config keys that decided the topic and the record's existence. */
  configKeys: string[]
  dynamic: boolean
  notes: string[]
}

/** True for paths of the record's key (`key`, `key.X`). */
export const isKeyPath = (path: string) => path === 'key' || path.startsWith('key.')

/** The first segment of a value path without its array marker: `addresses[].town` -> `addresses`. */
export function topSegment(path: string): string {
  const first = path.split('.')[0] ?? path
  return first.replace(/(\[\])+$/, '')
}

/** Replaces the first segment of a path, keeping its array marker and the rest. */
export function renameTop(path: string, name: string): string {
  const [first = '', ...rest] = path.split('.')
  const marker = /(\[\])+$/.exec(first)?.[0] ?? ''
  return [`${name}${marker}`, ...rest].join('.')
}

export function cloneRecord(r: FlowRecord): FlowRecord {
  return {
    ...r,
    fields: r.fields.map((f) => ({ ...f, configKeys: [...f.configKeys] })),
    configKeys: [...r.configKeys],
    notes: [...r.notes],
  }
}
