import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { JobView } from '../../shared/api'
import { useApi } from './api-context'
import { queryKeys } from './query-keys'

export function isJobFinished(job: JobView | undefined): boolean {
  return job !== undefined && job.state !== 'queued' && job.state !== 'running'
}

/**
 * One job, kept current by `job` events (see useEventSync). A slow poll while it runs covers
 * an event stream that reconnects and misses an update.
 */
export function useJob(id: string | undefined) {
  const api = useApi()
  return useQuery({
    queryKey: queryKeys.job(id ?? ''),
    queryFn: () => api.getJob({ id: id ?? '' }),
    enabled: id !== undefined,
    refetchInterval: (query) => (isJobFinished(query.state.data) ? false : 2000),
  })
}

export function useCancelJob() {
  const api = useApi()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.cancelJob({ id }),
    onSuccess: (job) => client.setQueryData(queryKeys.job(job.id), job),
  })
}
