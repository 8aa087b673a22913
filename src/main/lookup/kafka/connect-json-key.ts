import { ApiError } from '../../../shared/api/errors'

/**
 * The exact bytes Kafka Connect's JsonConverter (with `schemas.enable=true`, as Debezium is
 * configured in the estate) writes for a record key, so the default partitioner can be run on
 * them (murmur2.ts). JsonConverter builds a Jackson tree and writes it compactly; the order of
 * the members is fixed by `JsonConverter.asJsonSchema`: `type`, then `fields` (struct) — each
 * field being its own schema followed by `"field":name` —, then `optional`, `name`, `version`,
 * `doc`, `parameters` and `default`. The envelope is `{"schema":…,"payload":…}` and the payload
 * lists a struct's fields in schema order. A real key read from the estate's crm.dbo.Customer:
 *
 *   {"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"CustomerId"}],
 *    "optional":false,"name":"crm.dbo.Customer.Key"},"payload":{"CustomerId":4}}   (one line)
 *
 * Keys are structs of primitives in practice (a table's primary key), so arrays, maps and
 * floating point (whose Java number formatting JavaScript does not reproduce) are refused as
 * 'unsupported' rather than hashed wrongly.
 */

export type ConnectPrimitiveType =
  'int8' | 'int16' | 'int32' | 'int64' | 'boolean' | 'string' | 'bytes' | 'float' | 'double'

/** A Connect schema as JsonConverter writes it (the subset keys use). */
export interface ConnectSchema {
  type: ConnectPrimitiveType | 'struct'
  /** Struct fields, in order. */
  fields?: ConnectField[]
  optional: boolean
  /** Logical or record name: `crm.dbo.Customer.Key`, `io.debezium.data.Uuid`. */
  name?: string
  version?: number
  doc?: string
  parameters?: Record<string, string>
  default?: unknown
}

export interface ConnectField extends ConnectSchema {
  field: string
}

/** A key value: a struct as a plain object, or a primitive. int64 beyond 2^53 as bigint or digits. */
export type ConnectValue =
  string | number | bigint | boolean | Uint8Array | null | { [field: string]: ConnectValue }

const HEX = '0123456789ABCDEF'
const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
}

/**
 * A JSON string as Jackson's default generator writes it: `"` and `\` escaped, control
 * characters as \b \t \n \f \r or `\u00XX` with UPPER-case hex (JSON.stringify writes lower
 * case, which would change the bytes), everything else raw UTF-8.
 */
export function jacksonString(s: string): string {
  let out = '"'
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xd800 && c <= 0xdfff) {
      const pair = c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00
      if (!pair) throw unsupported('a key string with an unpaired surrogate')
      out += s[i]! + s[i + 1]!
      i++
      continue
    }
    const short = SHORT_ESCAPES[c]
    if (short !== undefined) out += short
    else if (c < 0x20) out += `\\u00${HEX[c >> 4]}${HEX[c & 15]}`
    else out += s[i]
  }
  return `${out}"`
}

function unsupported(what: string): ApiError {
  return new ApiError('unsupported', `Cannot compute the Kafka partition of ${what}.`)
}

function badInput(message: string): ApiError {
  return new ApiError('bad-input', message)
}

const INT_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  int8: [-(2n ** 7n), 2n ** 7n - 1n],
  int16: [-(2n ** 15n), 2n ** 15n - 1n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
}

function integerJson(type: string, value: ConnectValue): string {
  let n: bigint
  if (typeof value === 'bigint') n = value
  else if (typeof value === 'number' && Number.isSafeInteger(value)) n = BigInt(value)
  else if (typeof value === 'string' && /^-?\d{1,20}$/.test(value)) n = BigInt(value)
  else throw badInput(`A ${type} key field needs an integer.`)
  const [lo, hi] = INT_RANGES[type]!
  if (n < lo || n > hi) throw badInput(`${n} is out of range for a ${type} key field.`)
  return n.toString()
}

/** The payload JSON of one value under its schema (JsonConverter.convertToJson). */
export function payloadJson(schema: ConnectSchema, value: ConnectValue | undefined): string {
  if (value === null || value === undefined) {
    if (schema.default !== undefined && schema.default !== null) {
      return payloadJson(schema, schema.default as ConnectValue)
    }
    if (schema.optional) return 'null'
    throw badInput('A required key field has no value.')
  }
  switch (schema.type) {
    case 'int8':
    case 'int16':
    case 'int32':
    case 'int64':
      return integerJson(schema.type, value)
    case 'boolean':
      if (typeof value !== 'boolean') throw badInput('A boolean key field needs true or false.')
      return String(value)
    case 'string':
      if (typeof value !== 'string') throw badInput('A string key field needs a string.')
      return jacksonString(value)
    case 'bytes':
      if (!(value instanceof Uint8Array)) throw badInput('A bytes key field needs bytes.')
      return `"${Buffer.from(value).toString('base64')}"`
    case 'struct': {
      if (typeof value !== 'object' || value instanceof Uint8Array) {
        throw badInput('A struct key needs an object of its fields.')
      }
      const record = value as Record<string, ConnectValue>
      const parts = (schema.fields ?? []).map(
        (f) => `${jacksonString(f.field)}:${payloadJson(f, record[f.field])}`,
      )
      return `{${parts.join(',')}}`
    }
    default:
      throw unsupported(`a key with a ${schema.type} field (Java formats floating point)`)
  }
}

/** The schema JSON of one schema (JsonConverter.asJsonSchema), members in its order. */
export function schemaJson(schema: ConnectSchema): string {
  const parts = [`"type":${jacksonString(schema.type)}`]
  if (schema.type === 'struct') {
    const fields = (schema.fields ?? []).map((f) => {
      const inner = schemaJson(f)
      return `${inner.slice(0, -1)},"field":${jacksonString(f.field)}}`
    })
    parts.push(`"fields":[${fields.join(',')}]`)
  }
  parts.push(`"optional":${schema.optional ? 'true' : 'false'}`)
  if (schema.name !== undefined) parts.push(`"name":${jacksonString(schema.name)}`)
  if (schema.version !== undefined) parts.push(`"version":${integerJson('int32', schema.version)}`)
  if (schema.doc !== undefined) parts.push(`"doc":${jacksonString(schema.doc)}`)
  if (schema.parameters !== undefined) {
    const params = Object.entries(schema.parameters).map(
      ([k, v]) => `${jacksonString(k)}:${jacksonString(v)}`,
    )
    parts.push(`"parameters":{${params.join(',')}}`)
  }
  if (schema.default !== undefined && schema.default !== null) {
    parts.push(`"default":${payloadJson(schema, schema.default as ConnectValue)}`)
  }
  return `{${parts.join(',')}}`
}

/**
 * The serialized key JsonConverter writes for `value` under `schema`: the `{schema, payload}`
 * envelope when schemas are enabled (Debezium's usual setting), the bare payload otherwise.
 */
export function connectJsonKeyBytes(
  schema: ConnectSchema,
  value: ConnectValue,
  opts: { schemasEnable?: boolean } = {},
): Buffer {
  const payload = payloadJson(schema, value)
  const json =
    opts.schemasEnable === false ? payload : `{"schema":${schemaJson(schema)},"payload":${payload}}`
  return Buffer.from(json, 'utf8')
}

/** A String key (StringSerializer, kafkajs string keys): its UTF-8 bytes. */
export function stringKeyBytes(key: string): Buffer {
  return Buffer.from(key, 'utf8')
}

const PRIMITIVES = new Set<string>([
  'int8',
  'int16',
  'int32',
  'int64',
  'boolean',
  'string',
  'bytes',
  'float',
  'double',
])

function toSchema(node: unknown, where: string): ConnectSchema {
  if (typeof node !== 'object' || node === null) throw badInput(`${where}: not a schema object.`)
  const n = node as Record<string, unknown>
  const type = n.type
  if (type !== 'struct' && !(typeof type === 'string' && PRIMITIVES.has(type))) {
    throw unsupported(`a key whose schema has type ${JSON.stringify(type)} at ${where}`)
  }
  const schema: ConnectSchema = {
    type: type as ConnectSchema['type'],
    optional: n.optional === true,
  }
  if (type === 'struct') {
    if (!Array.isArray(n.fields)) throw badInput(`${where}: a struct schema without fields.`)
    schema.fields = n.fields.map((f: unknown, i) => {
      const name = (f as Record<string, unknown> | null)?.field
      if (typeof name !== 'string') throw badInput(`${where}.fields[${i}]: no field name.`)
      return { ...toSchema(f, `${where}.${name}`), field: name }
    })
  }
  if (typeof n.name === 'string') schema.name = n.name
  if (typeof n.version === 'number') schema.version = n.version
  if (typeof n.doc === 'string') schema.doc = n.doc
  if (typeof n.parameters === 'object' && n.parameters !== null) {
    schema.parameters = Object.fromEntries(
      Object.entries(n.parameters as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
    )
  }
  if (n.default !== undefined && n.default !== null) schema.default = n.default
  return schema
}

/**
 * The schema of a key JsonConverter wrote, read from one sampled record (the catalogue keeps the
 * topic's key schema; a lookup rebuilds the key of another value under it). Throws 'bad-input'
 * when the bytes are not a `{schema, payload}` envelope.
 */
export function parseConnectJsonKey(bytes: Uint8Array): {
  schema: ConnectSchema
  payload: unknown
} {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString('utf8'))
  } catch {
    throw badInput('The key is not JSON: it was not written by a JsonConverter.')
  }
  const env = parsed as Record<string, unknown> | null
  if (typeof env !== 'object' || env === null || !('schema' in env) || !('payload' in env)) {
    throw badInput('The key has no {schema, payload} envelope (schemas.enable=false?).')
  }
  return { schema: toSchema(env.schema, 'schema'), payload: env.payload }
}
