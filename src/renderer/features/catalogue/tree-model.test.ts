import { describe, expect, it } from 'vitest'
import type { CatalogTreeNode } from '../../../shared/model/catalog'
import { flattenTree, treeKeyAction } from './tree-model'

function node(
  id: string,
  childCount = 0,
  kind: CatalogTreeNode['kind'] = 'table',
): CatalogTreeNode {
  return { id, kind, name: id, source: 'pg', platform: 'postgres', childCount }
}

const roots = [node('source:pg', 1, 'source'), node('source:kafka', 0, 'source')]
const children = new Map([
  ['source:pg', [node('pg/crm', 2, 'database')]],
  ['pg/crm', [node('pg/crm/a'), node('pg/crm/b')]],
])

describe('flattenTree', () => {
  it('shows only roots until something is expanded', () => {
    const rows = flattenTree(roots, children, new Set())
    expect(rows.map((row) => row.node.id)).toEqual(['source:pg', 'source:kafka'])
    expect(rows[0]).toMatchObject({
      level: 1,
      expandable: true,
      expanded: false,
      posInSet: 1,
      setSize: 2,
    })
    expect(rows[1]!.expandable).toBe(false)
  })

  it('lists the children of expanded nodes depth first, with their levels', () => {
    const rows = flattenTree(roots, children, new Set(['source:pg', 'pg/crm']))
    expect(rows.map((row) => [row.node.id, row.level])).toEqual([
      ['source:pg', 1],
      ['pg/crm', 2],
      ['pg/crm/a', 3],
      ['pg/crm/b', 3],
      ['source:kafka', 1],
    ])
    expect(rows[2]).toMatchObject({ parentId: 'pg/crm', posInSet: 1, setSize: 2 })
  })

  it('marks an expanded node whose children have not arrived as loading', () => {
    const rows = flattenTree(roots, new Map(), new Set(['source:pg']))
    expect(rows[0]).toMatchObject({ expanded: true, loading: true })
    expect(rows).toHaveLength(2)
  })
})

describe('treeKeyAction', () => {
  const rows = flattenTree(roots, children, new Set(['source:pg']))

  it('moves with Up, Down, Home and End within bounds', () => {
    expect(treeKeyAction('ArrowDown', rows, 0)).toEqual({ type: 'move', index: 1 })
    expect(treeKeyAction('ArrowDown', rows, 2)).toEqual({ type: 'move', index: 2 })
    expect(treeKeyAction('ArrowUp', rows, 0)).toEqual({ type: 'move', index: 0 })
    expect(treeKeyAction('End', rows, 0)).toEqual({ type: 'move', index: 2 })
    expect(treeKeyAction('Home', rows, 2)).toEqual({ type: 'move', index: 0 })
  })

  it('Right expands a closed node, then steps into an open one', () => {
    expect(treeKeyAction('ArrowRight', rows, 1)).toEqual({ type: 'expand', id: 'pg/crm' })
    expect(treeKeyAction('ArrowRight', rows, 0)).toEqual({ type: 'move', index: 1 })
    expect(treeKeyAction('ArrowRight', rows, 2)).toEqual({ type: 'none' })
  })

  it('Left collapses an open node, else steps out to the parent', () => {
    expect(treeKeyAction('ArrowLeft', rows, 0)).toEqual({ type: 'collapse', id: 'source:pg' })
    expect(treeKeyAction('ArrowLeft', rows, 1)).toEqual({ type: 'move', index: 0 })
    expect(treeKeyAction('ArrowLeft', rows, 2)).toEqual({ type: 'none' })
  })

  it('Enter opens the row; other keys do nothing', () => {
    expect(treeKeyAction('Enter', rows, 1)).toEqual({ type: 'open', row: rows[1] })
    expect(treeKeyAction('x', rows, 1)).toEqual({ type: 'none' })
  })
})
