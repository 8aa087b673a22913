import type { QueryClient } from '@tanstack/react-query'
import type { SightlineApi } from '../../../shared/api'
import { expansionQueryOptions } from '../../api/lineage'
import { expansionContextOf } from './lineage-question'
import { useLineageUi } from './lineage-store'

/**
 * Asks for every expansion the Lineage store gets (a node opened to its fields, a frontier node
 * expanded) inside the store update itself: zustand calls its listeners there, so the question
 * leaves with the click. Otherwise the page's render, its commit and the frame the browser may
 * paint before React's effects run would come first (issue 6: the app's expand). The page's own
 * query (same options) then finds the answer in the cache, or the question under way.
 * Returns the unsubscribe.
 */
export function prefetchOnExpand(client: QueryClient, api: SightlineApi): () => void {
  return useLineageUi.subscribe((state, previous) => {
    if (state.expansions === previous.expansions) return
    const around = expansionContextOf(state)
    for (const expansion of state.expansions) {
      if (previous.expansions.includes(expansion)) continue
      void client.prefetchQuery(expansionQueryOptions(api, expansion, around))
    }
  })
}
