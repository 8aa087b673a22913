/**
 * The few Kafka Connect REST calls the estate needs. Registration is idempotent:
 * PUT /connectors/<name>/config creates or updates.
 */

import { setTimeout as delay } from 'node:timers/promises'

export interface ConnectorStatus {
  name: string
  connector: { state: string; trace?: string }
  tasks: { id: number; state: string; trace?: string }[]
}

async function request(url: string, init?: RequestInit): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(30_000) })
}

export async function putConnectorConfig(
  connectUrl: string,
  name: string,
  config: Record<string, string>,
): Promise<void> {
  const res = await request(`${connectUrl}/connectors/${encodeURIComponent(name)}/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(config),
  })
  if (!res.ok)
    throw new Error(`registering connector ${name}: HTTP ${res.status} ${await res.text()}`)
}

export async function connectorStatus(
  connectUrl: string,
  name: string,
): Promise<ConnectorStatus | null> {
  const res = await request(`${connectUrl}/connectors/${encodeURIComponent(name)}/status`)
  if (res.status === 404) return null
  if (!res.ok)
    throw new Error(`status of connector ${name}: HTTP ${res.status} ${await res.text()}`)
  return (await res.json()) as ConnectorStatus
}

export async function listConnectors(connectUrl: string): Promise<string[]> {
  const res = await request(`${connectUrl}/connectors`)
  if (!res.ok) throw new Error(`listing connectors: HTTP ${res.status}`)
  return (await res.json()) as string[]
}

/** The connector plugins installed on the worker (class names). */
export async function listPlugins(connectUrl: string): Promise<string[]> {
  const res = await request(`${connectUrl}/connector-plugins?connectorsOnly=true`)
  if (!res.ok) throw new Error(`listing connector plugins: HTTP ${res.status}`)
  return ((await res.json()) as { class: string }[]).map((p) => p.class)
}

export async function restartConnector(connectUrl: string, name: string): Promise<void> {
  const res = await request(
    `${connectUrl}/connectors/${encodeURIComponent(name)}/restart?includeTasks=true&onlyFailed=true`,
    { method: 'POST' },
  )
  if (!res.ok && res.status !== 202 && res.status !== 204) {
    throw new Error(`restarting connector ${name}: HTTP ${res.status} ${await res.text()}`)
  }
}

export function isRunning(status: ConnectorStatus | null): boolean {
  return (
    status !== null &&
    status.connector.state === 'RUNNING' &&
    status.tasks.length > 0 &&
    status.tasks.every((t) => t.state === 'RUNNING')
  )
}

/** The first failure trace of a connector or its tasks, for the error message. */
export function failureOf(status: ConnectorStatus | null): string | null {
  if (!status) return null
  if (status.connector.state === 'FAILED') return status.connector.trace ?? 'connector FAILED'
  const failed = status.tasks.find((t) => t.state === 'FAILED')
  return failed ? (failed.trace ?? `task ${failed.id} FAILED`) : null
}

/**
 * Forgets a connector and its stored offsets (Kafka Connect 3.6+: stop, delete offsets, delete),
 * so that registering it again starts from scratch: a source snapshots again, a sink re-reads
 * its topics from the beginning.
 */
export async function resetConnector(
  connectUrl: string,
  name: string,
  keep: boolean,
): Promise<void> {
  const base = `${connectUrl}/connectors/${encodeURIComponent(name)}`
  if ((await request(base)).status === 404) return
  const stop = await request(`${base}/stop`, { method: 'PUT' })
  if (!stop.ok)
    throw new Error(`stopping connector ${name}: HTTP ${stop.status} ${await stop.text()}`)
  const deadline = Date.now() + 60_000
  for (;;) {
    const res = await request(`${base}/offsets`, { method: 'DELETE' })
    if (res.ok) break
    // 400 while the stop has not reached every task yet.
    if (Date.now() > deadline)
      throw new Error(`resetting offsets of ${name}: HTTP ${res.status} ${await res.text()}`)
    await delay(500)
  }
  if (keep) {
    const resume = await request(`${base}/resume`, { method: 'PUT' })
    if (!resume.ok) throw new Error(`resuming connector ${name}: HTTP ${resume.status}`)
    return
  }
  const del = await request(base, { method: 'DELETE' })
  if (!del.ok && del.status !== 404)
    throw new Error(`deleting connector ${name}: HTTP ${del.status}`)
}
