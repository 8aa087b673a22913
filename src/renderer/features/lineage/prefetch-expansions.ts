import type { QueryClient } from '@tanstack/react-query'
import type { SightlineApi } from '../../../shared/api'
import { prefetchExpansions } from '../../api/lineage'
import { useLineageUi } from './lineage-store'
import { expansionContextOf } from './lineage-question'

/**
 * Asks for every expansion the Lineage store gets (a node opened to its fields, a frontier node
 * expanded) inside the store update itself: zustand calls its listeners there, so the question
 * leaves with the click, before the page's render (prefetchExpansions says why that matters).
 * Returns the unsubscribe.
 */
export function prefetchOnExpand(client: QueryClient, api: SightlineApi): () => void {
  return useLineageUi.subscribe((state, previous) => {
    if (state.expansions === previous.expansions) return
    const added = state.expansions.filter((e) => !previous.expansions.includes(e))
    if (added.length > 0) prefetchExpansions(client, api, added, expansionContextOf(state))
  })
}
