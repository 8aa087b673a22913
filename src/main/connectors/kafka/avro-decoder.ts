import avro from 'avsc'
import { ApiError, type ApiErrorShape } from '../../../shared/api'
import type { ResolvedSourceRef } from '../crawl-model'
import { httpGet, parseHttpSource, translateHttpError, type HttpTarget } from '../shared/http'
import type { DeclaredField } from './connect-schema'

/** A writer schema the registry holds under an id, ready to decode with. */
export interface RegistrySchema {
  id: number
  schemaType: 'AVRO' | 'JSON' | 'PROTOBUF' | string
  /** Avro only. */
  type?: avro.Type
  /** Avro only: declared fields by path. */
  fields: DeclaredField[]
}

const REGISTRY_EXAMPLE = 'http://registry:8081 (Apicurio: http://registry:8080/apis/ccompat/v7)'

/**
 * Writer schemas by id (`GET /schemas/ids/{id}` of a Confluent-compatible registry), each fetched
 * once per crawl. A failure is cached too: a registry that is down costs one timeout per schema
 * id, not one per message.
 */
export class RegistrySchemas {
  private readonly cache = new Map<number, Promise<RegistrySchema>>()
  private readonly target: HttpTarget | undefined
  private readonly setupError: ApiErrorShape | undefined
  /** GET requests sent (the crawl reports them as statements). */
  requests = 0

  constructor(
    private readonly registry: ResolvedSourceRef | undefined,
    private readonly signal: AbortSignal | undefined,
    private readonly timeoutMs: number,
  ) {
    if (!registry) {
      this.setupError = new ApiError(
        'bad-input',
        'Avro messages need a schema registry: set options.schemaRegistry on the Kafka source (the name of a schema-registry source).',
        { reason: 'no-registry' },
      ).toJSON()
      return
    }
    try {
      this.target = parseHttpSource('schema-registry', registry, REGISTRY_EXAMPLE)
    } catch (err) {
      this.setupError =
        err instanceof ApiError ? err.toJSON() : new ApiError('bad-input', String(err)).toJSON()
    }
  }

  get(id: number): Promise<RegistrySchema> {
    let found = this.cache.get(id)
    if (!found) {
      found = this.fetch(id)
      // Rejections are kept: a caller awaits each, so none goes unhandled.
      found.catch(() => {})
      this.cache.set(id, found)
    }
    return found
  }

  private async fetch(id: number): Promise<RegistrySchema> {
    if (this.setupError || !this.target) throw new RegistryError(this.setupError!)
    const signals = [AbortSignal.timeout(this.timeoutMs)]
    if (this.signal) signals.push(this.signal)
    this.requests++
    let body: unknown
    try {
      body = await this.getSchema(id, AbortSignal.any(signals))
    } catch (err) {
      throw new RegistryError(this.translate(err))
    }
    const { schema, schemaType } = (body ?? {}) as { schema?: unknown; schemaType?: unknown }
    if (typeof schema !== 'string')
      throw new RegistryError(
        new ApiError(
          'bad-input',
          `The schema registry answered schema id ${id} without a schema.`,
          {
            reason: 'protocol',
          },
        ).toJSON(),
      )
    const kind = typeof schemaType === 'string' ? schemaType.toUpperCase() : 'AVRO'
    if (kind !== 'AVRO') return { id, schemaType: kind, fields: [] }
    const json = JSON.parse(schema) as avro.Schema
    return { id, schemaType: kind, type: avro.Type.forSchema(json), fields: avroFields(json) }
  }

  /**
   * GET /schemas/ids/{id}. A 404 here means "no schema with that id" (Confluent error 40403),
   * not a wrong path as for a check: bytes that merely start with 0 look like the wire format.
   */
  private async getSchema(id: number, signal: AbortSignal): Promise<unknown> {
    const res = await httpGet(this.target!, `schemas/ids/${id}`, signal)
    if (res.status === 404)
      throw new ApiError('not-found', `The schema registry has no schema with id ${id}.`, {
        reason: 'schema-not-found',
        schemaId: id,
      })
    if (res.status === 401 || res.status === 403)
      throw new ApiError(
        res.status === 401 ? 'auth' : 'permission',
        `The schema registry refused to give schema ${id} (HTTP ${res.status}).`,
        { reason: 'registry-refused', status: res.status },
      )
    if (res.status < 200 || res.status >= 300)
      throw new ApiError(
        'unreachable',
        `The schema registry answered HTTP ${res.status} for schema ${id}.`,
        {
          reason: 'server-error',
          status: res.status,
        },
      )
    try {
      return JSON.parse(res.body) as unknown
    } catch {
      throw new ApiError(
        'bad-input',
        `The schema registry answered schema ${id} with something other than JSON.`,
        {
          reason: 'wrong-kind',
        },
      )
    }
  }

  private translate(err: unknown): ApiErrorShape {
    if (err instanceof ApiError) return err.toJSON()
    const name = (err as { name?: unknown }).name
    if (name === 'TimeoutError' || (name === 'AbortError' && !this.signal?.aborted))
      return new ApiError(
        'timeout',
        `The schema registry did not answer within ${this.timeoutMs} ms.`,
        {
          reason: 'no-answer',
        },
      ).toJSON()
    return translateHttpError(err, {
      kind: 'schema-registry',
      endpoint: this.target?.endpoint,
      tlsRequested: this.target?.tls ?? false,
      secrets: [this.registry?.password ?? ''],
    })
  }
}

/** A registry failure, carrying the translated error for the topic's note and part error. */
export class RegistryError extends Error {
  constructor(readonly shape: ApiErrorShape) {
    super(shape.message)
    this.name = 'RegistryError'
  }
}

type AvroSchemaJson = string | string[] | { [key: string]: unknown } | AvroSchemaJson[]

/** `long`, `string`, `long (timestamp-millis)`, `array<string>`, `enum Tier`, `record FraudScore`. */
export function avroTypeName(schema: AvroSchemaJson): string {
  if (typeof schema === 'string') return schema
  if (Array.isArray(schema)) {
    const branches = schema.filter((s) => s !== 'null')
    return branches.length === 1
      ? avroTypeName(branches[0]!)
      : `union<${branches.map(avroTypeName).join(',')}>`
  }
  const s = schema as Record<string, unknown>
  const type = s.type as AvroSchemaJson
  const logical = typeof s.logicalType === 'string' ? ` (${s.logicalType})` : ''
  if (type === 'array') return `array<${avroTypeName(s.items as AvroSchemaJson)}>`
  if (type === 'map') return `map<${avroTypeName(s.values as AvroSchemaJson)}>`
  if (type === 'record' || type === 'error') return `record ${String(s.name)}`
  if (type === 'enum') return `enum ${String(s.name)}`
  if (type === 'fixed') return `fixed(${String(s.size)})${logical}`
  return `${avroTypeName(type)}${logical}`
}

function isNullable(schema: AvroSchemaJson): boolean {
  return Array.isArray(schema) && schema.includes('null')
}

/** The record a (possibly nullable / array-wrapped) schema holds, to descend into. */
function innerRecord(schema: AvroSchemaJson): { record?: Record<string, unknown>; array: boolean } {
  if (Array.isArray(schema)) {
    const branches = schema.filter((s) => s !== 'null')
    return branches.length === 1 ? innerRecord(branches[0]!) : { array: false }
  }
  if (typeof schema !== 'object') return { array: false }
  const s = schema as Record<string, unknown>
  if (s.type === 'record' || s.type === 'error') return { record: s, array: false }
  if (s.type === 'array')
    return { record: innerRecord(s.items as AvroSchemaJson).record, array: true }
  if (typeof s.type === 'object') return innerRecord(s.type as AvroSchemaJson)
  return { array: false }
}

function arrayItems(schema: AvroSchemaJson): AvroSchemaJson | undefined {
  if (Array.isArray(schema)) {
    const branches = schema.filter((s) => s !== 'null')
    return branches.length === 1 ? arrayItems(branches[0]!) : undefined
  }
  if (typeof schema !== 'object') return undefined
  const s = schema as Record<string, unknown>
  return s.type === 'array' ? (s.items as AvroSchemaJson) : undefined
}

/**
 * Declared fields of an Avro writer schema by path: record fields, nested records too
 * (`address.postcode`), array elements as `[]` (`reasons[]`, `lines[].sku`). A non-record schema is one field `value`.
 * Named types referenced by name are not followed (their fields appear where first defined).
 */
export function avroFields(schema: avro.Schema, rootPath = ''): DeclaredField[] {
  const out: DeclaredField[] = []
  const walk = (record: Record<string, unknown>, prefix: string, depth: number) => {
    if (depth > 32) return
    for (const f of (record.fields as Array<Record<string, unknown>>) ?? []) {
      const name = String(f.name)
      const path = prefix ? `${prefix}.${name}` : name
      const type = f.type as AvroSchemaJson
      out.push({
        path,
        declaredType: avroTypeName(type),
        nullable: isNullable(type),
        ...(typeof f.doc === 'string' ? { description: f.doc } : {}),
      })
      const inner = innerRecord(type)
      if (inner.record) walk(inner.record, inner.array ? `${path}[]` : path, depth + 1)
      else {
        // Elements of an array of scalars get their own path, as inferred schemas spell it.
        const items = arrayItems(type)
        if (items !== undefined)
          out.push({
            path: `${path}[]`,
            declaredType: avroTypeName(items),
            nullable: isNullable(items),
          })
      }
    }
  }
  const root = innerRecord(schema as AvroSchemaJson)
  if (root.record && !root.array) walk(root.record, rootPath, 0)
  else
    out.push({
      path: rootPath || 'value',
      declaredType: avroTypeName(schema as AvroSchemaJson),
      nullable: isNullable(schema as AvroSchemaJson),
    })
  return out
}
