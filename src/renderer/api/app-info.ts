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
