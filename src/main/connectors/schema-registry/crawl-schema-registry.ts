import { ApiError } from '../../../shared/api'
import type { ResolvedSource } from '../connector'
import type { CrawlBatch, CrawlOptions } from '../crawl-model'
import { mapLimit } from '../shared/concurrency'
import { asApiError, cancelledError } from '../shared/http-crawl'
import { mapSubject, MAX_VERSIONS, subjectUrn, type SubjectInput } from './crawl-map'
import { createRegistryClient, type RegistryClient, type RegistrySchema } from './registry-client'

/** Subjects worked on at once; requests in flight stay bounded by the client's limiter (4). */
export const SUBJECT_CONCURRENCY = 8
/** Subjects per yielded batch, so a large registry streams. */
const CHUNK = 200
/** Above this many subjects, compatibility is read once (global), not once per subject. */
export const PER_SUBJECT_CONFIG_LIMIT = 200

/**
 * Schema-registry crawl (Confluent-compatible API): `GET /subjects`, `GET /config` once, then per
 * subject `GET /subjects/{s}/versions`, `GET /subjects/{s}/versions/{v}` for the newest
 * MAX_VERSIONS versions and (up to PER_SUBJECT_CONFIG_LIMIT subjects) `GET /config/{s}`. The
 * listing failing fails the source (thrown ApiError); one subject failing is a part error.
 */
export async function* crawlSchemaRegistry(
  source: ResolvedSource,
  opts: CrawlOptions,
): AsyncGenerator<CrawlBatch> {
  const signal = opts.signal
  const client = createRegistryClient(source, { timeoutMs: opts.timeoutMs })
  const subjects = await client.subjects(signal).catch((err: unknown) => {
    throw wrongPath(asApiError(err, 'schema-registry'))
  })
  subjects.sort((a, b) => a.localeCompare(b))
  const globalLevel = await client.compatibility(undefined, signal).catch((err: unknown) => {
    if (signal?.aborted) throw cancelledError('schema-registry')
    return err instanceof ApiError && err.code === 'unreachable' ? Promise.reject(err) : undefined
  })
  const perSubjectConfig = subjects.length <= PER_SUBJECT_CONFIG_LIMIT
  opts.onProgress?.({ done: 0, total: subjects.length, message: 'subjects listed' })
  let done = 0
  for (let start = 0; start < subjects.length || start === 0; start += CHUNK) {
    const chunk = subjects.slice(start, start + CHUNK)
    // The first batch also counts the listing and the global config.
    const before = start === 0 ? 0 : client.requests()
    const errors: CrawlBatch[] = []
    const inputs = await mapLimit(
      chunk,
      SUBJECT_CONCURRENCY,
      async (subject) => {
        try {
          return await readSubject(client, subject, perSubjectConfig, globalLevel, signal)
        } catch (err) {
          if (signal?.aborted) throw cancelledError('schema-registry')
          const error = asApiError(err, 'schema-registry')
          // Deleted between the listing and this request: gone, not an error.
          if (error.code !== 'not-found')
            errors.push({
              kind: 'part-error',
              part: subjectUrn(source.name, subject),
              error: error.toJSON(),
            })
          return undefined
        } finally {
          opts.onProgress?.({ done: ++done, total: subjects.length })
        }
      },
      signal,
    )
    if (signal?.aborted) throw cancelledError('schema-registry')
    yield* errors
    const notes: string[] = []
    if (!perSubjectConfig && globalLevel)
      notes.push(
        `More than ${PER_SUBJECT_CONFIG_LIMIT} subjects: compatibility is the global level (${globalLevel}); per-subject overrides are not read.`,
      )
    yield {
      kind: 'assets',
      part: subjects.length <= CHUNK ? 'subjects' : `subjects ${start + 1}-${start + chunk.length}`,
      assets: inputs
        .filter((i): i is SubjectInput => i !== undefined)
        .map((i) => mapSubject(source.name, i)),
      statements: client.requests() - before,
      ...(notes.length > 0 ? { notes } : {}),
    }
    if (subjects.length === 0) break
  }
}

async function readSubject(
  client: RegistryClient,
  subject: string,
  perSubjectConfig: boolean,
  globalLevel: string | undefined,
  signal: AbortSignal | undefined,
): Promise<SubjectInput> {
  const allVersions = await client.versions(subject, signal)
  const wanted = allVersions.slice(-MAX_VERSIONS)
  const notes: string[] = []
  // All at once: the client's limiter bounds the requests in flight across the whole crawl.
  const [read, own] = await Promise.all([
    Promise.all(
      wanted.map((v) =>
        client.subjectVersion(subject, v, signal).then(
          (s): RegistrySchema => ({ version: v, ...s }),
          (err: unknown) => {
            if (signal?.aborted) throw err
            notes.push(
              `Version ${v} could not be read: ${asApiError(err, 'schema-registry').message}`,
            )
            return undefined
          },
        ),
      ),
    ),
    perSubjectConfig
      ? client.compatibility(subject, signal).catch((err: unknown) => {
          if (signal?.aborted) throw err
          return undefined
        })
      : undefined,
  ])
  const schemas = read.filter((s): s is RegistrySchema => s !== undefined)
  const input: SubjectInput = { subject, allVersions, schemas, notes }
  if (own) input.compatibility = { level: own, from: 'subject' }
  else if (globalLevel) input.compatibility = { level: globalLevel, from: 'global' }
  return input
}

/**
 * The listing answering 404 means the URL's path is not a registry API (Apicurio's root, a
 * missing /apis/ccompat/v7): bad input, with http.ts's hint kept.
 */
function wrongPath(err: ApiError): ApiError {
  if (err.code !== 'not-found') return err
  return new ApiError('bad-input', err.message, { ...err.details, reason: 'wrong-path' })
}
