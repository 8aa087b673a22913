import { notifyManager, QueryClient } from '@tanstack/react-query'

// Query answers reach the components in a microtask, not in a setTimeout(0) (TanStack Query's
// default): with the timeout, the browser could lay out and paint the page between an answer
// and its render, and the Lineage page waited that long before drawing an expansion's fields
// (issue 6: bench/graph's app expand, its fields added ~15-20 ms sooner in an A/B run).
// Notifications are still batched (`notifyManager.batch`); a microtask is one of the schedulers
// TanStack Query documents. Set once, for the one query client of the renderer.
notifyManager.setScheduler(queueMicrotask)

/** The renderer's query client. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // The API is local: a failure is an answer to show, not a glitch to retry.
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 },
      mutations: { retry: false },
    },
  })
}
