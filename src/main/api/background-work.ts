import type { ApiHost } from './host'

/**
 * What a long-running host (the desktop app, `sightline serve`) starts once open; one-shot CLI
 * commands start neither. Both are never fatal: a failure shows in their own status.
 * - Issue 7 item 4: keep the Kafka lookup index current (it reads the catalogue's identifier
 *   fields; a failing Kafka source is only reported in its status). SIGHTLINE_LOOKUP_INDEX=off
 *   leaves it stopped.
 * - Keep the store's pages in memory, so a lookup's index probes never wait on the disk
 *   (store/resident-pages.ts; the state shows in getAppInfo).
 */
export function startBackgroundWork(host: ApiHost, env: NodeJS.ProcessEnv = process.env): void {
  if (env.SIGHTLINE_LOOKUP_INDEX !== 'off')
    void host.api.controlLookupIndex({ action: 'start' }).catch(() => undefined)
  void host.keepStoreResident().catch(() => undefined)
}
