import { ApiError } from '../../../shared/api'
import type { ResolvedSource } from '../connector'
import { createHttpCrawlClient, segment, type HttpCrawlClient } from '../shared/http-crawl'

// Repeated from schema-registry-connector.ts, which imports this module (no import cycle).
const URL_EXAMPLE =
  'http://registry.example.com:8081 (Confluent) or http://apicurio.example.com:8080/apis/ccompat/v7'

/** A schema as the Confluent-compatible API returns it (`schemaType` absent means AVRO). */
export interface RegistrySchema {
  subject?: string
  version?: number
  id: number
  schema: string
  schemaType: 'AVRO' | 'JSON' | 'PROTOBUF' | string
  references: Array<{ name: string; subject: string; version: number }>
}

/**
 * Read-only client of a Confluent-compatible schema registry (Confluent, Apicurio's ccompat v7),
 * used by the registry crawl and reusable by the Kafka crawl's Avro decoding (which today has its
 * own fetch in kafka/avro-decoder.ts). Every call takes the caller's
 * signal, is bounded by `timeoutMs`, and rejects with a translated ApiError only. At most
 * `concurrency` (default 4) requests are in flight, however many calls are pending.
 */
export interface RegistryClient {
  subjects(signal?: AbortSignal): Promise<string[]>
  /** Version numbers of a subject, ascending. */
  versions(subject: string, signal?: AbortSignal): Promise<number[]>
  subjectVersion(
    subject: string,
    version: number | 'latest',
    signal?: AbortSignal,
  ): Promise<RegistrySchema>
  schemaById(id: number, signal?: AbortSignal): Promise<RegistrySchema>
  /**
   * Compatibility level of a subject, or the global one when `subject` is undefined. Undefined
   * when the registry has none set for the subject (Confluent answers 404 then).
   */
  compatibility(subject?: string, signal?: AbortSignal): Promise<string | undefined>
  /** Requests sent so far. */
  requests(): number
}

export function createRegistryClient(
  source: Pick<ResolvedSource, 'url' | 'username' | 'password' | 'options'>,
  opts: { timeoutMs?: number; concurrency?: number } = {},
): RegistryClient {
  const http = createHttpCrawlClient('schema-registry', source, URL_EXAMPLE, opts)
  const subjectPath = (s: string) => `subjects/${segment(s)}`
  return {
    requests: () => http.requests(),
    async subjects(signal) {
      const answer = await http.get('subjects', signal)
      if (!Array.isArray(answer)) throw notARegistry(http, 'subjects')
      return answer.map(String)
    },
    async versions(subject, signal) {
      const answer = await http.get(`${subjectPath(subject)}/versions`, signal)
      if (!Array.isArray(answer)) throw notARegistry(http, `${subjectPath(subject)}/versions`)
      return answer
        .map(Number)
        .filter((n) => Number.isInteger(n))
        .sort((a, b) => a - b)
    },
    async subjectVersion(subject, version, signal) {
      const path = `${subjectPath(subject)}/versions/${version}`
      return toSchema(await http.get(path, signal), http, path)
    },
    async schemaById(id, signal) {
      const path = `schemas/ids/${id}`
      const answer = await http.get(path, signal)
      return toSchema({ id, ...(answer as object) }, http, path)
    },
    async compatibility(subject, signal) {
      const path = subject === undefined ? 'config' : `config/${segment(subject)}`
      try {
        const answer = (await http.get(path, signal)) as Record<string, unknown> | null
        const level = answer?.compatibilityLevel ?? answer?.compatibility
        return typeof level === 'string' ? level : undefined
      } catch (err) {
        if (err instanceof ApiError && err.code === 'not-found') return undefined
        throw err
      }
    },
  }
}

function toSchema(answer: unknown, http: HttpCrawlClient, path: string): RegistrySchema {
  const a = answer as Record<string, unknown> | null
  if (
    typeof a !== 'object' ||
    a === null ||
    typeof a.schema !== 'string' ||
    typeof a.id !== 'number'
  )
    throw notARegistry(http, path)
  const refs = Array.isArray(a.references) ? a.references : []
  return {
    ...(typeof a.subject === 'string' ? { subject: a.subject } : {}),
    ...(typeof a.version === 'number' ? { version: a.version } : {}),
    id: a.id,
    schema: a.schema,
    schemaType: typeof a.schemaType === 'string' && a.schemaType !== '' ? a.schemaType : 'AVRO',
    references: refs
      .filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null)
      .map((r) => ({
        name: String(r.name ?? ''),
        subject: String(r.subject ?? ''),
        version: Number(r.version ?? 0),
      })),
  }
}

function notARegistry(http: HttpCrawlClient, path: string): ApiError {
  return new ApiError(
    'bad-input',
    `${http.target.base.href}${path} did not answer like a Confluent-compatible schema registry: is this the registry URL?`,
    { reason: 'wrong-kind', looksLike: 'another HTTP service', detectedBy: 'protocol' },
  )
}
