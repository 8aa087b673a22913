import { useMutation, useQuery } from '@tanstack/react-query'
import { useApi } from './api-context'
import { queryKeys } from './query-keys'

const AUDIT_PAGE_SIZE = 500

/** The newest audit entries, newest first. */
export function useAuditEntries() {
  const api = useApi()
  return useQuery({
    queryKey: queryKeys.audit,
    queryFn: () => api.listAudit({ limit: AUDIT_PAGE_SIZE }),
  })
}

/** Recomputes the hash chain on the server. */
export function useVerifyAudit() {
  const api = useApi()
  return useMutation({ mutationFn: () => api.verifyAudit({}) })
}
