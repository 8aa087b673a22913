import type { LineageEdge, LineageGraph, LineageNode } from '../../../shared/model/lineage'
import type { Platform } from './graph-engine/classes'
import type { LineageEdgeData, LineageNodeData } from './graph-engine/to-elements'
import { transformLabel } from './graph-engine/transform-label'
import {
  categoryLabel,
  describeOrigin,
  labelFromUrn,
  nodeTitle,
  PLATFORM_LABELS,
} from './lineage-logic'

/** One line of a tooltip: a label and its value (`mono` for URNs). */
export interface TooltipLine {
  label: string
  value: string
  mono?: boolean
}

/** What the canvas tooltip says about a node or an edge: the full name, then the facts. */
export interface TooltipContent {
  title: string
  lines: TooltipLine[]
  /** A hint for the "+N more" / "Show fewer" nodes: what a click does. */
  hint?: string
}

const KIND_LABELS: Record<string, string> = {
  table: 'table',
  view: 'view',
  topic: 'topic',
  collection: 'collection',
  connector: 'connector',
  model: 'model',
}

function platformLabel(platform: string): string {
  return PLATFORM_LABELS[platform as Platform] ?? platform
}

/**
 * The tooltip of a drawn node: its qualified name (never truncated), URN, platform and kind,
 * the field's type, personal-data category (and why, when by lineage), owner and state.
 */
export function nodeTooltip(
  data: LineageNodeData & { toggle?: boolean; hiddenCount?: number; fullLabel?: string },
  graph: LineageGraph | undefined,
  /** Edges drawn into and out of the node (for a connector: what it moves in this view). */
  drawn?: { in: number; out: number },
): TooltipContent {
  if (data.toggle) {
    const asset = graph?.nodes.find((n) => n.urn === data.parent)
    const name = asset?.label ?? labelFromUrn(data.parent ?? '')
    return data.hiddenCount !== undefined
      ? {
          title: `${data.hiddenCount} more fields of ${name}`,
          lines: [],
          hint: 'Fields on no lineage path in view are folded here; click to show every field.',
        }
      : {
          title: `Every field of ${name} is shown`,
          lines: [],
          hint: 'Click to fold the fields on no path.',
        }
  }
  const assets = new Map((graph?.nodes ?? []).map((n) => [n.urn, n]))
  const node: LineageNode | undefined = assets.get(data.id)
  const title = node ? nodeTitle(node, assets) : (data.fullLabel ?? data.label)
  const lines: TooltipLine[] = [{ label: 'URN', value: data.id, mono: true }]
  const kind = KIND_LABELS[data.kind] ?? data.kind
  const platform = platformLabel(data.platform)
  const what = platform.toLowerCase().includes(kind) ? platform : `${platform} ${kind}`
  lines.push({ label: 'Platform', value: data.level === 'field' ? `${what} field` : what })
  if (node?.dataType) lines.push({ label: 'Type', value: node.dataType })
  if (data.level === 'asset' && node?.fieldCount) {
    lines.push({ label: 'Fields', value: String(node.fieldCount) })
  }
  const pd = node?.personalData
  if (pd) {
    const by = pd.by === 'lineage' ? 'by lineage' : pd.by === 'review' ? 'reviewed' : 'classified'
    lines.push({ label: 'Personal data', value: `${categoryLabel(pd.category)} (${by})` })
    // The lineage reason names the feeding field; a classifier's is on the Details tab.
    if (pd.reason && pd.by === 'lineage') lines.push({ label: 'Why', value: pd.reason })
  }
  if (node?.owner) lines.push({ label: 'Owner', value: node.owner })
  if (data.state) lines.push({ label: 'State', value: data.state })
  if (drawn && data.kind === 'connector') {
    lines.push({ label: 'In view', value: `${drawn.in} in, ${drawn.out} out` })
  }
  if (!data.catalogued)
    lines.push({ label: 'Catalogue', value: 'not crawled: named by a config or declaration' })
  return { title, lines }
}

/** The tooltip of a drawn edge: from and to, the transformation, the process, the origin. */
export function edgeTooltip(
  data: LineageEdgeData,
  graph: LineageGraph | undefined,
): TooltipContent {
  const assets = new Map((graph?.nodes ?? []).map((n) => [n.urn, n]))
  const name = (urn: string) => {
    const node = assets.get(urn)
    return node ? nodeTitle(node, assets) : labelFromUrn(urn)
  }
  const byId = new Map<string, LineageEdge>((graph?.edges ?? []).map((e) => [e.id, e]))
  const lineage = data.edgeIds.flatMap((id) => byId.get(id) ?? [])
  const first = lineage[0]
  if (data.suggestionId) {
    return {
      title: `Suggested: ${name(data.source)} → ${name(data.target)}`,
      lines: [{ label: 'Score', value: data.label }],
    }
  }
  if (lineage.length > 1 || !first) {
    const vias = [...new Set(lineage.map((e) => e.via.name))].join(', ')
    const lines: TooltipLine[] = [{ label: 'Edges', value: String(data.edgeIds.length) }]
    if (vias) lines.push({ label: 'Via', value: vias })
    return { title: `${name(data.source)} → ${name(data.target)}`, lines }
  }
  const lines: TooltipLine[] = []
  const transform = transformLabel(first.transform)
  if (transform) lines.push({ label: 'Transform', value: transform })
  lines.push({ label: 'Via', value: `${first.via.name} (${first.via.kind})` })
  lines.push({ label: 'Origin', value: describeOrigin(first.origin) })
  return { title: `${name(first.from)} → ${name(first.to)}`, lines }
}
