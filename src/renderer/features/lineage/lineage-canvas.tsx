import { Group, Text } from '@mantine/core'
import type { Core } from 'cytoscape'
import { memo, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import type { LineageGraph } from '../../../shared/model/lineage'
import { groupColour, GROUP_LABELS, legendGroups, legendPlatforms } from './lineage-logic'
import type { LineageCyHandle } from './use-lineage-cy'

const PAN_STEP = 60
const ZOOM_STEP = 1.2

/**
 * What the colours mean: platforms (node fill) and edge origins always, personal-data families
 * when the overlay is on. Under the canvas rather than over it, so it never hides a node.
 */
function Legend({
  graph,
  overlay,
  noOverlay,
  extraPlatforms,
}: {
  graph: LineageGraph | undefined
  overlay: boolean
  noOverlay?: ReadonlySet<string>
  extraPlatforms?: readonly string[]
}) {
  const groups = overlay ? legendGroups(graph, noOverlay) : []
  const platforms = legendPlatforms(graph, extraPlatforms)
  return (
    <div className="sl-lin-legend" aria-label="Legend" role="region">
      <Group gap={10} wrap="wrap">
        {platforms.map(({ platform, label, colour }) => (
          <Group key={platform} gap={4} wrap="nowrap">
            <span className="sl-lin-swatch" style={{ background: colour }} aria-hidden />
            <Text size="xs">{label}</Text>
          </Group>
        ))}
        {platforms.length ? <span className="sl-lin-legend-gap" aria-hidden /> : null}
        <span className="sl-lin-key sl-lin-key-extracted">extracted</span>
        <span className="sl-lin-key sl-lin-key-declared">declared</span>
        <span className="sl-lin-key sl-lin-key-accepted">accepted</span>
        <span className="sl-lin-key sl-lin-key-suggestion">suggested</span>
        <span className="sl-lin-key sl-lin-key-model">model</span>
        {groups.length ? (
          <>
            <span className="sl-lin-legend-gap" aria-hidden />
            <Group gap={10} aria-label="Personal data categories">
              <Text size="xs" c="dimmed">
                Personal data:
              </Text>
              {groups.map(([group, count]) => (
                <Group
                  key={group}
                  gap={4}
                  wrap="nowrap"
                  data-testid={`legend-${group}`}
                  title={`${count} node${count === 1 ? '' : 's'} in view hold ${GROUP_LABELS[group].toLowerCase()} data`}
                >
                  <span className="sl-lin-dot" style={{ background: groupColour(group) }} />
                  <Text size="xs">
                    {GROUP_LABELS[group]} {count}
                  </Text>
                </Group>
              ))}
            </Group>
          </>
        ) : null}
      </Group>
    </div>
  )
}

/**
 * The graph fitted again when its box changes size (the window, the legend wrapping onto another
 * line): cytoscape keeps its zoom and pan on a resize, which can leave the graph out of view.
 */
function useRefitOnResize(getCy: () => Core | undefined, onFit: () => void) {
  // Both change every render; the observer reads the latest through this ref.
  const latest = useRef({ getCy, onFit })
  useEffect(() => {
    latest.current = { getCy, onFit }
  })
  const [area, setArea] = useState<HTMLDivElement | null>(null)
  useEffect(() => {
    if (!area) return
    let last: { width: number; height: number } | undefined
    let frame = 0
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return
      const { width, height } = entry.contentRect
      const first = last === undefined
      const same = last && Math.abs(last.width - width) < 1 && Math.abs(last.height - height) < 1
      last = { width, height }
      if (first || same) return
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => {
        const cy = latest.current.getCy()
        if (!cy || cy.elements().empty()) return
        cy.resize()
        latest.current.onFit()
      })
    })
    observer.observe(area)
    return () => {
      cancelAnimationFrame(frame)
      observer.disconnect()
    }
  }, [area])
  return setArea
}

/**
 * The canvas and its legend. It takes focus like any control: arrows pan, + and - zoom, f fits,
 * Escape lets go of the selection; the Nodes tab of the side panel is the list way into the same
 * graph.
 */
export const LineageCanvas = memo(function LineageCanvas({
  containerRef,
  layingOut,
  getCy,
  onFit,
  graph,
  overlay,
  noOverlay,
  onEscape,
  empty,
  overlayChildren,
  describedBy,
  folded = 0,
  extraPlatforms,
  drawnBy,
}: {
  containerRef: LineageCyHandle['containerRef']
  layingOut: boolean
  getCy: LineageCyHandle['getCy']
  onFit: () => void
  graph: LineageGraph | undefined
  overlay: boolean
  /** Nodes drawn without the overlay (assets opened to their fields): not counted in the legend. */
  noOverlay?: ReadonlySet<string>
  onEscape?: () => void
  empty?: string
  /** Drawn over the canvas (the tooltip), positioned in the canvas's pixels. */
  overlayChildren?: ReactNode
  /** Id of what describes the node or edge in hand (the tooltip), for aria-describedby. */
  describedBy?: string
  /** Fields of opened assets folded into "+N more fields" nodes. */
  folded?: number
  /** Platforms of nodes drawn without a graph node (connectors made from an edge). */
  extraPlatforms?: readonly string[]
  /** How the last elements were made: from the last drawing ('part') or the whole graph ('full'). */
  drawnBy?: 'part' | 'full'
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const instance = getCy()
    if (!instance) return
    const pans: Record<string, [number, number]> = {
      ArrowLeft: [PAN_STEP, 0],
      ArrowRight: [-PAN_STEP, 0],
      ArrowUp: [0, PAN_STEP],
      ArrowDown: [0, -PAN_STEP],
    }
    const pan = pans[event.key]
    const centre = { x: instance.width() / 2, y: instance.height() / 2 }
    if (pan) instance.panBy({ x: pan[0], y: pan[1] })
    else if (event.key === '+' || event.key === '=')
      instance.zoom({ level: instance.zoom() * ZOOM_STEP, renderedPosition: centre })
    else if (event.key === '-')
      instance.zoom({ level: instance.zoom() / ZOOM_STEP, renderedPosition: centre })
    else if (event.key === 'f') onFit()
    else if (event.key === 'Escape' && onEscape) onEscape()
    else return
    event.preventDefault()
  }
  const nodes = graph?.nodes.length ?? 0
  const edges = graph?.edges.length ?? 0
  const areaRef = useRefitOnResize(getCy, onFit)
  return (
    <div className="sl-lin-canvas-wrap">
      <div className="sl-lin-canvas-area" ref={areaRef}>
        <div
          ref={containerRef}
          className="sl-lin-canvas"
          tabIndex={0}
          role="application"
          aria-roledescription="graph"
          aria-label={`Lineage graph: ${nodes} nodes, ${edges} edges${folded ? `, ${folded} fields folded (click "more fields" to show them)` : ''}. Arrows pan, plus and minus zoom, f fits, Escape clears the selection.`}
          data-testid="lineage-canvas"
          data-nodes={nodes}
          data-edges={edges}
          data-folded={folded || undefined}
          data-laying-out={layingOut || undefined}
          data-drawn-by={drawnBy}
          aria-describedby={describedBy}
          onKeyDown={onKeyDown}
        />
        {overlayChildren}
        {empty ? (
          <Text size="sm" c="dimmed" className="sl-lin-empty" data-testid="lineage-canvas-message">
            {empty}
          </Text>
        ) : null}
      </div>
      <Legend
        graph={graph}
        overlay={overlay}
        noOverlay={noOverlay}
        extraPlatforms={extraPlatforms}
      />
    </div>
  )
})
