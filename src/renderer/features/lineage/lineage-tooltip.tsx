import { Text } from '@mantine/core'
import type { Core, EdgeSingular, NodeSingular } from 'cytoscape'
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { LineageGraph } from '../../../shared/model/lineage'
import { cyIdOf } from './cy-selection'
import type { LineageEdgeData, LineageNodeData } from './graph-engine/to-elements'
import type { LineageSelection } from './lineage-store'
import { edgeTooltip, nodeTooltip, type TooltipContent } from './tooltip-content'

/** Id of the tooltip element: the canvas points at it with aria-describedby. */
export const TOOLTIP_ID = 'lineage-canvas-tooltip'

const GAP = 8

interface Placed {
  content: TooltipContent
  x: number
  y: number
  /** Above the element, or below it when it is near the top of the canvas. */
  below: boolean
  /** The element's middle, in the canvas's pixels (what the tooltip is about). */
  anchor: { x: number; y: number }
}

/** Where the tooltip of element `id` goes, in the canvas's own pixels. */
function place(cy: Core, id: string, graph: LineageGraph | undefined): Placed | undefined {
  const el = cy.getElementById(id)
  if (el.empty()) return undefined
  if (el.isNode()) {
    const node = el as NodeSingular
    const box = node.renderedBoundingBox({ includeLabels: false, includeOverlays: false })
    const below = box.y1 < 90
    return {
      content: nodeTooltip(node.data() as LineageNodeData, graph, {
        in: node.incomers('edge').length,
        out: node.outgoers('edge').length,
      }),
      x: (box.x1 + box.x2) / 2,
      y: below ? box.y2 + GAP : box.y1 - GAP,
      below,
      anchor: { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 },
    }
  }
  const edge = el as EdgeSingular
  const mid = edge.renderedMidpoint()
  const below = mid.y < 90
  return {
    content: edgeTooltip(edge.data() as LineageEdgeData, graph),
    x: mid.x,
    y: below ? mid.y + GAP : mid.y - GAP,
    below,
    anchor: mid,
  }
}

/**
 * The canvas's tooltip: the full name and facts of the node or edge under the pointer, or,
 * while the canvas has keyboard focus, of the selected one. Labels on the canvas are cut to fit
 * their boxes; this is where the whole name is. It follows pan, zoom and layout.
 */
export function LineageTooltip({
  cy,
  graph,
  selection,
}: {
  cy: Core | undefined
  graph: LineageGraph | undefined
  selection: LineageSelection | undefined
}) {
  const [hover, setHover] = useState<string | undefined>(undefined)
  const [focused, setFocused] = useState(false)
  const [, setTick] = useState(0)
  /** Whether a tooltip is on screen (read by the listener that makes it follow the view). */
  const shown = useRef(false)

  useEffect(() => {
    if (!cy) return
    let frame = 0
    const redraw = () => {
      // Nothing shown, nothing to follow: nodes moving while the graph makes room for an
      // expansion would otherwise render this component once a frame, for nothing.
      if (!shown.current) return
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => setTick((t) => t + 1))
    }
    const over = (event: { target: NodeSingular | EdgeSingular }) => setHover(event.target.id())
    const out = () => setHover(undefined)
    cy.on('mouseover', 'node, edge', over)
    cy.on('mouseout', 'node, edge', out)
    cy.on('viewport position', redraw)
    cy.on('remove', out)
    const container = cy.container()
    const onFocus = () => setFocused(true)
    const onBlur = () => setFocused(false)
    container?.addEventListener('focus', onFocus)
    container?.addEventListener('blur', onBlur)
    // cytoscape says nothing when the pointer leaves the canvas over a node.
    container?.addEventListener('mouseleave', out)
    return () => {
      cancelAnimationFrame(frame)
      cy.off('mouseover', 'node, edge', over)
      cy.off('mouseout', 'node, edge', out)
      cy.off('viewport position', redraw)
      cy.off('remove', out)
      container?.removeEventListener('focus', onFocus)
      container?.removeEventListener('blur', onBlur)
      container?.removeEventListener('mouseleave', out)
    }
  }, [cy])

  const live = cy && !cy.destroyed() ? cy : undefined
  const selected = live && selection && focused ? cyIdOf(live, selection) : undefined
  const target = hover ?? selected
  const placed = live && target ? place(live, target, graph) : undefined
  useEffect(() => {
    shown.current = placed !== undefined
  })
  // Kept inside the canvas (whose box clips it): moved sideways once its width is known.
  const box = useRef<HTMLDivElement>(null)
  useLayoutEffect(() => {
    const tip = box.current
    const area = tip?.offsetParent as HTMLElement | null
    if (!tip || !area || !placed) return
    const half = tip.offsetWidth / 2
    const x = Math.min(
      Math.max(placed.x, half + 4),
      Math.max(half + 4, area.clientWidth - half - 4),
    )
    tip.style.left = `${x}px`
  })
  if (!placed) return null
  const { content } = placed
  return (
    <div
      ref={box}
      id={TOOLTIP_ID}
      role="tooltip"
      data-testid="lineage-tooltip"
      className="sl-lin-tooltip"
      data-below={placed.below || undefined}
      data-anchor={`${Math.round(placed.anchor.x)},${Math.round(placed.anchor.y)}`}
      style={{ left: placed.x, top: placed.y }}
    >
      <Text size="sm" fw={600} className="sl-lin-tooltip-title">
        {content.title}
      </Text>
      {content.lines.length ? (
        <dl className="sl-lin-tooltip-lines">
          {content.lines.map((line) => (
            <div key={line.label}>
              <dt>{line.label}</dt>
              <dd className={line.mono ? 'sl-lin-tooltip-mono' : undefined}>{line.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {content.hint ? (
        <Text size="xs" c="dimmed">
          {content.hint}
        </Text>
      ) : null}
    </div>
  )
}
