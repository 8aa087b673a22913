import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ConnectionCheck } from '../../src/shared/model/sources'
import type { ApiEvent } from '../../src/shared/model/jobs'
import { createApiHost } from '../../src/main/api/create-api-host'
import type { ApiHost, ApiHostOptions } from '../../src/main/api/host'
import type { Connector, ResolvedSource } from '../../src/main/connectors'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'

/**
 * A connector standing in for the connectors module in unit tests of the API's own logic (what
 * it resolves, stores, audits and redacts). Real servers are used by test/integration.
 */
export type CheckBehaviour = (
  source: ResolvedSource,
  signal?: AbortSignal,
) => Promise<ConnectionCheck>

export interface Kit {
  dir: string
  host: ApiHost
  secrets: MemorySecretStore
  seen: ResolvedSource[]
  events: ApiEvent[]
  reopen(): Promise<ApiHost>
  dispose(): Promise<void>
}

export const okCheck = (): ConnectionCheck => ({
  ok: true,
  reachable: true,
  authenticated: true,
  serverVersion: 'Test 1.0',
  latencyMs: 1,
  checkedAt: new Date().toISOString(),
})

export async function makeKit(
  behaviour: CheckBehaviour = async () => okCheck(),
  extra: Partial<ApiHostOptions> = {},
): Promise<Kit> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-api-'))
  const seen: ResolvedSource[] = []
  const events: ApiEvent[] = []
  const secrets = new MemorySecretStore()
  const options = (): ApiHostOptions => ({
    workspaceDir: dir,
    mode: 'serve',
    secretStore: secrets,
    actor: 'tester',
    env: { KIT_PW: 'from-env-pw', KIT_PORT: '6543' },
    createConnector: (source): Connector => {
      seen.push(source)
      return {
        kind: source.kind,
        check: (opts) => behaviour(source, opts?.signal),
        close: async () => undefined,
      }
    },
    ...extra,
  })
  let host = await createApiHost(options())
  host.subscribe((e) => events.push(e))
  return {
    dir,
    get host() {
      return host
    },
    secrets,
    seen,
    events,
    async reopen() {
      await host.close()
      host = await createApiHost({ ...options(), secretStore: new MemorySecretStore() })
      return host
    },
    async dispose() {
      await host.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
