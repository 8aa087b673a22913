import type { CatalogAsset, JsonValue } from '../../../shared/model/catalog'
import { buildUrn } from '../../../shared/urn'
import { redact } from '../errors'

/**
 * Kafka Connect REST answers -> catalogue assets (pure, unit-tested). Secrets never leave this
 * module: config values are redacted here, and every redacted value is also scrubbed from the
 * status traces, which may quote the config.
 */

/** Config keys whose values are secrets. */
export const SECRET_KEY = /password|secret|token|credential|sasl\.jaas\.config|\.key$|api[._-]?key/i

/**
 * A ConfigProvider reference (`${file:/path:key}`, `${env:NAME}`, `${vault:...}`): a pointer to a
 * secret, not the secret. It is kept as-is because it tells the architect where the secret lives,
 * and Connect itself shows it unresolved in the REST config.
 */
const PROVIDER_REFERENCE = /^\$\{[A-Za-z0-9_.-]+:[^}]*\}$/

export const REDACTED = '***'

export interface RedactedConfig {
  config: Record<string, string>
  /** Keys whose values were replaced (by key name or because a value embedded a credential). */
  redactedKeys: string[]
  /** The raw secret values, to scrub from traces. In memory only. */
  secrets: string[]
}

/**
 * Redacts a connector config: secret-looking keys lose their value (unless it is a provider
 * reference), and any value embedding a credential (`scheme://user:pass@`, `password=...` in a
 * JDBC URL) keeps its shape with the credential masked.
 */
export function redactConfig(raw: Record<string, unknown>): RedactedConfig {
  const config: Record<string, string> = {}
  const redactedKeys: string[] = []
  const secrets: string[] = []
  for (const key of Object.keys(raw).sort()) {
    const value = raw[key] == null ? '' : String(raw[key])
    if (SECRET_KEY.test(key) && value !== '' && !PROVIDER_REFERENCE.test(value)) {
      config[key] = REDACTED
      redactedKeys.push(key)
      secrets.push(value)
      continue
    }
    const masked = redact(value)
    if (masked !== value) {
      redactedKeys.push(key)
      secrets.push(...embeddedSecrets(value))
    }
    config[key] = masked
  }
  return { config, redactedKeys, secrets }
}

/** The credential parts of a value redact() masked, so traces can be scrubbed of them too. */
function embeddedSecrets(value: string): string[] {
  const out: string[] = []
  for (const m of value.matchAll(/\/\/[^/@\s:]*:([^@\s/]*)@/g)) if (m[1]) out.push(m[1])
  for (const m of value.matchAll(
    /(?:password|pwd|sasl\.password)\s*[=:]\s*("[^"]*"|'[^']*'|[^;&\s]+)/gi,
  ))
    if (m[1]) out.push(m[1].replace(/^["']|["']$/g, ''))
  return out
}

/** The first line of a Java stack trace, scrubbed and bounded. */
export function traceFirstLine(trace: unknown, secrets: readonly string[]): string | undefined {
  if (typeof trace !== 'string' || trace.trim() === '') return undefined
  const first = trace.trim().split(/\r?\n/)[0] ?? ''
  return redact(first, secrets).slice(0, 500)
}

/** `GET /connectors/{name}/status` as Connect answers it. */
export interface ConnectStatusJson {
  connector?: { state?: unknown; worker_id?: unknown; trace?: unknown; version?: unknown }
  tasks?: Array<{ id?: unknown; state?: unknown; worker_id?: unknown; trace?: unknown }>
  type?: unknown
}

/** `GET /connectors/{name}` (info) as Connect answers it. */
export interface ConnectInfoJson {
  name?: unknown
  config?: Record<string, unknown>
  tasks?: Array<{ connector?: unknown; task?: unknown }>
  type?: unknown
}

export interface ConnectorStatus {
  /** RUNNING, PAUSED, STOPPED, FAILED, UNASSIGNED, RESTARTING (Connect's words, kept). */
  state: string
  workerId?: string
  trace?: string
  version?: string
}

export interface TaskStatus {
  id: number
  state: string
  workerId?: string
  trace?: string
}

export interface MappedStatus {
  status: ConnectorStatus
  tasks: TaskStatus[]
  /** Human notes for failed or unassigned parts. */
  notes: string[]
}

/** Connect's status JSON -> our status and tasks; an absent status is UNKNOWN, not RUNNING. */
export function mapStatus(
  json: ConnectStatusJson | undefined,
  secrets: readonly string[],
): MappedStatus {
  const c = json?.connector ?? {}
  const status: ConnectorStatus = { state: str(c.state) ?? 'UNKNOWN' }
  if (str(c.worker_id)) status.workerId = str(c.worker_id)
  const trace = traceFirstLine(c.trace, secrets)
  if (trace) status.trace = trace
  if (str(c.version)) status.version = str(c.version)
  const notes: string[] = []
  if (status.state === 'FAILED')
    notes.push(
      `Connector FAILED${status.workerId ? ` on ${status.workerId}` : ''}: ${trace ?? 'no trace'}`,
    )
  const tasks: TaskStatus[] = (json?.tasks ?? [])
    .map((t) => {
      const task: TaskStatus = { id: Number(t.id ?? -1), state: str(t.state) ?? 'UNKNOWN' }
      if (str(t.worker_id)) task.workerId = str(t.worker_id)
      const tt = traceFirstLine(t.trace, secrets)
      if (tt) task.trace = tt
      return task
    })
    .sort((a, b) => a.id - b.id)
  for (const t of tasks)
    if (t.state === 'FAILED') notes.push(`Task ${t.id} FAILED: ${t.trace ?? 'no trace'}`)
  if (!json) notes.push('Status unavailable.')
  return { status, tasks, notes }
}

/** The worker's root (`GET /`) and plugins: cluster-level facts. */
export interface ConnectWorker {
  version?: string
  commit?: string
  kafkaClusterId?: string
  plugins: Array<{ class: string; type: string; version?: string }>
}

export interface ConnectorInput {
  name: string
  info: ConnectInfoJson
  status?: ConnectStatusJson
  /** Active topics (`GET /connectors/{name}/topics`); undefined when unavailable. */
  topics?: string[]
  notes?: string[]
}

export function clusterUrn(source: string): string {
  return buildUrn('kafka-connect', source, [])
}

export function connectorUrn(source: string, connector: string): string {
  return buildUrn('kafka-connect', source, [connector])
}

/** The Connect cluster as a container: where the Kafka cluster id lives for lineage. */
export function mapCluster(
  source: string,
  worker: ConnectWorker,
  connectors: number,
): CatalogAsset {
  const properties: Record<string, JsonValue> = {
    plugins: worker.plugins.map((p) => ({ ...p })),
  }
  if (worker.kafkaClusterId) properties.kafkaClusterId = worker.kafkaClusterId
  if (worker.version) properties.version = worker.version
  if (worker.commit) properties.commit = worker.commit
  return {
    urn: clusterUrn(source),
    source,
    platform: 'kafka-connect',
    kind: 'cluster',
    name: source,
    path: [],
    counts: { children: connectors },
    properties,
    fields: [],
  }
}

/** One connector: class, type, redacted config, status, tasks, topics. Fields stay empty. */
export function mapConnector(
  source: string,
  worker: ConnectWorker,
  input: ConnectorInput,
): CatalogAsset {
  const rawConfig = input.info.config ?? {}
  const { config, redactedKeys, secrets } = redactConfig(rawConfig)
  const mapped = mapStatus(input.status, secrets)
  const cls = str(rawConfig['connector.class']) ?? ''
  const type =
    str(input.info.type) ?? str(input.status?.type) ?? pluginType(worker, cls) ?? 'unknown'
  const properties: Record<string, JsonValue> = {
    class: cls,
    type,
    config,
    redactedKeys,
    status: { ...mapped.status },
    tasks: mapped.tasks.map((t) => ({ ...t })),
  }
  if (input.topics) properties.topics = [...input.topics].sort()
  const configured = configuredTopics(rawConfig)
  if (configured.topics.length > 0) properties.configuredTopics = configured.topics
  if (configured.regex) properties.topicsRegex = configured.regex
  if (worker.kafkaClusterId) properties.kafkaClusterId = worker.kafkaClusterId
  const plugin = worker.plugins.find((p) => p.class === cls)
  if (plugin?.version) properties.pluginVersion = plugin.version
  const notes = [...mapped.notes, ...(input.notes ?? [])]
  return {
    urn: connectorUrn(source, input.name),
    source,
    platform: 'kafka-connect',
    kind: 'connector',
    parent: clusterUrn(source),
    name: input.name,
    path: [input.name],
    properties,
    fields: [],
    ...(notes.length > 0 ? { notes } : {}),
  }
}

/** A sink's `topics` / `topics.regex` config (what it is told to read, active or not). */
function configuredTopics(config: Record<string, unknown>): { topics: string[]; regex?: string } {
  const topics = (str(config.topics) ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')
  const regex = str(config['topics.regex'])
  return regex ? { topics, regex } : { topics }
}

function pluginType(worker: ConnectWorker, cls: string): string | undefined {
  return worker.plugins.find((p) => p.class === cls)?.type
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined
}
