import { useQuery } from '@tanstack/react-query'
import { useApi } from './api-context'
import { queryKeys } from './query-keys'

/** Version, workspace, mode and where typed secrets go; fixed for the app's lifetime. */
export function useAppInfo() {
  const api = useApi()
  return useQuery({
    queryKey: queryKeys.appInfo,
    queryFn: () => api.getAppInfo({}),
    staleTime: Infinity,
  })
}

/**
 * Whether the store is kept in memory (getAppInfo's storeResidency): unlike the rest of the app
 * facts it changes, from warming to resident within seconds of start, then as the file grows.
 */
export function useStoreResidency() {
  const api = useApi()
  return useQuery({
    queryKey: queryKeys.storeResidency,
    queryFn: async () => (await api.getAppInfo({})).storeResidency,
    refetchInterval: (query) => (query.state.data?.state === 'warming' ? 2_000 : 60_000),
  })
}
