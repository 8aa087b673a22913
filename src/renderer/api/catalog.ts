import {
  keepPreviousData,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query'
import type { CrawlSourceProgress } from '../../shared/model/catalog'
import { useApi } from './api-context'
import { queryKeys } from './query-keys'

const SEARCH_LIMIT = 50

/** One node per source (no parent) or the children of one node. */
export function useCatalogTree(parent: string | null) {
  const api = useApi()
  return useQuery({
    queryKey: queryKeys.catalogTree(parent),
    queryFn: () => api.catalogTree(parent === null ? {} : { parent }),
  })
}

/** The children of every expanded node, loaded lazily and in parallel. */
export function useCatalogTreeChildren(parents: readonly string[]) {
  const api = useApi()
  return useQueries({
    queries: parents.map((parent) => ({
      queryKey: queryKeys.catalogTree(parent),
      queryFn: () => api.catalogTree({ parent }),
    })),
  })
}

/**
 * Search as you type: the caller debounces `text`; the previous hits stay on screen while the
 * next ones load, so the list never flashes empty.
 */
export function useCatalogSearch(text: string) {
  const api = useApi()
  const trimmed = text.trim()
  return useQuery({
    queryKey: queryKeys.catalogSearch(trimmed),
    queryFn: () => api.searchCatalog({ text: trimmed, limit: SEARCH_LIMIT }),
    enabled: trimmed.length > 0,
    placeholderData: keepPreviousData,
  })
}

export function useCatalogAsset(urn: string | undefined) {
  const api = useApi()
  return useQuery({
    queryKey: queryKeys.catalogAsset(urn ?? ''),
    queryFn: () => api.getAsset({ urn: urn ?? '' }),
    enabled: urn !== undefined,
  })
}

/** Crawls of one source, newest first. */
export function useCrawls(source: string | undefined) {
  const api = useApi()
  return useQuery({
    queryKey: queryKeys.crawls(source ?? ''),
    queryFn: () => api.listCrawls({ source, limit: 50 }),
    enabled: source !== undefined,
  })
}

/** Drift of one source between two of its crawls. */
export function useCatalogDiff(source: string | undefined, from?: string, to?: string) {
  const api = useApi()
  return useQuery({
    queryKey: queryKeys.catalogDiff(source ?? '', from ?? '', to ?? ''),
    queryFn: () => api.diffCatalog({ source, from, to }),
    enabled: source !== undefined && from !== undefined && to !== undefined,
  })
}

/**
 * Starts a crawl job (all sources, or the named ones). `sampleSize` is records sampled per table,
 * topic or collection; absent means each connector's default.
 */
export function useStartCrawl() {
  const api = useApi()
  return useMutation({
    mutationFn: (arg: { sources?: string[]; sampleSize?: number } = {}) =>
      api.startCrawl({
        ...(arg.sources ? { sources: arg.sources } : {}),
        ...(arg.sampleSize === undefined ? {} : { sampleSize: arg.sampleSize }),
      }),
  })
}

/**
 * Reveals one field's raw sampled values. `gcTime: 0` drops the result from the mutation cache as
 * soon as the component that asked unmounts: raw values live only in that component's state.
 */
export function useRevealSample() {
  const api = useApi()
  return useMutation({
    mutationFn: (arg: { fieldUrn: string; reason: string }) => api.revealSample(arg),
    gcTime: 0,
  })
}

/** Refreshes tree, search, assets, crawls and drift after a crawl ends. */
export function invalidateCatalog(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: queryKeys.catalog })
}

export function useInvalidateCatalog() {
  const client = useQueryClient()
  return () => invalidateCatalog(client)
}

const PROGRESS_STATES = new Set([
  'queued',
  'running',
  'succeeded',
  'partial',
  'failed',
  'cancelled',
])

/** A crawl job's partial result: one source's progress, or undefined for anything else. */
export function parseCrawlPartial(partial: unknown): CrawlSourceProgress | undefined {
  if (typeof partial !== 'object' || partial === null) return undefined
  const p = partial as Record<string, unknown>
  if (
    typeof p.source !== 'string' ||
    typeof p.state !== 'string' ||
    !PROGRESS_STATES.has(p.state) ||
    typeof p.done !== 'number'
  ) {
    return undefined
  }
  return partial as CrawlSourceProgress
}

/** Progress of each source of one crawl job, by source name. */
export type CrawlProgressMap = Record<string, CrawlSourceProgress>

export function rememberCrawlProgress(
  client: QueryClient,
  jobId: string,
  progress: CrawlSourceProgress,
): void {
  client.setQueryData<CrawlProgressMap>(queryKeys.crawlProgress(jobId), (previous) => ({
    ...previous,
    [progress.source]: progress,
  }))
}

/** The per-source progress of a crawl job, as its events arrive (see useEventSync). */
export function useCrawlProgress(jobId: string | undefined) {
  return useQuery<CrawlProgressMap>({
    queryKey: queryKeys.crawlProgress(jobId ?? ''),
    queryFn: () => ({}),
    enabled: jobId !== undefined,
    staleTime: Infinity,
    gcTime: Infinity,
  })
}
