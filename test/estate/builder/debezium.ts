/**
 * Debezium change events as the JSON converter (schemas enabled) writes them:
 * `{ schema, payload: { before, after, op, ... } }`. Only the payload matters to the builder;
 * column types arrive in Debezium's logical encodings, decoded here.
 */

export type DebeziumOp = 'c' | 'r' | 'u' | 'd'
export type Row = Record<string, unknown>

export interface ChangeEvent {
  op: DebeziumOp
  before: Row | null
  after: Row | null
}

/**
 * Parses a Kafka message value into a change event. Returns null for tombstones (the null
 * value Debezium writes after each delete for log compaction) and for anything that is not
 * a change event (e.g. a truncate or a message without an envelope).
 */
export function parseChangeEvent(value: Buffer | string | null | undefined): ChangeEvent | null {
  if (value === null || value === undefined || value.length === 0) return null
  const parsed: unknown = JSON.parse(value.toString())
  if (!isObject(parsed)) return null
  // With schemas enabled the envelope is wrapped in { schema, payload }; without, it is bare.
  const payload = 'payload' in parsed && 'schema' in parsed ? parsed.payload : parsed
  if (!isObject(payload)) return null
  const op = payload.op
  if (op !== 'c' && op !== 'r' && op !== 'u' && op !== 'd') return null
  return {
    op,
    before: isObject(payload.before) ? payload.before : null,
    after: isObject(payload.after) ? payload.after : null,
  }
}

/** The row a change leaves behind: null after a delete. */
export function rowAfter(event: ChangeEvent): Row | null {
  return event.op === 'd' ? null : event.after
}

/** The row a change concerns, whatever the op (deletes only carry `before`). */
export function rowOf(event: ChangeEvent): Row | null {
  return event.after ?? event.before
}

const MS_PER_DAY = 86_400_000

/** io.debezium.time.Date: days since the epoch -> 'YYYY-MM-DD'. Passes ISO strings through. */
export function decodeDate(value: unknown): string | null {
  if (typeof value === 'number') return new Date(value * MS_PER_DAY).toISOString().slice(0, 10)
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10)
  return null
}

/**
 * Timestamps: MicroTimestamp (micros since the epoch, for `timestamp`), Timestamp (millis, when
 * time.precision.mode=connect) or ZonedTimestamp (an ISO string, for `timestamptz`).
 * Numbers above 1e14 are taken as micros: millis stay below that until the year 5138.
 */
export function decodeTimestamp(value: unknown): Date | null {
  if (typeof value === 'number') return new Date(value > 1e14 ? Math.floor(value / 1000) : value)
  if (typeof value === 'string') {
    const ms = Date.parse(value)
    return Number.isNaN(ms) ? null : new Date(ms)
  }
  return null
}

/**
 * Decimals under decimal.handling.mode=string arrive as strings ("12.34"); kept in pence as an
 * integer so that sums are exact.
 */
export function decodePence(value: unknown): number | null {
  if (typeof value === 'number') return Math.round(value * 100)
  if (typeof value !== 'string') return null
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(value.trim())
  if (!m) return null
  const fraction = ((m[3] ?? '') + '000').slice(0, 3)
  const pence = Number(m[2]) * 100 + Math.round(Number(fraction) / 10)
  return m[1] ? -pence : pence
}

export function asText(value: unknown): string | null {
  return typeof value === 'string'
    ? value
    : value === null || value === undefined
      ? null
      : String(value)
}

export function asInt(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value)
  return null
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
