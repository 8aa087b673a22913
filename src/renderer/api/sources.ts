import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import type { ConnectionCheck, SourceInput, SourceView } from '../../shared/api'
import { useApi } from './api-context'
import { queryKeys } from './query-keys'

/** Every source of the workspace, secrets redacted. */
export function useSources() {
  const api = useApi()
  return useQuery({ queryKey: queryKeys.sources, queryFn: () => api.listSources({}) })
}

/** The last check of a saved source this session, or undefined if never tested. */
export function useSourceCheck(name: string) {
  return useQuery<ConnectionCheck | null>({
    queryKey: queryKeys.sourceCheck(name),
    // Checks arrive only through setQueryData (a test, or a test-all job's partial results).
    queryFn: () => null,
    staleTime: Infinity,
    gcTime: Infinity,
  })
}

export function rememberCheck(client: QueryClient, name: string, check: ConnectionCheck): void {
  client.setQueryData(queryKeys.sourceCheck(name), check)
}

function useInvalidateSources() {
  const client = useQueryClient()
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.sources, exact: true }),
      client.invalidateQueries({ queryKey: queryKeys.audit }),
    ])
}

export function useAddSource() {
  const api = useApi()
  const invalidate = useInvalidateSources()
  return useMutation({
    mutationFn: (source: SourceInput) => api.addSource({ source }),
    onSuccess: invalidate,
  })
}

export function useUpdateSource() {
  const api = useApi()
  const client = useQueryClient()
  const invalidate = useInvalidateSources()
  return useMutation({
    mutationFn: (arg: { name: string; source: SourceInput }) => api.updateSource(arg),
    onSuccess: async (_view, arg) => {
      // The old check describes the old definition: forget it.
      client.removeQueries({ queryKey: queryKeys.sourceCheck(arg.name) })
      await invalidate()
    },
  })
}

export function useRemoveSource() {
  const api = useApi()
  const client = useQueryClient()
  const invalidate = useInvalidateSources()
  return useMutation({
    mutationFn: (source: SourceView) => api.removeSource({ name: source.name }),
    onSuccess: async (_result, source) => {
      client.removeQueries({ queryKey: queryKeys.sourceCheck(source.name) })
      await invalidate()
    },
  })
}

/** Tests a saved source by name; the result becomes that source's last check. */
export function useTestSavedSource() {
  const api = useApi()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (name: string) => api.testSource({ name }),
    onSuccess: (check, name) => {
      rememberCheck(client, name, check)
      return client.invalidateQueries({ queryKey: queryKeys.audit })
    },
  })
}

/** Tests an unsaved draft from the form; nothing is remembered. */
export function useTestDraftSource() {
  const api = useApi()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (source: SourceInput) => api.testSource({ source }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.audit }),
  })
}

/** Starts the test-all job; progress and per-source checks arrive as events. */
export function useTestAllSources() {
  const api = useApi()
  return useMutation({ mutationFn: () => api.testAllSources({}) })
}

/**
 * A test-all job's partial result: one source's check. Accepts `{ name, check }` (the documented
 * shape) and, defensively, `{ source, check }`.
 */
export function parseCheckPartial(
  partial: unknown,
): { name: string; check: ConnectionCheck } | undefined {
  if (typeof partial !== 'object' || partial === null) return undefined
  const p = partial as Record<string, unknown>
  const name =
    typeof p.name === 'string' ? p.name : typeof p.source === 'string' ? p.source : undefined
  const check = p.check
  if (
    !name ||
    typeof check !== 'object' ||
    check === null ||
    typeof (check as ConnectionCheck).ok !== 'boolean'
  ) {
    return undefined
  }
  return { name, check: check as ConnectionCheck }
}
