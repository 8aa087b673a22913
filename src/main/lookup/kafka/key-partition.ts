import {
  connectJsonKeyBytes,
  stringKeyBytes,
  type ConnectSchema,
  type ConnectValue,
} from './connect-json-key'
import { partitionForKeyBytes } from './murmur2'

/**
 * How a topic's keys are serialized, as far as the lookup needs to rebuild them: a Connect
 * JsonConverter key (Debezium: schema + payload) or a plain string key. Avro/Protobuf keys with a
 * registry prefix are not handled yet: the planner falls back to the lookup index for them.
 */
export type KeyFormat =
  { kind: 'connect-json'; schema: ConnectSchema; schemasEnable?: boolean } | { kind: 'string' }

/** The exact serialized key bytes of `value` in the topic's key format. */
export function serializeKey(format: KeyFormat, value: ConnectValue): Buffer {
  if (format.kind === 'string') {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') {
      throw new TypeError('A string key needs a string or a number.')
    }
    return stringKeyBytes(String(value))
  }
  return connectJsonKeyBytes(format.schema, value, { schemasEnable: format.schemasEnable })
}

/**
 * The one partition that holds records keyed by `value`, with the serialized key to filter that
 * partition's records by (compare bytes, not parsed values: the producer hashed these bytes).
 */
export function keyPartition(
  format: KeyFormat,
  value: ConnectValue,
  partitions: number,
): { partition: number; keyBytes: Buffer } {
  const keyBytes = serializeKey(format, value)
  return { partition: partitionForKeyBytes(keyBytes, partitions), keyBytes }
}
