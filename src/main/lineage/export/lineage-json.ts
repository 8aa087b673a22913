import type { LineageEdge, LineageGraph, LineageNode } from '../../../shared/model/lineage'

/** The version of docs/lineage.md this code writes. Bump it with the document. */
export const LINEAGE_EXPORT_SCHEMA_VERSION = 1

export interface LineageExportInput {
  generator: string
  exportedAt: string
  /** The query that produced the graph; absent for the whole estate. */
  scope?: { urn: string; direction: string; depth: number }
  nodes: readonly LineageNode[]
  edges: readonly LineageEdge[]
}

/** The graph as a whole estate: every node, every field and asset edge. */
export function wholeGraph(
  nodes: Iterable<LineageNode>,
  fieldEdges: readonly LineageEdge[],
  assetEdges: readonly LineageEdge[],
): Pick<LineageGraph, 'nodes' | 'edges'> {
  return { nodes: [...nodes], edges: [...assetEdges, ...fieldEdges] }
}

/** The JSON export (docs/lineage.md, schemaVersion 1): nodes and edges exactly as the API has them. */
export function lineageToJson(input: LineageExportInput): string {
  const doc = {
    schemaVersion: LINEAGE_EXPORT_SCHEMA_VERSION,
    generator: input.generator,
    exportedAt: input.exportedAt,
    scope: input.scope ?? { whole: true },
    counts: {
      nodes: input.nodes.length,
      edges: input.edges.length,
      fieldEdges: input.edges.filter((e) => e.level === 'field').length,
    },
    nodes: input.nodes,
    edges: input.edges,
  }
  return `${JSON.stringify(doc, null, 2)}\n`
}
