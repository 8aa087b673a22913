import { describe, expect, it } from 'vitest'
import type { LineageGraph, LineageNode } from '../../../../shared/model/lineage'
import { mergeGraphs } from '../lineage-logic'
import { graphIndex } from './graph-index'

const asset = (urn: string): LineageNode => ({
  urn,
  level: 'asset',
  platform: 'postgres',
  kind: 'table',
  source: 'pg',
  label: urn,
  catalogued: true,
})
const field = (assetUrn: string, path: string): LineageNode => ({
  ...asset(`${assetUrn}#${path}`),
  level: 'field',
  assetUrn,
  path,
})

const base: LineageGraph = { nodes: [asset('a'), asset('b')], edges: [], frontier: ['b'] }
const extra: LineageGraph = {
  focus: 'b',
  nodes: [asset('b'), field('b', 'x'), field('c', 'y')],
  edges: [],
  frontier: [],
}

describe('graphIndex', () => {
  it('indexes nodes by URN and the assets with fields, once per graph', () => {
    const index = graphIndex(extra)
    expect([...index.byUrn.keys()]).toEqual(['b', 'b#x', 'c#y'])
    expect([...index.fieldOwners]).toEqual(['b', 'c'])
    expect(graphIndex(extra)).toBe(index)
  })

  it('is handed over by mergeGraphs, and the same as one made from the merged graph', () => {
    const merged = mergeGraphs(base, [extra])
    const handed = graphIndex(merged)
    const fresh = graphIndex({ ...merged })
    expect(handed).not.toBe(fresh)
    expect([...handed.byUrn]).toEqual([...fresh.byUrn])
    expect([...handed.fieldOwners].sort()).toEqual([...fresh.fieldOwners].sort())
    // The first node of a URN wins, as in the merged graph's nodes.
    expect(handed.byUrn.get('b')).toBe(base.nodes[1])
  })
})
