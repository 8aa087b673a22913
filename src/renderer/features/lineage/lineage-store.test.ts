import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_DEPTH, MAX_DEPTH, useLineageUi, viewLevel } from './lineage-store'

const ASSET = 'kafka://events/crm.dbo.Customer'
const FIELD = `${ASSET}#after.Email`

describe('the Lineage page UI store', () => {
  beforeEach(() => {
    useLineageUi.setState({
      focus: undefined,
      level: undefined,
      depth: DEFAULT_DEPTH,
      expansions: [],
      expandedAssets: [],
      selection: undefined,
      tab: 'nodes',
    })
  })

  it('starts one hop each way and a new focus forgets the old question', () => {
    const ui = useLineageUi.getState()
    expect(ui.depth).toBe(1)
    expect(ui.direction).toBe('both')
    ui.setFocus(ASSET)
    ui.expand({ urn: 'x://y/z' })
    ui.toggleAsset(ASSET, true)
    useLineageUi.getState().setFocus(FIELD)
    const next = useLineageUi.getState()
    expect(next.expansions).toEqual([])
    expect(next.expandedAssets).toEqual([])
    expect(next.selection).toEqual({ kind: 'node', urn: FIELD })
    expect(next.tab).toBe('details')
    expect(viewLevel(next)).toBe('field')
  })

  it('clamps the depth and drops expansions when it changes', () => {
    const ui = useLineageUi.getState()
    ui.expand({ urn: 'x://y/z' })
    ui.setDepth(99)
    expect(useLineageUi.getState().depth).toBe(MAX_DEPTH)
    expect(useLineageUi.getState().expansions).toEqual([])
    ui.setDepth(0)
    expect(useLineageUi.getState().depth).toBe(1)
  })

  it('opens an asset to its fields, loading them only in an asset-level view', () => {
    const ui = useLineageUi.getState()
    ui.toggleAsset(ASSET, true)
    expect(useLineageUi.getState().expandedAssets).toEqual([ASSET])
    expect(useLineageUi.getState().expansions).toEqual([{ urn: ASSET, level: 'field' }])
    ui.toggleAsset(ASSET, true)
    expect(useLineageUi.getState().expandedAssets).toEqual([])
    expect(useLineageUi.getState().expansions).toEqual([])
    ui.toggleAsset(ASSET, false)
    expect(useLineageUi.getState().expansions).toEqual([])
  })

  it('replaces an expansion of the same node instead of stacking it', () => {
    const ui = useLineageUi.getState()
    ui.expand({ urn: FIELD })
    ui.expand({ urn: FIELD, maxFanOut: 60 })
    expect(useLineageUi.getState().expansions).toEqual([{ urn: FIELD, maxFanOut: 60 }])
  })
})
