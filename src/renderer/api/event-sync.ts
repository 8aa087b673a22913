import { useQueryClient } from '@tanstack/react-query'
import { useApiEvents } from './api-context'
import { invalidateCatalog, parseCrawlPartial, rememberCrawlProgress } from './catalog'
import { queryKeys } from './query-keys'
import { isJobFinished } from './jobs'
import { parseLookupPartial, rememberLookupProgress } from './lookup'
import { parseCheckPartial, rememberCheck } from './sources'

/**
 * Folds pushed events into the query cache, once for the whole app, so that screens only read
 * queries and never listen to events themselves.
 */
export function useEventSync(): void {
  const client = useQueryClient()
  useApiEvents((event) => {
    switch (event.topic) {
      case 'sources.changed':
        void client.invalidateQueries({ queryKey: queryKeys.sources, exact: true })
        // The catalogue tree lists one node per source.
        void client.invalidateQueries({ queryKey: queryKeys.catalogTree(null) })
        return
      case 'job':
        client.setQueryData(queryKeys.job(event.job.id), event.job)
        if (event.job.kind === 'sources.test-all' && event.job.state !== 'running') {
          void client.invalidateQueries({ queryKey: queryKeys.audit })
        }
        if (event.job.kind === 'crawl' && isJobFinished(event.job)) {
          void invalidateCatalog(client)
        }
        if (event.job.kind === 'lookup' && isJobFinished(event.job)) {
          void client.invalidateQueries({ queryKey: queryKeys.lookupHistory })
        }
        return
      case 'job.partial': {
        const partial = parseCheckPartial(event.partial)
        if (partial) rememberCheck(client, partial.name, partial.check)
        const crawl = parseCrawlPartial(event.partial)
        if (crawl) {
          rememberCrawlProgress(client, event.jobId, crawl)
          // Each source commits on its own: show its new catalogue without waiting for the rest.
          if (crawl.state !== 'queued' && crawl.state !== 'running') void invalidateCatalog(client)
        }
        const lookup = parseLookupPartial(event.partial)
        if (lookup) rememberLookupProgress(client, event.jobId, lookup)
        return
      }
    }
  })
}
