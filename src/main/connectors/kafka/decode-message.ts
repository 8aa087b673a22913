import { connectSchemaOf, type ConnectSchema } from './connect-schema'

/** How a topic's keys or values are written (topic property `encoding` / `keyEncoding`). */
export type KafkaEncoding = 'json' | 'debezium-json' | 'avro' | 'string' | 'binary' | 'empty'

/**
 * One message key or value, decoded as far as can be done without a network call. The Confluent
 * wire format (magic byte 0, 4-byte schema id, then the body) needs the registry: it comes out as
 * `wire` and avro-decoder.ts finishes it.
 */
export type DecodedBytes =
  /** A null value: a tombstone (compacted topics) or a message without a key. */
  | { kind: 'null' }
  | { kind: 'empty' }
  /** Kafka Connect's JsonConverter envelope (schemas.enable=true), as Debezium writes it. */
  | { kind: 'connect'; schema: ConnectSchema; payload: unknown }
  | { kind: 'json'; value: unknown }
  | { kind: 'wire'; schemaId: number; body: Buffer }
  | { kind: 'string'; value: string }
  /** Not UTF-8 (or a wire-format header a registry could not explain). */
  | { kind: 'binary'; bytes: number }

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Decodes one key or value. Never throws: anything it cannot read is `binary`. */
export function decodeBytes(buf: Buffer | null | undefined): DecodedBytes {
  if (buf === null || buf === undefined) return { kind: 'null' }
  if (buf.length === 0) return { kind: 'empty' }
  // Text never starts with NUL, so magic byte 0 + a schema id is the Confluent wire format.
  if (buf[0] === 0 && buf.length >= 5)
    return { kind: 'wire', schemaId: buf.readInt32BE(1), body: buf.subarray(5) }
  let text: string
  try {
    text = utf8.decode(buf)
  } catch {
    return { kind: 'binary', bytes: buf.length }
  }
  const trimmed = text.trimStart()
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    // JSON.parse refuses raw control characters, so valid JSON needs no scan for them.
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      return hasControlCharacters(text)
        ? { kind: 'binary', bytes: buf.length }
        : { kind: 'string', value: text }
    }
    const schema = connectSchemaOf(parsed)
    if (schema)
      return { kind: 'connect', schema, payload: (parsed as { payload: unknown }).payload }
    return { kind: 'json', value: parsed }
  }
  // Control characters other than whitespace mean bytes that merely happen to be valid UTF-8.
  if (hasControlCharacters(text)) return { kind: 'binary', bytes: buf.length }
  // A bare JSON scalar (a number key, `true`...) is read as JSON; anything else is plain text.
  if (/^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)$/.test(text.trim())) {
    return { kind: 'json', value: JSON.parse(text.trim()) as unknown }
  }
  return { kind: 'string', value: text }
}

/** C0 controls other than tab, newline, vertical tab, form feed and carriage return. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20 && (c < 0x09 || c > 0x0d)) return true
  }
  return false
}

/** Every scalar under `value`, by dotted path (array elements as `[]`), as the catalogue spells paths. */
export function walkScalars(
  value: unknown,
  prefix: string,
  visit: (path: string, scalar: unknown) => void,
  depth = 0,
): void {
  if (depth > 32) return
  if (value === null || value === undefined) {
    if (prefix) visit(prefix, null)
    return
  }
  if (Buffer.isBuffer(value)) {
    visit(prefix, value.toString('base64'))
    return
  }
  if (value instanceof Date) {
    visit(prefix, Number.isNaN(value.getTime()) ? null : value.toISOString())
    return
  }
  if (Array.isArray(value)) {
    for (const item of value) walkScalars(item, `${prefix}[]`, visit, depth + 1)
    return
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      walkScalars(v, prefix ? `${prefix}.${k}` : k, visit, depth + 1)
    return
  }
  if (typeof value === 'bigint') {
    visit(prefix, value.toString())
    return
  }
  visit(prefix, value)
}
