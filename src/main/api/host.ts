import type { ApiEvent, SightlineApi } from '../../shared/api'
import type { StoreResidency } from '../../shared/model/store-residency'
import type { Connector, ResolvedSource } from '../connectors'
import type { SecretStore } from '../secrets/secret-store'

/** Options of the composition root: everything that differs between desktop and serve. */
export interface ApiHostOptions {
  /** The workspace folder (holds catalog/ and .sightline/). */
  workspaceDir: string
  mode: 'desktop' | 'serve'
  secretStore: SecretStore
  /** OS user or configured name recorded in the audit log; defaults to os.userInfo().username. */
  actor?: string
  /** Where `${env:VAR}` references resolve; defaults to process.env. */
  env?: NodeJS.ProcessEnv
  /** Defaults to the connectors' createConnector; tests may pass their own. */
  createConnector?: (source: ResolvedSource) => Connector
  /** Default timeout of a source test; 10 000 ms. */
  testTimeoutMs?: number
  /** How many sources a crawl runs at once; default 4. */
  crawlConcurrency?: number
  /** Overall budget of one source's crawl; default 10 min. */
  crawlSourceTimeoutMs?: number
}

/** The API implementation plus its event stream; transports (IPC, HTTP) only move calls. */
export interface ApiHost {
  readonly api: SightlineApi
  /** Returns an unsubscribe function. */
  subscribe(listener: (event: ApiEvent) => void): () => void
  /**
   * Keeps the workspace store's pages in memory until close (store/resident-pages.ts): what a
   * long-running app does so that lookups never wait on the disk. Settles when the first pass
   * over the file has ended; calling it again returns the same pass.
   */
  keepStoreResident(): Promise<StoreResidency>
  close(): Promise<void>
}

// Implemented by createApiHost in ./create-api-host.ts.
