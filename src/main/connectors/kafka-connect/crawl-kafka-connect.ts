import { ApiError } from '../../../shared/api'
import type { CatalogAsset } from '../../../shared/model/catalog'
import type { ResolvedSource } from '../connector'
import type { CrawlBatch, CrawlOptions } from '../crawl-model'
import {
  asApiError,
  cancelledError,
  createHttpCrawlClient,
  segment,
  type HttpCrawlClient,
} from '../shared/http-crawl'
import { mapLimit } from '../shared/concurrency'
import {
  connectorUrn,
  mapCluster,
  mapConnector,
  type ConnectInfoJson,
  type ConnectStatusJson,
  type ConnectWorker,
  type ConnectorInput,
} from './crawl-map'

/** Requests in flight per crawl (per-connector topics, fallback info/status). */
export const CONNECT_CONCURRENCY = 4

const URL_EXAMPLE = 'http://connect.example.com:8083'

/**
 * Kafka Connect crawl: `GET /` (worker version, Kafka cluster id), `GET /connector-plugins`,
 * `GET /connectors?expand=info&expand=status` (all connectors in one answer), then
 * `GET /connectors/{name}/topics` per connector. Workers without `expand` (before 2.3) answer a
 * list of names: then `GET /connectors/{name}` and `/status` per connector. One assets batch,
 * part `connectors`. A failure of the listing fails the source (thrown ApiError); a failure of one
 * connector's extra requests becomes a note on that connector, or a part error.
 */
export async function* crawlKafkaConnect(
  source: ResolvedSource,
  opts: CrawlOptions,
): AsyncGenerator<CrawlBatch> {
  const signal = opts.signal
  const client = createHttpCrawlClient('kafka-connect', source, URL_EXAMPLE, {
    timeoutMs: opts.timeoutMs,
  })
  const worker = await readWorker(client, signal)
  const listing = await client.get('connectors?expand=info&expand=status', signal)
  const partErrors: CrawlBatch[] = []
  let inputs: ConnectorInput[]
  if (Array.isArray(listing)) {
    inputs = await perConnector(client, listing.map(String), signal, (name, error) =>
      partErrors.push({
        kind: 'part-error',
        part: connectorUrn(source.name, name),
        error: error.toJSON(),
      }),
    )
  } else if (isRecord(listing)) {
    inputs = Object.entries(listing).map(([name, v]) => {
      const entry = isRecord(v) ? v : {}
      return {
        name,
        info: (isRecord(entry.info) ? entry.info : {}) as ConnectInfoJson,
        status: isRecord(entry.status) ? (entry.status as ConnectStatusJson) : undefined,
      }
    })
  } else {
    throw new ApiError(
      'bad-input',
      `${client.target.base.href}connectors did not answer a list of connectors: is this the Kafka Connect REST URL?`,
      { reason: 'wrong-kind', looksLike: 'another HTTP service', detectedBy: 'protocol' },
    )
  }
  inputs.sort((a, b) => a.name.localeCompare(b.name))
  opts.onProgress?.({ done: 0, total: inputs.length, message: 'connectors listed' })
  let done = 0
  await mapLimit(
    inputs,
    CONNECT_CONCURRENCY,
    async (input) => {
      input.topics = await activeTopics(client, input, signal)
      opts.onProgress?.({ done: ++done, total: inputs.length })
    },
    signal,
  )
  if (signal?.aborted) throw cancelledError('kafka-connect')
  const assets: CatalogAsset[] = [
    mapCluster(source.name, worker, inputs.length),
    ...inputs.map((input) => mapConnector(source.name, worker, input)),
  ]
  yield* partErrors
  yield { kind: 'assets', part: 'connectors', assets, statements: client.requests() }
}

async function readWorker(
  client: HttpCrawlClient,
  signal: AbortSignal | undefined,
): Promise<ConnectWorker> {
  const root = await client.get('', signal).catch((err: unknown) => {
    const error = asApiError(err, 'kafka-connect')
    // A 404 at the root: the URL's path is not Connect's REST root (a proxy prefix, a typo).
    if (error.code !== 'not-found') throw error
    throw new ApiError('bad-input', error.message, { ...error.details, reason: 'wrong-path' })
  })
  if (!isRecord(root) || typeof root.version !== 'string') {
    throw new ApiError(
      'bad-input',
      `${client.target.base.href} answered JSON, but not Kafka Connect's (no version and kafka_cluster_id): is this the Connect REST URL?`,
      { reason: 'wrong-kind', looksLike: 'another HTTP service', detectedBy: 'protocol' },
    )
  }
  const worker: ConnectWorker = { version: root.version, plugins: [] }
  if (typeof root.commit === 'string') worker.commit = root.commit
  if (typeof root.kafka_cluster_id === 'string') worker.kafkaClusterId = root.kafka_cluster_id
  // Plugins are a nicety (type of a connector whose info lacks it): their failure is not fatal.
  const plugins = await client.get('connector-plugins', signal).catch((err: unknown) => {
    if (signal?.aborted) throw cancelledError('kafka-connect')
    return err instanceof ApiError && err.code !== 'unreachable' ? [] : Promise.reject(err)
  })
  if (Array.isArray(plugins)) {
    for (const p of plugins) {
      if (!isRecord(p) || typeof p.class !== 'string') continue
      worker.plugins.push({
        class: p.class,
        type: typeof p.type === 'string' ? p.type : 'unknown',
        ...(typeof p.version === 'string' ? { version: p.version } : {}),
      })
    }
  }
  return worker
}

/** Workers without `expand`: info and status per connector, bounded. */
async function perConnector(
  client: HttpCrawlClient,
  names: string[],
  signal: AbortSignal | undefined,
  onError: (name: string, error: ApiError) => void,
): Promise<ConnectorInput[]> {
  const out = await mapLimit(
    names,
    CONNECT_CONCURRENCY,
    async (name): Promise<ConnectorInput | undefined> => {
      try {
        const info = (await client.get(`connectors/${segment(name)}`, signal)) as ConnectInfoJson
        const status = await client
          .get(`connectors/${segment(name)}/status`, signal)
          .catch((err: unknown) => {
            if (signal?.aborted) throw err
            return undefined
          })
        return { name, info: isRecord(info) ? info : {}, status: status as ConnectStatusJson }
      } catch (err) {
        if (signal?.aborted) throw cancelledError('kafka-connect')
        const error = asApiError(err, 'kafka-connect')
        // Deleted between the listing and this request: gone, not an error.
        if (error.code !== 'not-found') onError(name, error)
        return undefined
      }
    },
    signal,
  )
  if (signal?.aborted) throw cancelledError('kafka-connect')
  return out.filter((x): x is ConnectorInput => x !== undefined)
}

/**
 * Active topics (Connect ≥ 2.5, topic tracking on). Unavailable -> undefined plus a note, so
 * "no active topics" and "not known" stay distinct.
 */
async function activeTopics(
  client: HttpCrawlClient,
  input: ConnectorInput,
  signal: AbortSignal | undefined,
): Promise<string[] | undefined> {
  try {
    const answer = await client.get(`connectors/${segment(input.name)}/topics`, signal)
    const entry = isRecord(answer) ? answer[input.name] : undefined
    const topics = isRecord(entry) ? entry.topics : undefined
    if (Array.isArray(topics)) return topics.map(String)
    ;(input.notes ??= []).push('Active topics: the worker answered in an unexpected shape.')
  } catch (err) {
    if (signal?.aborted) throw cancelledError('kafka-connect')
    const error = asApiError(err, 'kafka-connect')
    ;(input.notes ??= []).push(`Active topics unavailable: ${error.message}`)
  }
  return undefined
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
