import type { LineageEdge, LineageNode, TransformSpec } from '../../../shared/model/lineage'
import { describeTransform } from '../../../shared/lineage/transforms'
import { parseUrn } from '../../../shared/urn'

/**
 * OpenLineage-compatible JSON (issue 6 item 7): one dataset per asset, `namespace` +
 * `name`, the `schema` facet with its fields and, on datasets that receive field edges, the
 * `columnLineage` facet (ColumnLineageDatasetFacet 1-2-0): for each output field its input fields
 * with transformations typed DIRECT/INDIRECT and subtyped IDENTITY/TRANSFORMATION/AGGREGATION.
 * Plus one job per process (connector or declared process) with its input and output datasets.
 *
 * Namespaces are `<scheme>://<source>` with Sightline's logical source names (DESIGN.md §4), not
 * hosts and ports, so the export means the same on every machine; names are the asset's path
 * joined with dots (`crm.dbo.Customer`, `singleview.customers`).
 */

export const PRODUCER = 'https://github.com/sightline/sightline'
const COLUMN_LINEAGE_SCHEMA =
  'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet'
const SCHEMA_FACET_SCHEMA =
  'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet'
const SYMLINKS_SCHEMA =
  'https://openlineage.io/spec/facets/1-0-1/SymlinksDatasetFacet.json#/$defs/SymlinksDatasetFacet'

export interface DatasetId {
  namespace: string
  name: string
}

/** OpenLineage's dataset identity of an asset URN. */
export function datasetOf(assetUrn: string): DatasetId {
  try {
    const p = parseUrn(assetUrn)
    return { namespace: `${p.scheme}://${p.source}`, name: p.path.join('.') || p.source }
  } catch {
    return { namespace: 'sightline', name: assetUrn }
  }
}

interface Transformation {
  type: 'DIRECT' | 'INDIRECT'
  subtype: 'IDENTITY' | 'TRANSFORMATION' | 'AGGREGATION'
  description: string
  masking: boolean
}

function describe(t: TransformSpec | undefined): string {
  return t ? describeTransform(t) : 'copied as is'
}

function hasStep(t: TransformSpec | undefined, types: readonly string[]): boolean {
  if (!t) return false
  if (t.type === 'chain') return t.steps.some((s) => hasStep(s, types))
  return types.includes(t.type)
}

/** OpenLineage's transformation typing of a Sightline transform. */
export function transformationOf(t: TransformSpec | undefined): Transformation {
  const identity = !t || t.type === 'identity' || t.type === 'rename'
  const aggregate = hasStep(t, ['aggregate', 'latest'])
  return {
    type: 'DIRECT',
    subtype: identity ? 'IDENTITY' : aggregate ? 'AGGREGATION' : 'TRANSFORMATION',
    description: describe(t),
    masking: hasStep(t, ['sha256', 'hmac-sha256']),
  }
}

export interface OpenLineageInput {
  exportedAt: string
  nodes: readonly LineageNode[]
  edges: readonly LineageEdge[]
}

export function lineageToOpenLineage(input: OpenLineageInput): string {
  const nodes = new Map(input.nodes.map((n) => [n.urn, n]))
  const assetOf = (urn: string) => nodes.get(urn)?.assetUrn ?? urn.split('#')[0]!
  const fieldName = (urn: string) => nodes.get(urn)?.path ?? urn.slice(urn.indexOf('#') + 1)

  const assets = new Set<string>()
  for (const n of input.nodes) if (n.level === 'asset') assets.add(n.urn)
  for (const e of input.edges) {
    assets.add(assetOf(e.from))
    assets.add(assetOf(e.to))
  }
  const fieldsOf = new Map<string, string[]>()
  for (const n of input.nodes)
    if (n.level === 'field' && n.assetUrn) {
      const list = fieldsOf.get(n.assetUrn) ?? []
      list.push(n.path ?? n.label)
      fieldsOf.set(n.assetUrn, list)
    }
  type Inputs = Record<
    string,
    { inputFields: Array<DatasetId & { field: string; transformations: Transformation[] }> }
  >
  const columnLineage = new Map<string, Inputs>()
  const jobs = new Map<string, { inputs: Set<string>; outputs: Set<string>; kind: string }>()
  for (const e of input.edges) {
    const job = jobs.get(e.via.name) ?? { inputs: new Set(), outputs: new Set(), kind: e.via.kind }
    job.inputs.add(assetOf(e.from))
    job.outputs.add(assetOf(e.to))
    jobs.set(e.via.name, job)
    if (e.level !== 'field') continue
    const target = assetOf(e.to)
    const fields = columnLineage.get(target) ?? {}
    const out = fieldName(e.to)
    const entry = (fields[out] ??= { inputFields: [] })
    entry.inputFields.push({
      ...datasetOf(assetOf(e.from)),
      field: fieldName(e.from),
      transformations: [transformationOf(e.transform)],
    })
    columnLineage.set(target, fields)
  }

  const datasets = [...assets].sort().map((urn) => {
    const node = nodes.get(urn)
    const facets: Record<string, unknown> = {
      symlinks: {
        _producer: PRODUCER,
        _schemaURL: SYMLINKS_SCHEMA,
        identifiers: [{ namespace: 'sightline', name: urn, type: node?.kind ?? 'dataset' }],
      },
    }
    const fields = fieldsOf.get(urn)
    if (fields && fields.length > 0)
      facets.schema = {
        _producer: PRODUCER,
        _schemaURL: SCHEMA_FACET_SCHEMA,
        fields: fields.map((name) => ({ name })),
      }
    const lineage = columnLineage.get(urn)
    if (lineage)
      facets.columnLineage = {
        _producer: PRODUCER,
        _schemaURL: COLUMN_LINEAGE_SCHEMA,
        fields: lineage,
      }
    return { ...datasetOf(urn), facets }
  })
  const doc = {
    producer: PRODUCER,
    exportedAt: input.exportedAt,
    datasets,
    jobs: [...jobs]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, j]) => ({
        namespace: 'sightline',
        name,
        facets: {
          jobType: {
            _producer: PRODUCER,
            _schemaURL:
              'https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet',
            processingType: 'STREAMING',
            integration: j.kind === 'connector' ? 'KAFKA_CONNECT' : 'SIGHTLINE',
            jobType: j.kind.toUpperCase(),
          },
        },
        inputs: [...j.inputs].sort().map(datasetOf),
        outputs: [...j.outputs].sort().map(datasetOf),
      })),
  }
  return `${JSON.stringify(doc, null, 2)}\n`
}
