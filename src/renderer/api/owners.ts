import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useApi } from './api-context'
import { queryKeys } from './query-keys'

/** catalog/owners.yaml: teams, domains and the rules that assign them. */
export function useOwners() {
  const api = useApi()
  return useQuery({ queryKey: queryKeys.owners, queryFn: () => api.getOwners({}) })
}

/**
 * Sets (or with nulls, clears) the owner and domain of a URN or glob. Assets show their resolved
 * ownership, so every asset view is refreshed too.
 */
export function useSetOwnership() {
  const api = useApi()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (arg: { match: string; owner?: string | null; domain?: string | null }) =>
      api.setOwnership(arg),
    onSuccess: async (view) => {
      client.setQueryData(queryKeys.owners, view)
      await client.invalidateQueries({ queryKey: ['catalog', 'asset'] })
    },
  })
}
