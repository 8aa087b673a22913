import { QueryClient } from '@tanstack/react-query'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SightlineApi } from '../../../shared/api'
import type { LineageGraph } from '../../../shared/model/lineage'
import { expansionQueryOptions } from '../../api/lineage'
import { expansionContextOf } from './lineage-question'
import { DEFAULT_DEPTH, useLineageUi } from './lineage-store'
import { prefetchOnExpand } from './prefetch-expansions'

const TOPIC = 'kafka://events/crm.dbo.Customer'
const TABLE = 'mssql://crm/crm.dbo.Customer'
const answer: LineageGraph = { focus: TOPIC, nodes: [], edges: [], frontier: [] }

/** An API whose only method here is getLineage, answering at once and noting each call. */
function fakeApi(calls: unknown[]): SightlineApi {
  return {
    getLineage: (arg: unknown) => {
      calls.push(arg)
      return Promise.resolve(answer)
    },
  } as unknown as SightlineApi
}

describe('expansions asked with the click that opens a node (issue 6)', () => {
  let stop: () => void = () => undefined
  beforeEach(() => {
    useLineageUi.setState({
      focus: undefined,
      level: undefined,
      direction: 'both',
      depth: DEFAULT_DEPTH,
      expansions: [],
      expandedAssets: [],
    })
  })
  afterEach(() => stop())

  it('asks for an asset’s fields inside the store update, under the page’s query key', async () => {
    const client = new QueryClient()
    const calls: unknown[] = []
    const api = fakeApi(calls)
    stop = prefetchOnExpand(client, api)
    useLineageUi.getState().toggleAsset(TOPIC, true)
    // Synchronously: no render, no effect, no timer in between.
    expect(calls).toEqual([{ urn: TOPIC, direction: 'both', depth: 1, level: 'field' }])
    const expansion = useLineageUi.getState().expansions[0]!
    const { queryKey } = expansionQueryOptions(
      api,
      expansion,
      expansionContextOf(useLineageUi.getState()),
    )
    await Promise.resolve()
    await Promise.resolve()
    expect(client.getQueryData(queryKey)).toBe(answer)
  })

  it('asks a frontier expansion with the focused view’s direction and level', () => {
    const calls: unknown[] = []
    useLineageUi.setState({ focus: TABLE, direction: 'down' })
    stop = prefetchOnExpand(new QueryClient(), fakeApi(calls))
    useLineageUi.getState().expand({ urn: TOPIC, maxFanOut: 40 })
    expect(calls).toEqual([
      { urn: TOPIC, direction: 'down', depth: 1, level: 'asset', maxFanOut: 40 },
    ])
  })

  it('asks nothing for an asset opened without loading, nor once stopped', () => {
    const calls: unknown[] = []
    stop = prefetchOnExpand(new QueryClient(), fakeApi(calls))
    useLineageUi.getState().toggleAsset(TOPIC, false)
    expect(calls).toEqual([])
    stop()
    useLineageUi.getState().toggleAsset(TABLE, true)
    expect(calls).toEqual([])
  })
})
