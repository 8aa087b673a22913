/** Hierarchical query keys: invalidating a prefix refreshes everything under it. */
export const queryKeys = {
  appInfo: ['app-info'] as const,
  sources: ['sources'] as const,
  source: (name: string) => ['sources', name] as const,
  /** Last connection check of a saved source, kept client-side (the API does not store it). */
  sourceCheck: (name: string) => ['sources', name, 'check'] as const,
  jobs: ['jobs'] as const,
  job: (id: string) => ['jobs', id] as const,
  audit: ['audit'] as const,
}
