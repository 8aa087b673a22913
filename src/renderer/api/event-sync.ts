import { useQueryClient } from '@tanstack/react-query'
import { useApiEvents } from './api-context'
import { queryKeys } from './query-keys'
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
        return
      case 'job':
        client.setQueryData(queryKeys.job(event.job.id), event.job)
        if (event.job.kind === 'sources.test-all' && event.job.state !== 'running') {
          void client.invalidateQueries({ queryKey: queryKeys.audit })
        }
        return
      case 'job.partial': {
        const partial = parseCheckPartial(event.partial)
        if (partial) rememberCheck(client, partial.name, partial.check)
        return
      }
    }
  })
}
