import type { RegistrySchemas } from '../../connectors/kafka/avro-decoder'
import type { RawRecord } from '../../connectors/kafka/kafka-client'
import { isKeyPath, pickPath } from '../../connectors/kafka/lookup-decode'
import { decodeBytes } from '../../connectors/kafka/decode-message'
import { readPart } from '../../connectors/kafka/read-message'
import type { PartRead } from '../../connectors/kafka/topic-shape'
import type { LookupIndexEntry } from '../../store/lookup-index-repository'
import {
  indexHmac,
  RECORD_KEY_PATH,
  recordKeyToken,
  tokenOf,
  type IndexedField,
  type IndexKind,
} from './index-fields'

/**
 * One record's index entries, made cheaply (bench/results/lookup.md, "index build"): at bench
 * scale the build reads ~11M messages, and a profile of the straightforward path (decode the whole
 * message, normalise every value, one HMAC per value) put 14% in JSON.parse of Connect envelopes
 * that are ~90% schema, ~30% in phone normalisation and ~9% in HMACs. So: only the envelope's
 * payload is parsed (once the full decoder has confirmed the part is a Connect envelope), tokens
 * and HMACs are remembered across values (CDC `before`/`after` repeat them), and nothing else of
 * the message is touched. What it produces is exactly what the full path produces.
 */

const CONNECT_PREFIX = Buffer.from('{"schema":{')
const PAYLOAD_MARK = Buffer.from(',"payload":')
const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * The payload of a compact Kafka Connect JsonConverter envelope `{"schema":{…},"payload":…}`,
 * parsed alone; undefined when the part does not have that shape or the payload does not parse.
 * The first `,"payload":` is the envelope's own: inside a JSON string the quotes would be
 * escaped, and a Connect schema has no `payload` member (a schema parameter named so would make
 * the rest unparseable, and the caller falls back to the full decoder).
 */
export function connectPayloadOf(buf: Buffer): { value: unknown } | undefined {
  if (buf.length < CONNECT_PREFIX.length + PAYLOAD_MARK.length + 2) return undefined
  if (
    buf[buf.length - 1] !== 0x7d ||
    buf.compare(CONNECT_PREFIX, 0, CONNECT_PREFIX.length, 0, CONNECT_PREFIX.length) !== 0
  )
    return undefined
  const at = buf.indexOf(PAYLOAD_MARK, CONNECT_PREFIX.length)
  if (at < 0) return undefined
  try {
    return {
      value: JSON.parse(utf8.decode(buf.subarray(at + PAYLOAD_MARK.length, buf.length - 1))),
    }
  } catch {
    return undefined
  }
}

/**
 * Reads one part (key or value) of a topic's messages for the index, synchronously unless it is
 * in the Confluent wire format (Avro through the registry): an `await` per message costs more
 * than the decoding where async hooks are on. The payload-only path is taken once a full decode
 * has read a part of this topic as a Connect envelope. pickPath reads only `value`, so the schema
 * key and fields of a declared read are left out; the kinds are those readPart gives.
 */
class PartReader {
  private connect: boolean | undefined

  read(buf: Buffer | null, registry: () => RegistrySchemas): PartRead | Promise<PartRead> {
    if (this.connect && buf) {
      const fast = connectPayloadOf(buf)
      if (fast) return declared(fast.value)
    }
    const d = decodeBytes(buf)
    switch (d.kind) {
      case 'null':
      case 'empty':
        return { kind: d.kind }
      case 'binary':
        return { kind: 'binary' }
      case 'string':
        return { kind: 'string', value: d.value }
      case 'json':
        return { kind: 'json', value: d.value }
      case 'connect':
        // Checked once per topic part: the payload read alone is the one the full parse gives.
        this.connect ??= JSON.stringify(connectPayloadOf(buf!)?.value) === JSON.stringify(d.payload)
        return declared(d.payload)
      case 'wire':
        return readPart(buf, registry()).then((r) => r.read)
    }
  }
}

function declared(value: unknown): PartRead {
  return {
    kind: 'declared',
    encoding: 'debezium-json',
    schemaKey: 'connect',
    fields: () => [],
    value,
  }
}

/** Bounded memo: cleared whole when full (the index's values are mostly unique). */
class Memo<V> {
  private map = new Map<string, V>()
  constructor(private readonly max: number) {}
  get(k: string): V | undefined {
    return this.map.get(k)
  }
  set(k: string, v: V): void {
    if (this.map.size >= this.max) this.map = new Map()
    this.map.set(k, v)
  }
}

/** Makes the entries of one topic's records: its indexed fields, its readers and memos. */
export class TopicEntryMaker {
  private readonly keyReader = new PartReader()
  private readonly valueReader = new PartReader()
  private readonly needsKey: boolean
  private readonly needsValue: boolean
  /** The message fields read from decoded parts (the record key's bytes are taken as they are). */
  private readonly decodedFields: readonly IndexedField[]
  private readonly recordKey: boolean
  private readonly tokens = new Memo<string | null>(50_000)
  private readonly hmacs = new Memo<Buffer>(50_000)

  constructor(
    fields: readonly IndexedField[],
    private readonly key: Buffer,
    private readonly registry: () => RegistrySchemas,
  ) {
    this.recordKey = fields.some((f) => f.kind === 'record-key')
    this.decodedFields = fields.filter((f) => f.kind !== 'record-key')
    this.needsKey = this.decodedFields.some((f) => isKeyPath(f.path))
    this.needsValue = this.decodedFields.some((f) => !isKeyPath(f.path))
  }

  /**
   * Appends the record's entries (one per identifier value per indexed field) to `out`; a
   * promise only when a part needs the registry (await it before the next record).
   */
  add(r: RawRecord, out: LookupIndexEntry[]): void | Promise<void> {
    if (this.recordKey && r.key && r.key.length > 0) {
      // Not memoised: a key's bytes are mostly its own message's (an entity's few changes).
      const token = recordKeyToken(r.key)
      if (token)
        out.push({
          hmac: indexHmac(this.key, token),
          field: RECORD_KEY_PATH,
          offset: BigInt(r.offset),
        })
    }
    const keyRead = this.needsKey ? this.keyReader.read(r.key, this.registry) : undefined
    const valueRead = this.needsValue ? this.valueReader.read(r.value, this.registry) : undefined
    if (keyRead instanceof Promise || valueRead instanceof Promise)
      return Promise.all([keyRead, valueRead]).then(([k, v]) => this.addRead(r, k, v, out))
    this.addRead(r, keyRead, valueRead, out)
  }

  private addRead(
    r: RawRecord,
    keyRead: PartRead | undefined,
    valueRead: PartRead | undefined,
    out: LookupIndexEntry[],
  ): void {
    let offset: bigint | undefined
    for (const f of this.decodedFields)
      for (const raw of pickPath((isKeyPath(f.path) ? keyRead : valueRead)!, f.path)) {
        const token = this.tokenOf(f.kind, raw)
        if (!token) continue
        offset ??= BigInt(r.offset)
        out.push({ hmac: this.hmacOf(token), field: f.path, offset })
      }
  }

  private tokenOf(kind: IndexKind, raw: unknown): string | undefined {
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'bigint')
      return tokenOf(kind, raw)
    const k = `${kind}\u0000${typeof raw === 'string' ? 's' : 'n'}${String(raw)}`
    const known = this.tokens.get(k)
    if (known !== undefined) return known ?? undefined
    const token = tokenOf(kind, raw)
    this.tokens.set(k, token ?? null)
    return token
  }

  private hmacOf(token: string): Buffer {
    let h = this.hmacs.get(token)
    if (!h) {
      h = indexHmac(this.key, token)
      this.hmacs.set(token, h)
    }
    return h
  }
}
