// TEMPORARY interface stub written by the lead so that the API and the connectors can be built in
// parallel. The connectors engineer owns this folder and replaces this file (keeping these names).
import type { ConnectionCheck, SourceKind } from '../../shared/api'

/** A source with its env references resolved and its secret attached: lives in main only. */
export interface ResolvedSource {
  name: string
  kind: SourceKind
  /** Connection URL without password, env references already resolved. */
  url: string
  username?: string
  password?: string
  options: Record<string, string | number | boolean>
}

export interface CheckOptions {
  signal?: AbortSignal
  /** Default 10 000 ms. */
  timeoutMs?: number
}

/** DESIGN.md §3. crawl/lookup arrive with the crawl and lookup issues. */
export interface Connector {
  readonly kind: SourceKind
  /** Never rejects for connection problems: resolves `ok: false` with a translated error. */
  check(opts: CheckOptions): Promise<ConnectionCheck>
  close(): Promise<void>
}

export function createConnector(source: ResolvedSource): Connector {
  throw new Error(`connector for ${source.kind} not implemented yet`)
}
