import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { LookupIndexStatus } from '../../shared/model/lookup'
import { useApi } from './api-context'

/** Query key of the lookup index's status (not under `lookup`: a lookup does not change it). */
export const LOOKUP_INDEX_KEY = ['lookup-index', 'status'] as const

/**
 * The Kafka lookup index per source, refreshed every 2 s while a source builds (for its progress
 * bar) and every 10 s otherwise (its lag and age move with the topics).
 */
export function useLookupIndexStatus() {
  const api = useApi()
  return useQuery({
    queryKey: LOOKUP_INDEX_KEY,
    queryFn: () => api.getLookupIndexStatus({}),
    refetchInterval: (query) =>
      (query.state.data as LookupIndexStatus[] | undefined)?.some((s) => s.state === 'building')
        ? 2_000
        : 10_000,
  })
}

/** Start or stop keeping the index current, or build it now (a job). */
export function useControlLookupIndex() {
  const api = useApi()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (arg: { action: 'start' | 'stop' | 'build' | 'rebuild'; source?: string }) =>
      api.controlLookupIndex(arg),
    onSuccess: (answer) => client.setQueryData(LOOKUP_INDEX_KEY, answer.status),
  })
}
