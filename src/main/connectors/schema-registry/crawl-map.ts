import type { CatalogAsset, CatalogField, JsonValue } from '../../../shared/model/catalog'
import { buildUrn } from '../../../shared/urn'
import { flattenAvro, type FlattenResult } from './avro-fields'
import { flattenJsonSchema } from './json-schema-fields'
import { flattenProtobuf } from './protobuf-fields'
import type { RegistrySchema } from './registry-client'

/** Versions fetched per subject, newest first; older ones are counted, not read. */
export const MAX_VERSIONS = 20

/** The latest schema text kept in properties (a large protobuf/Avro file is cut there). */
const MAX_SCHEMA_CHARS = 100_000

export interface SubjectTopic {
  /** How the subject name was read: Confluent's subject name strategies, or not at all. */
  strategy: 'topic-name' | 'topic-record-name' | 'record-name' | 'unknown'
  topic?: string
  role?: 'key' | 'value'
}

/**
 * The topic a subject belongs to. TopicNameStrategy (`<topic>-value` / `<topic>-key`) first;
 * then, given the schema's record name, RecordNameStrategy (`<record>`, topic unknown) and
 * TopicRecordNameStrategy (`<topic>-<record>`, role unknown). Otherwise `unknown`.
 */
export function subjectTopic(subject: string, recordName?: string): SubjectTopic {
  const m = /^(.+)-(key|value)$/.exec(subject)
  if (m) return { strategy: 'topic-name', topic: m[1]!, role: m[2] as 'key' | 'value' }
  if (recordName && subject === recordName) return { strategy: 'record-name' }
  if (recordName && subject.endsWith(`-${recordName}`) && subject.length > recordName.length + 1)
    return { strategy: 'topic-record-name', topic: subject.slice(0, -recordName.length - 1) }
  return { strategy: 'unknown' }
}

/** The declared fields of one schema, by its type; unparseable schemas give a note. */
export function schemaFields(
  schema: Pick<RegistrySchema, 'schema' | 'schemaType'>,
): FlattenResult & { recordName?: string; description?: string } {
  const type = schema.schemaType.toUpperCase()
  try {
    if (type === 'AVRO') {
      const parsed = JSON.parse(schema.schema) as unknown
      const name = recordNameOf(parsed)
      const doc = (parsed as { doc?: unknown } | null)?.doc
      return {
        ...flattenAvro(parsed),
        ...(name ? { recordName: name } : {}),
        ...(typeof doc === 'string' && doc !== '' ? { description: doc } : {}),
      }
    }
    if (type === 'JSON') {
      const parsed = JSON.parse(schema.schema) as Record<string, unknown>
      const title = typeof parsed.title === 'string' ? parsed.title : undefined
      const doc = parsed.description
      return {
        ...flattenJsonSchema(parsed),
        ...(title ? { recordName: title } : {}),
        ...(typeof doc === 'string' && doc !== '' ? { description: doc } : {}),
      }
    }
    if (type === 'PROTOBUF') {
      const result = flattenProtobuf(schema.schema)
      const pkg = /package\s+([\w.]+)\s*;/.exec(schema.schema)?.[1]
      const msg = result.rootType.startsWith('message ') ? result.rootType.slice(8) : undefined
      return msg ? { ...result, recordName: pkg ? `${pkg}.${msg}` : msg } : result
    }
    return {
      fields: [],
      rootType: type,
      notes: [`Schema type ${type} is not read: fields are not listed.`],
    }
  } catch {
    return {
      fields: [],
      rootType: type,
      notes: [`The latest ${type} schema could not be parsed: fields are not listed.`],
    }
  }
}

function recordNameOf(avro: unknown): string | undefined {
  if (typeof avro !== 'object' || avro === null || Array.isArray(avro)) return undefined
  const r = avro as Record<string, unknown>
  if (r.type !== 'record' || typeof r.name !== 'string') return undefined
  if (r.name.includes('.')) return r.name
  return typeof r.namespace === 'string' && r.namespace ? `${r.namespace}.${r.name}` : r.name
}

export interface SubjectInput {
  subject: string
  /** Every version number the registry has, ascending. */
  allVersions: number[]
  /** The newest (up to MAX_VERSIONS) versions read, ascending; the last one is the latest. */
  schemas: RegistrySchema[]
  compatibility?: { level: string; from: 'subject' | 'global' }
  notes?: string[]
}

export function subjectUrn(source: string, subject: string): string {
  return buildUrn('schema-registry', source, [subject])
}

/** One subject: versions, latest schema's type, fields, references and derived topic. */
export function mapSubject(source: string, input: SubjectInput): CatalogAsset {
  const urn = subjectUrn(source, input.subject)
  const latest = input.schemas.at(-1)
  const notes = [...(input.notes ?? [])]
  const skipped = input.allVersions.length - input.schemas.length
  if (skipped > 0)
    notes.push(
      `History capped at the newest ${MAX_VERSIONS} versions: ${skipped} older versions are counted but not read.`,
    )
  const flat = latest ? schemaFields(latest) : undefined
  if (flat) notes.push(...flat.notes)
  const topic = subjectTopic(input.subject, flat?.recordName)
  const properties: Record<string, JsonValue> = {
    versions: input.schemas.map((s) => ({ version: s.version ?? 0, id: s.id })),
    versionCount: input.allVersions.length,
    ...topic,
  }
  if (latest) {
    properties.latestVersion = latest.version ?? input.allVersions.at(-1) ?? 0
    properties.latestId = latest.id
    properties.schemaType = latest.schemaType
    properties.references = latest.references.map((r) => ({ ...r }))
    properties.schema =
      latest.schema.length > MAX_SCHEMA_CHARS
        ? latest.schema.slice(0, MAX_SCHEMA_CHARS)
        : latest.schema
    if (latest.schema.length > MAX_SCHEMA_CHARS)
      notes.push(`Schema text cut at ${MAX_SCHEMA_CHARS} characters.`)
  }
  if (flat) {
    properties.rootType = flat.rootType
    if (flat.recordName) properties.recordName = flat.recordName
  }
  if (input.compatibility) {
    properties.compatibility = input.compatibility.level
    properties.compatibilityFrom = input.compatibility.from
  }
  const fields: CatalogField[] = (flat?.fields ?? []).map((f, i) => ({
    urn: buildUrn('schema-registry', source, [input.subject], f.path),
    path: f.path,
    name: f.name,
    ordinal: i + 1,
    declaredType: f.declaredType,
    nullable: f.nullable,
    ...(f.default !== undefined ? { default: f.default } : {}),
    ...(f.description !== undefined ? { description: f.description } : {}),
  }))
  return {
    urn,
    source,
    platform: 'schema-registry',
    kind: 'subject',
    name: input.subject,
    path: [input.subject],
    ...(flat?.description ? { description: flat.description } : {}),
    properties,
    fields,
    ...(notes.length > 0 ? { notes } : {}),
  }
}
