import type { CatalogAsset, JsonValue } from '../../../shared/model/catalog'
import { buildUrn } from '../../../shared/urn'
import { RegistryError, type RegistrySchemas } from './avro-decoder'
import { connectFields, isDebeziumEnvelope } from './connect-schema'
import { decodeBytes, type DecodedBytes } from './decode-message'
import type { RawRecord } from './kafka-client'
import { PartShape, type PartRead } from './topic-shape'

/**
 * One key or value, fully read: Connect/Debezium envelopes with their declared schema, the
 * Confluent wire format through the registry (a failed lookup becomes a labelled `failed` read,
 * never an exception), JSON, text, or bytes.
 */
export async function readPart(
  buf: Buffer | null | undefined,
  registry: RegistrySchemas,
): Promise<{ read: PartRead; registryError?: RegistryError }> {
  const d: DecodedBytes = decodeBytes(buf)
  switch (d.kind) {
    case 'null':
    case 'empty':
      return { read: { kind: d.kind } }
    case 'binary':
      return { read: { kind: 'binary' } }
    case 'string':
      return { read: { kind: 'string', value: d.value } }
    case 'json':
      return { read: { kind: 'json', value: d.value } }
    case 'connect': {
      const schema = d.schema
      let schemaKey: string | undefined
      // Every Connect JsonConverter envelope counts as 'debezium-json': Debezium is what writes
      // them in practice, and the schema is read the same way whether it is an Envelope or a Key.
      return {
        read: {
          kind: 'declared',
          encoding: 'debezium-json',
          // Computed when read: only the crawl groups messages by schema; a lookup reads the
          // payload and would otherwise stringify every message's (2-3 KB) schema for nothing.
          get schemaKey() {
            return (schemaKey ??= `connect:${isDebeziumEnvelope(schema) ? 'envelope' : 'record'}:${JSON.stringify(schema)}`)
          },
          fields: () => connectFields(schema, ''),
          value: d.payload,
        },
      }
    }
    case 'wire':
      return readWire(d.schemaId, d.body, registry)
  }
}

async function readWire(
  schemaId: number,
  body: Buffer,
  registry: RegistrySchemas,
): Promise<{ read: PartRead; registryError?: RegistryError }> {
  let schema
  try {
    schema = await registry.get(schemaId)
  } catch (err) {
    const registryError =
      err instanceof RegistryError
        ? err
        : new RegistryError({ code: 'internal', message: String(err) })
    if (registryError.shape.code === 'not-found')
      return {
        read: {
          kind: 'failed',
          encoding: 'binary',
          note: 'Some messages start like the Confluent wire format (byte 0, then a schema id) but the registry has no such schema: read as binary.',
        },
      }
    if (registryError.shape.details?.reason === 'no-registry')
      return {
        read: {
          kind: 'failed',
          encoding: 'binary',
          note: 'Messages look like the Confluent wire format (byte 0, then a schema id), but the Kafka source names no schema registry (options.schemaRegistry): read as binary.',
        },
      }
    const unreachable = ['unreachable', 'timeout'].includes(registryError.shape.code)
    // One note per topic, not per schema id: the message says what failed, not which id.
    return {
      read: {
        kind: 'failed',
        encoding: 'avro',
        note: `Schema registry ${unreachable ? 'unreachable' : 'lookup failed'}: Avro messages were not decoded (${registryError.shape.message})`,
      },
      registryError,
    }
  }
  if (schema.schemaType === 'JSON') {
    // JSON Schema serializers write the wire header, then plain JSON.
    const inner = decodeBytes(body)
    if (inner.kind === 'json') return { read: { kind: 'json', value: inner.value } }
    return {
      read: {
        kind: 'failed',
        encoding: 'binary',
        note: `Messages with JSON schema id ${schemaId} hold no JSON.`,
      },
    }
  }
  if (!schema.type)
    return {
      read: {
        kind: 'failed',
        encoding: 'binary',
        note: `Messages use a ${schema.schemaType} schema (id ${schemaId}); only Avro and JSON are decoded.`,
      },
    }
  try {
    const value: unknown = schema.type.fromBuffer(body)
    return {
      read: {
        kind: 'declared',
        encoding: 'avro',
        schemaKey: `registry:${schemaId}`,
        fields: () => schema.fields,
        value,
      },
    }
  } catch (err) {
    return {
      read: {
        kind: 'failed',
        encoding: 'avro',
        note: `Some messages did not decode with their Avro schema (id ${schemaId}): ${err instanceof Error ? err.message.slice(0, 120) : 'unknown error'}.`,
      },
    }
  }
}

export interface ShapedTopic {
  fields: CatalogAsset['fields']
  samples: Record<string, unknown[]>
  properties: Record<string, JsonValue>
  notes: string[]
  sampled: number
  registryError?: RegistryError
}

/** Decodes one topic's sampled records into key and value fields, samples and encodings. */
export async function shapeTopic(
  source: string,
  topic: string,
  records: readonly RawRecord[],
  registry: RegistrySchemas,
  sampleSize: number,
): Promise<ShapedTopic> {
  const keys = new PartShape('key', sampleSize)
  const values = new PartShape('', sampleSize)
  let registryError: RegistryError | undefined
  let tombstones = 0
  for (const r of records) {
    const k = await readPart(r.key, registry)
    const v = await readPart(r.value, registry)
    registryError ??= k.registryError ?? v.registryError
    if (r.value === null) tombstones++
    keys.add(k.read)
    values.add(v.read)
  }
  const urnOf = (path: string) => buildUrn('kafka', source, [topic], path)
  const key = keys.result(urnOf, records.length)
  const value = values.result(urnOf, records.length)
  const notes = [...key.notes, ...value.notes]
  if (tombstones > 0)
    notes.push(`${tombstones} of ${records.length} sampled messages are tombstones (null value).`)
  if (value.encoding === 'binary')
    notes.push('Values are not UTF-8 text, JSON or a known wire format: kept as binary, no fields.')
  const properties: Record<string, JsonValue> = {
    encoding: records.length === 0 ? 'empty' : (value.encoding ?? 'empty'),
  }
  if (key.encoding) properties.keyEncoding = key.encoding
  if (value.schemaSource) properties.schemaSource = value.schemaSource
  return {
    fields: [...key.fields, ...value.fields],
    samples: { ...key.samples, ...value.samples },
    properties,
    notes,
    sampled: records.length,
    registryError,
  }
}
