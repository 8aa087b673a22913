import { describe, expect, it } from 'vitest'
import type { LineageEdge, LineageNode } from '../../../shared/model/lineage'
import { datasetOf, lineageToOpenLineage, transformationOf } from './openlineage'
import { lineageToJson } from './lineage-json'

const node = (
  urn: string,
  level: 'asset' | 'field',
  extra: Partial<LineageNode> = {},
): LineageNode => ({
  urn,
  level,
  platform: urn.startsWith('kafka') ? 'kafka' : 'mongodb',
  kind: urn.startsWith('kafka') ? 'topic' : 'collection',
  source: urn.split('://')[1]!.split('/')[0]!,
  label: urn,
  catalogued: true,
  ...extra,
})

const T = 'kafka://events/crm.dbo.Customer'
const C = 'mongodb://singleview/singleview/customers'
const nodes = [
  node(T, 'asset'),
  node(`${T}#after.Email`, 'field', { assetUrn: T, path: 'after.Email' }),
  node(C, 'asset'),
  node(`${C}#contact.email`, 'field', { assetUrn: C, path: 'contact.email' }),
]
const edge: LineageEdge = {
  id: 'e1',
  level: 'field',
  from: `${T}#after.Email`,
  to: `${C}#contact.email`,
  transform: { type: 'chain', steps: [{ type: 'trim' }, { type: 'lower-case' }] },
  via: { kind: 'process', name: 'singleview-builder' },
  origin: {
    kind: 'declared',
    file: 'catalog/lineage/b.yaml',
    line: 3,
    process: 'singleview-builder',
  },
}

describe('lineage exports', () => {
  it('names datasets by logical source and dotted path', () => {
    expect(datasetOf(C)).toEqual({
      namespace: 'mongodb://singleview',
      name: 'singleview.customers',
    })
  })

  it('types transformations as OpenLineage does', () => {
    expect(transformationOf(undefined)).toMatchObject({
      type: 'DIRECT',
      subtype: 'IDENTITY',
      masking: false,
    })
    expect(transformationOf({ type: 'aggregate', fn: 'count', groupBy: 'c' }).subtype).toBe(
      'AGGREGATION',
    )
    expect(
      transformationOf({ type: 'chain', steps: [{ type: 'trim' }, { type: 'sha256' }] }),
    ).toMatchObject({
      subtype: 'TRANSFORMATION',
      masking: true,
    })
  })

  it('writes the columnLineage facet on the output dataset, and one job per process', () => {
    const doc = JSON.parse(lineageToOpenLineage({ exportedAt: 'now', nodes, edges: [edge] }))
    const out = doc.datasets.find((d: { name: string }) => d.name === 'singleview.customers')
    expect(out.facets.columnLineage._schemaURL).toMatch(/ColumnLineageDatasetFacet/)
    expect(out.facets.columnLineage.fields['contact.email'].inputFields).toEqual([
      expect.objectContaining({
        namespace: 'kafka://events',
        name: 'crm.dbo.Customer',
        field: 'after.Email',
        transformations: [expect.objectContaining({ type: 'DIRECT', subtype: 'TRANSFORMATION' })],
      }),
    ])
    expect(out.facets.schema.fields).toEqual([{ name: 'contact.email' }])
    expect(doc.jobs).toEqual([
      expect.objectContaining({
        name: 'singleview-builder',
        inputs: [{ namespace: 'kafka://events', name: 'crm.dbo.Customer' }],
        outputs: [{ namespace: 'mongodb://singleview', name: 'singleview.customers' }],
      }),
    ])
  })

  it('writes the versioned JSON export', () => {
    const doc = JSON.parse(
      lineageToJson({ generator: 'sightline test', exportedAt: 'now', nodes, edges: [edge] }),
    )
    expect(doc).toMatchObject({
      schemaVersion: 1,
      scope: { whole: true },
      counts: { nodes: 4, edges: 1, fieldEdges: 1 },
    })
  })
})
