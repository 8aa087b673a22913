import type { LineageEdge, LineageGraph, LineageNode } from '../../../../shared/model/lineage'

/** A small estate-shaped lineage graph for the engine's tests: table -> topic -> collection. */
export const TABLE = 'postgres://amper-pg/crm/dbo/Customer'
export const TOPIC = 'kafka://events/crm.dbo.Customer'
export const COLL = 'mongodb://singleview/singleview/customers'

export function node(urn: string, over: Partial<LineageNode> = {}): LineageNode {
  const field = urn.includes('#')
  return {
    urn,
    level: field ? 'field' : 'asset',
    platform: urn.startsWith('postgres')
      ? 'postgres'
      : urn.startsWith('kafka')
        ? 'kafka'
        : 'mongodb',
    kind: urn.startsWith('postgres') ? 'table' : urn.startsWith('kafka') ? 'topic' : 'collection',
    source: 'x',
    label: field ? urn.split('#')[1]! : urn.split('/').pop()!,
    catalogued: true,
    ...(field ? { assetUrn: urn.split('#')[0]!, path: urn.split('#')[1]! } : { fieldCount: 2 }),
    ...over,
  }
}

export function edge(
  id: string,
  from: string,
  to: string,
  over: Partial<LineageEdge> = {},
): LineageEdge {
  return {
    id,
    level: from.includes('#') ? 'field' : 'asset',
    from,
    to,
    via: { kind: 'connector', name: 'crm-cdc' },
    origin: {
      kind: 'extracted',
      connectorUrn: 'kafka-connect://connect/crm-cdc',
      connector: 'crm-cdc',
      connectorClass: 'SqlServerConnector',
      configKeys: ['topic.prefix'],
    },
    ...over,
  }
}

/** Three assets, two fields each, field edges rolling up into two asset edges. */
export function smallGraph(): LineageGraph {
  const declared = {
    kind: 'declared' as const,
    file: 'catalog/lineage/singleview-builder.yaml',
    line: 12,
    process: 'singleview-builder',
  }
  return {
    nodes: [
      node(TABLE),
      node(`${TABLE}#Email`, {
        personalData: { category: 'contact.email', by: 'classification', reason: 'values' },
      }),
      node(`${TABLE}#CustomerId`),
      node(TOPIC),
      node(`${TOPIC}#after.Email`),
      node(`${TOPIC}#after.CustomerId`),
      node(COLL),
      node(`${COLL}#contact.email`, {
        personalData: { category: 'contact.email', by: 'lineage', reason: 'fed by Email' },
      }),
      node(`${COLL}#_id`),
    ],
    edges: [
      edge('a1', TABLE, TOPIC),
      edge('a2', TOPIC, COLL, {
        via: { kind: 'process', name: 'singleview-builder' },
        origin: declared,
      }),
      edge('f1', `${TABLE}#Email`, `${TOPIC}#after.Email`, { assetEdge: 'a1' }),
      edge('f2', `${TABLE}#CustomerId`, `${TOPIC}#after.CustomerId`, { assetEdge: 'a1' }),
      edge('f3', `${TOPIC}#after.Email`, `${COLL}#contact.email`, {
        assetEdge: 'a2',
        via: { kind: 'process', name: 'singleview-builder' },
        origin: declared,
        transform: { type: 'chain', steps: [{ type: 'trim' }, { type: 'lower-case' }] },
      }),
      edge('f4', `${TOPIC}#after.CustomerId`, `${COLL}#_id`, {
        assetEdge: 'a2',
        via: { kind: 'process', name: 'singleview-builder' },
        origin: declared,
        transform: { type: 'prefix-pad', prefix: 'C', width: 8 },
      }),
    ],
    frontier: [COLL],
  }
}
