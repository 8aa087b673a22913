/** Hierarchical query keys: invalidating a prefix refreshes everything under it. */
export const queryKeys = {
  appInfo: ['app-info'] as const,
  storeResidency: ['app-info', 'store-residency'] as const,
  sources: ['sources'] as const,
  source: (name: string) => ['sources', name] as const,
  /** Last connection check of a saved source, kept client-side (the API does not store it). */
  sourceCheck: (name: string) => ['sources', name, 'check'] as const,
  jobs: ['jobs'] as const,
  job: (id: string) => ['jobs', id] as const,
  audit: ['audit'] as const,
  /** Everything read from the catalogue: a finished crawl invalidates this prefix. */
  catalog: ['catalog'] as const,
  catalogTree: (parent: string | null) => ['catalog', 'tree', parent ?? ''] as const,
  catalogSearch: (text: string) => ['catalog', 'search', text] as const,
  catalogAsset: (urn: string) => ['catalog', 'asset', urn] as const,
  crawls: (source: string) => ['catalog', 'crawls', source] as const,
  catalogDiff: (source: string, from: string, to: string) =>
    ['catalog', 'diff', source, from, to] as const,
  /** Per-source progress of one crawl job, folded from its `job.partial` events. */
  crawlProgress: (jobId: string) => ['crawl-progress', jobId] as const,
  owners: ['owners'] as const,
  /** The personal-data map and field classifications: under `catalog`, so a crawl refreshes them. */
  personalData: ['catalog', 'personal-data'] as const,
  personalDataMap: ['catalog', 'personal-data', 'map'] as const,
  fieldClassification: (urn: string) => ['catalog', 'personal-data', 'field', urn] as const,
  processing: ['processing'] as const,
  /** Lineage: under `catalog`, so a crawl (new connectors, fields) refreshes it. */
  lineageAll: ['catalog', 'lineage'] as const,
  lineage: (urn: string, direction: string, depth: number, level: string) =>
    ['catalog', 'lineage', 'graph', urn, direction, depth, level] as const,
  lineageOverview: ['catalog', 'lineage', 'overview'] as const,
  lineagePath: (from: string, to: string) => ['catalog', 'lineage', 'path', from, to] as const,
  lineageImpact: (urn: string) => ['catalog', 'lineage', 'impact', urn] as const,
  lineageSuggestions: ['catalog', 'lineage', 'suggestions'] as const,
  lineageInsights: ['catalog', 'lineage', 'insights'] as const,
  /** Lookup (issue 7): results live in main's memory only, so none of these is under `catalog`. */
  lookupRecognise: (value: string) => ['lookup', 'recognise', value] as const,
  lookupPlan: (input: string, scans: string) => ['lookup', 'plan', input, scans] as const,
  lookupProgress: (jobId: string) => ['lookup', 'progress', jobId] as const,
  lookupResult: (lookupId: string) => ['lookup', 'result', lookupId] as const,
  lookupHistory: ['lookup', 'history'] as const,
}
