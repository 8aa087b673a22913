import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo } from 'react'
import type { LineageGraph, LineagePath } from '../../../shared/model/lineage'
import { useApi } from '../../api/api-context'
import {
  useLineage,
  useLineageExpansions,
  useLineageOverview,
  useLineagePath,
  type LineageQuery,
} from '../../api/lineage'
import { mergeGraphs } from './lineage-logic'
import type { GraphParts } from './page-elements'
import { expansionContextOf, lineageQueryOf } from './lineage-question'
import { useLineageUi } from './lineage-store'
import { prefetchOnExpand } from './prefetch-expansions'

export interface LineageView {
  query?: LineageQuery
  /** The focus graph (or the overview), its expansions and the path's graph, merged. */
  graph?: LineageGraph
  /** What `graph` was merged from: the page draws an expansion from the last drawing with it. */
  parts?: GraphParts
  path?: LineagePath
  loading: boolean
  fetching: boolean
  error: unknown
  pathError: unknown
  pathLoading: boolean
}

/** Expansions asked for the moment the store gets them (prefetchOnExpand), while the page is open. */
function usePrefetchExpansions(): void {
  const client = useQueryClient()
  const api = useApi()
  useEffect(() => prefetchOnExpand(client, api), [client, api])
}

/**
 * Everything the page draws, from the UI store's question: the focus neighbourhood (or the estate
 * overview without a focus), expanded neighbourhoods and the highlighted path, as one graph.
 */
export function useLineageView(): LineageView {
  const ui = useLineageUi()
  const { focus, expansions, pathFrom, pathTo } = ui
  const query = lineageQueryOf(ui)
  const focused = useLineage(query)
  const overview = useLineageOverview(focus === undefined)
  const expanded = useLineageExpansions(expansions, expansionContextOf(ui))
  usePrefetchExpansions()
  const path = useLineagePath(pathFrom, pathTo)

  const base = focus ? focused.data : overview.data
  const extras = expanded.flatMap((result) => (result.data ? [result.data] : []))
  // The answers' versions: a query still waiting for its first answer adds nothing, so asking
  // one (opening a node) leaves the graph, and every memo keyed on it, as it was.
  const extrasKey = expanded
    .flatMap((result) =>
      result.data ? [`${result.data.focus ?? ''}@${result.dataUpdatedAt}`] : [],
    )
    .join('\n')
  const pathData = path.data
  const merged = useMemo(() => {
    if (!base) return undefined
    // The path's own nodes and edges join the view, so a path beyond the depth still shows whole.
    const withPath = pathData ? [...extras, { ...pathData.graph, focus: undefined }] : extras
    const parts: GraphParts = { base, expansions: extras, withPath: pathData !== undefined }
    return { graph: mergeGraphs(base, withPath), parts }
    // extras is rebuilt every render; extrasKey says when its content changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [base, extrasKey, pathData])

  return {
    query,
    graph: merged?.graph,
    parts: merged?.parts,
    path: pathData,
    loading: focus ? focused.isPending : overview.isPending,
    fetching: focused.isFetching || expanded.some((result) => result.isFetching),
    error: (focus ? focused.error : overview.error) ?? expanded.find((r) => r.error)?.error,
    pathError: path.error,
    pathLoading: path.isFetching,
  }
}
