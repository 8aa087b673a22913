import {
  keepPreviousData,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import type { SightlineApi } from '../../shared/api'
import type { LineageDirection, LineageSuggestion } from '../../shared/model/lineage'
import { useApi } from './api-context'
import { queryKeys } from './query-keys'

/** What the Lineage page asks around its focus. */
export interface LineageQuery {
  urn: string
  direction: LineageDirection
  depth: number
  level: 'asset' | 'field'
}

/**
 * The neighbourhood of one asset or field. The previous graph stays on screen while a changed
 * depth or direction loads, so the canvas never flashes empty.
 */
export function useLineage(query: LineageQuery | undefined) {
  const api = useApi()
  return useQuery({
    queryKey: queryKeys.lineage(
      query?.urn ?? '',
      query?.direction ?? 'both',
      query?.depth ?? 1,
      query?.level ?? 'field',
    ),
    queryFn: () => api.getLineage(query!),
    enabled: query !== undefined,
    placeholderData: keepPreviousData,
  })
}

/**
 * Neighbourhoods the user expanded (frontier nodes, collapsed fan-outs opened wide), one hop each,
 * loaded in parallel and merged into the focus graph by the page.
 */
export function useLineageExpansions(
  expansions: readonly LineageExpansionQuery[],
  around: ExpansionContext,
) {
  const api = useApi()
  return useQueries({
    queries: expansions.map((expansion) => expansionQueryOptions(api, expansion, around)),
  })
}

/**
 * One neighbourhood the user expanded (the Lineage store's `LineageExpansion`): a frontier node,
 * or a collapsed fan-out opened wide.
 */
export interface LineageExpansionQuery {
  urn: string
  maxFanOut?: number
  /** `field` for an asset opened to its fields in an asset-level view. */
  level?: 'field'
}

/** What every expansion of a view is asked with: the view's direction and level. */
export type ExpansionContext = Omit<LineageQuery, 'urn' | 'depth'>

/** The query of one expansion: the same key and answer for the page's hook and a prefetch. */
export function expansionQueryOptions(
  api: SightlineApi,
  { urn, maxFanOut, level }: LineageExpansionQuery,
  around: ExpansionContext,
) {
  const arg = { urn, direction: around.direction, depth: 1, level: level ?? around.level }
  return {
    queryKey: [...queryKeys.lineage(urn, arg.direction, 1, arg.level), maxFanOut ?? 0] as const,
    queryFn: () => api.getLineage({ ...arg, ...(maxFanOut ? { maxFanOut } : {}) }),
  }
}

/** The whole estate at asset level: what the page shows before anything is focused. */
export function useLineageOverview(enabled: boolean) {
  const api = useApi()
  return useQuery({
    queryKey: queryKeys.lineageOverview,
    queryFn: () => api.getLineageOverview({}),
    enabled,
  })
}

/** The shortest paths between two fields or assets. */
export function useLineagePath(from: string | undefined, to: string | undefined) {
  const api = useApi()
  return useQuery({
    queryKey: queryKeys.lineagePath(from ?? '', to ?? ''),
    queryFn: () => api.getLineagePath({ from: from!, to: to! }),
    enabled: from !== undefined && to !== undefined,
  })
}

/** Everything downstream of a node, grouped for an impact review. */
export function useLineageImpact(urn: string | undefined) {
  const api = useApi()
  return useQuery({
    queryKey: queryKeys.lineageImpact(urn ?? ''),
    queryFn: () => api.getLineageImpact({ urn: urn! }),
    enabled: urn !== undefined,
  })
}

/** Every suggestion, whatever its status: the page filters, and undo needs the decided ones. */
export function useLineageSuggestions() {
  const api = useApi()
  return useQuery({
    queryKey: queryKeys.lineageSuggestions,
    queryFn: () => api.listLineageSuggestions({}),
  })
}

export function useLineageInsights() {
  const api = useApi()
  return useQuery({
    queryKey: queryKeys.lineageInsights,
    queryFn: () => api.getLineageInsights({}),
  })
}

export interface SuggestionDecisionArg {
  id: string
  decision: LineageSuggestion['status']
  reason?: string
}

/**
 * Accepts, rejects or (with `open`) undoes a decision. An accepted suggestion becomes a declared
 * edge, so every lineage answer is refreshed, and the audit log records the decision.
 */
export function useDecideLineageSuggestion() {
  const api = useApi()
  const client = useQueryClient()
  return useMutation({
    mutationFn: (arg: SuggestionDecisionArg) => api.decideLineageSuggestion(arg),
    onSuccess: (decided) => {
      client.setQueryData<LineageSuggestion[]>(queryKeys.lineageSuggestions, (previous) =>
        previous?.map((suggestion) => (suggestion.id === decided.id ? decided : suggestion)),
      )
      return Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.lineageAll }),
        client.invalidateQueries({ queryKey: queryKeys.audit }),
      ])
    },
  })
}

export interface LineageExportArg {
  format: 'json' | 'openlineage'
  urn?: string
  direction?: LineageDirection
  depth?: number
}

/** Lineage as versioned JSON or OpenLineage JSON, for a download. */
export function useExportLineage() {
  const api = useApi()
  return useMutation({ mutationFn: (arg: LineageExportArg) => api.exportLineage(arg) })
}

/**
 * "Find suggestions": profiles the chosen sources (all when none is chosen) with the profile's
 * larger sample, as a crawl job; the crawl's end refreshes the catalogue and the suggestions.
 */
export function useFindLineageSuggestions() {
  const api = useApi()
  return useMutation({
    mutationFn: (arg: { sources?: string[]; sampleSize?: number }) =>
      api.findLineageSuggestions({
        ...(arg.sources?.length ? { sources: arg.sources } : {}),
        ...(arg.sampleSize === undefined ? {} : { sampleSize: arg.sampleSize }),
      }),
  })
}
