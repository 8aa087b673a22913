import type { CatalogField, FieldTypeCount, ObservedType } from '../../../shared/model/catalog'
import { createShapeInferrer, inferredFields, type ShapeInferrer } from '../shared/infer-shape'
import type { DeclaredField } from './connect-schema'
import { walkScalars, type KafkaEncoding } from './decode-message'

/** One key or value after decoding (registry lookups done). */
export type PartRead =
  | { kind: 'null' }
  | { kind: 'empty' }
  | { kind: 'binary' }
  | { kind: 'string'; value: string }
  | { kind: 'json'; value: unknown }
  /** Decoded with a declared schema: Avro through the registry, or a Connect/Debezium envelope. */
  | {
      kind: 'declared'
      encoding: 'avro' | 'debezium-json'
      /** Identifies the schema (registry id / envelope schema name) so each is walked once. */
      schemaKey: string
      fields: () => DeclaredField[]
      value: unknown
    }
  /** Could not be decoded: counted under `encoding`, explained by `note`. */
  | { kind: 'failed'; encoding: KafkaEncoding; note: string }

export type SchemaSource = 'registry' | 'inferred' | 'debezium-schema'

export interface PartResult {
  encoding?: KafkaEncoding
  schemaSource?: SchemaSource
  fields: CatalogField[]
  samples: Record<string, unknown[]>
  notes: string[]
}

/**
 * The shape of a topic's keys or of its values over the sampled messages. `root` is the path
 * prefix of this part: '' for values (fields as `after.Email`, `sessionId`), 'key' for keys
 * (`key.CustomerId`; a plain string or number key is the one field `key`). A plain string value
 * is the one field `value`.
 */
export class PartShape {
  private readonly encodings = new Map<KafkaEncoding, number>()
  private readonly declared = new Map<string, DeclaredField>()
  private readonly schemasSeen = new Set<string>()
  private readonly values = new Map<string, unknown[]>()
  private readonly rootTypes = new Map<ObservedType, number>()
  private readonly notes = new Set<string>()
  private inferrer: ShapeInferrer | undefined
  private inferrerError: string | undefined
  private objects = 0
  private rootValues = 0

  constructor(
    private readonly root: '' | 'key',
    private readonly sampleSize: number,
  ) {}

  private get scalarPath(): string {
    return this.root || 'value'
  }

  private prefixed(path: string): string {
    return this.root ? (path ? `${this.root}.${path}` : this.root) : path || 'value'
  }

  add(read: PartRead): void {
    switch (read.kind) {
      case 'null':
        return
      case 'empty':
        return this.count('empty')
      case 'binary':
        return this.count('binary')
      case 'failed':
        this.notes.add(read.note)
        return this.count(read.encoding)
      case 'string':
        this.count('string')
        return this.addRoot(read.value)
      case 'json':
        this.count('json')
        if (typeof read.value === 'object' && read.value !== null && !Array.isArray(read.value))
          return this.addObject(read.value as Record<string, unknown>)
        return this.addRoot(read.value)
      case 'declared':
        this.count(read.encoding)
        if (!this.schemasSeen.has(read.schemaKey)) {
          this.schemasSeen.add(read.schemaKey)
          for (const f of read.fields()) {
            const path = this.prefixed(f.path)
            if (!this.declared.has(path)) this.declared.set(path, { ...f, path })
          }
        }
        walkScalars(read.value, '', (path, v) => this.keep(this.prefixed(path), v))
        return
    }
  }

  private count(e: KafkaEncoding): void {
    this.encodings.set(e, (this.encodings.get(e) ?? 0) + 1)
  }

  private keep(path: string, v: unknown): void {
    let list = this.values.get(path)
    if (!list) this.values.set(path, (list = []))
    if (list.length < this.sampleSize) list.push(v)
  }

  private addRoot(v: unknown): void {
    this.rootValues++
    const t = observedType(v)
    this.rootTypes.set(t, (this.rootTypes.get(t) ?? 0) + 1)
    if (t !== 'array' && t !== 'object') this.keep(this.scalarPath, v)
  }

  private addObject(doc: Record<string, unknown>): void {
    this.objects++
    if (this.inferrerError) return
    try {
      this.inferrer ??= createShapeInferrer({ maxValuesPerPath: this.sampleSize })
      this.inferrer.add(doc)
    } catch (err) {
      this.inferrerError = err instanceof Error ? err.message : String(err)
      this.notes.add(`Shape inference failed: ${this.inferrerError}`)
    }
  }

  /** The dominant encoding; mixed encodings are noted. */
  encoding(): KafkaEncoding | undefined {
    const ranked = [...this.encodings.entries()].sort((a, b) => b[1] - a[1])
    return ranked[0]?.[0]
  }

  result(urnOf: (path: string) => string, sampled: number): PartResult {
    const encoding = this.encoding()
    const notes = [...this.notes]
    const mixed = [...this.encodings.keys()]
    const part = this.root ? 'keys' : 'values'
    if (mixed.length > 1)
      notes.push(
        `Sampled ${part} are mixed: ${[...this.encodings.entries()].map(([e, n]) => `${n} ${e}`).join(', ')}.`,
      )
    const fields: CatalogField[] = []
    let schemaSource: SchemaSource | undefined
    if (this.declared.size > 0) {
      schemaSource = this.encodings.has('avro') ? 'registry' : 'debezium-schema'
      let ordinal = 0
      for (const f of this.declared.values())
        fields.push({
          urn: urnOf(f.path),
          path: f.path,
          name: lastSegment(f.path),
          ordinal: ++ordinal,
          declaredType: f.declaredType,
          nullable: f.nullable,
          ...(f.description ? { description: f.description } : {}),
        })
    }
    const taken = new Set(fields.map((f) => f.path))
    if (this.inferrer && this.inferrer.documents > 0) {
      schemaSource ??= 'inferred'
      const inferred = this.inferrer
        .paths()
        .map((p) => ({ ...p, path: this.prefixed(p.path) }))
        .filter((p) => !taken.has(p.path))
      fields.push(...inferredFields(inferred, sampled, urnOf))
      for (const [path, vals] of this.inferrer.values()) this.values.set(this.prefixed(path), vals)
      if (this.inferrer.truncated.paths > 0)
        notes.push(
          `Shape inference kept the first paths only (${this.inferrer.truncated.paths} more not kept).`,
        )
    }
    if (this.rootValues > 0 && !taken.has(this.scalarPath)) {
      schemaSource ??= 'inferred'
      fields.push({
        urn: urnOf(this.scalarPath),
        path: this.scalarPath,
        name: this.scalarPath,
        types: rankTypes(this.rootTypes),
        nullable: this.rootValues < sampled,
        presence: { seen: this.rootValues, of: sampled },
      })
    }
    if (this.root === 'key') for (const f of fields) f.primaryKey = true
    const known = new Set(fields.map((f) => f.path))
    const samples: Record<string, unknown[]> = {}
    for (const [path, vals] of this.values)
      if (known.has(path) && vals.length > 0) samples[urnOf(path)] = vals.slice(0, this.sampleSize)
    return { encoding, schemaSource, fields, samples, notes }
  }
}

function lastSegment(path: string): string {
  return path.split('.').at(-1) ?? path
}

function rankTypes(types: Map<ObservedType, number>): FieldTypeCount[] {
  return [...types.entries()].sort((a, b) => b[1] - a[1]).map(([type, count]) => ({ type, count }))
}

function observedType(v: unknown): ObservedType {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  switch (typeof v) {
    case 'string':
      return 'string'
    case 'number':
      return Number.isInteger(v) ? 'int' : 'number'
    case 'boolean':
      return 'boolean'
    case 'object':
      return 'object'
    default:
      return 'other'
  }
}
