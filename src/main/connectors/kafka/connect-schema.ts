/**
 * Kafka Connect's JSON schema (JsonConverter with schemas.enable=true), as Debezium envelopes
 * carry it: `{ schema: { type: 'struct', fields: [...] }, payload: {...} }`.
 */
export interface ConnectSchema {
  type: string
  optional?: boolean
  /** Logical / semantic type name: `io.debezium.time.Date`, `org.apache.kafka.connect.data.Decimal`... */
  name?: string
  /** The field name, inside a struct. */
  field?: string
  fields?: ConnectSchema[]
  items?: ConnectSchema
  keys?: ConnectSchema
  values?: ConnectSchema
  doc?: string
  version?: number
  parameters?: Record<string, string>
}

/** A field declared by a schema (Connect or Avro), before it gets its URN. */
export interface DeclaredField {
  path: string
  declaredType: string
  nullable: boolean
  description?: string
}

const CONNECT_TYPES = new Set([
  'int8',
  'int16',
  'int32',
  'int64',
  'float32',
  'float64',
  'boolean',
  'string',
  'bytes',
  'array',
  'map',
  'struct',
])

function isConnectSchema(v: unknown): v is ConnectSchema {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as ConnectSchema).type === 'string' &&
    CONNECT_TYPES.has((v as ConnectSchema).type)
  )
}

/** The envelope's schema when `parsed` is exactly `{schema, payload}` with a Connect schema. */
export function connectSchemaOf(parsed: unknown): ConnectSchema | undefined {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined
  const keys = Object.keys(parsed)
  if (keys.length !== 2 || !('schema' in parsed) || !('payload' in parsed)) return undefined
  const schema = (parsed as { schema: unknown }).schema
  return isConnectSchema(schema) ? schema : undefined
}

/** Debezium's change-event envelope (before/after/op), as opposed to a plain Connect record. */
export function isDebeziumEnvelope(schema: ConnectSchema): boolean {
  if (schema.name?.endsWith('.Envelope')) return true
  const names = new Set((schema.fields ?? []).map((f) => f.field))
  return names.has('op') && (names.has('after') || names.has('before'))
}

/** `io.debezium.time.Date`, `int32`, `array<string>`, `map<string,int64>`, `struct`. */
export function connectTypeName(schema: ConnectSchema): string {
  if (schema.type === 'array') return `array<${schema.items ? connectTypeName(schema.items) : '?'}>`
  if (schema.type === 'map')
    return `map<${schema.keys ? connectTypeName(schema.keys) : '?'},${schema.values ? connectTypeName(schema.values) : '?'}>`
  if (schema.type === 'struct') return 'struct'
  return schema.name ?? schema.type
}

/**
 * The declared fields of a Connect schema by path: every struct field, nested structs too
 * (`after`, then `after.CustomerId`), array elements as `[]`. A top-level non-struct schema is
 * one field at `rootPath` (`value` when the root path is empty).
 */
export function connectFields(schema: ConnectSchema, rootPath: string): DeclaredField[] {
  const out: DeclaredField[] = []
  const walk = (s: ConnectSchema, prefix: string, depth: number) => {
    if (depth > 32) return
    const struct =
      s.type === 'struct'
        ? s
        : s.type === 'array' && s.items?.type === 'struct'
          ? s.items
          : undefined
    if (!struct) return
    const base = s.type === 'array' ? `${prefix}[]` : prefix
    for (const f of struct.fields ?? []) {
      if (!f.field) continue
      const path = base ? `${base}.${f.field}` : f.field
      out.push({
        path,
        declaredType: connectTypeName(f),
        nullable: f.optional === true,
        ...(f.doc ? { description: f.doc } : {}),
      })
      if (f.type === 'array' && f.items && f.items.type !== 'struct')
        out.push({
          path: `${path}[]`,
          declaredType: connectTypeName(f.items),
          nullable: f.items.optional === true,
        })
      walk(f, path, depth + 1)
    }
  }
  if (schema.type === 'struct' || (schema.type === 'array' && schema.items?.type === 'struct'))
    walk(schema, rootPath, 0)
  else
    out.push({
      path: rootPath || 'value',
      declaredType: connectTypeName(schema),
      nullable: schema.optional === true,
    })
  return out
}
