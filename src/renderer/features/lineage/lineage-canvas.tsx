import { Group, Paper, Stack, Text } from '@mantine/core'
import type { KeyboardEvent } from 'react'
import type { LineageGraph } from '../../../shared/model/lineage'
import { groupColour, GROUP_LABELS, legendGroups } from './lineage-logic'
import type { LineageCyHandle } from './use-lineage-cy'

const PAN_STEP = 60
const ZOOM_STEP = 1.2

/** What the colours mean: edge origins always, personal-data families when the overlay is on. */
function Legend({ graph, overlay }: { graph: LineageGraph | undefined; overlay: boolean }) {
  const groups = overlay ? legendGroups(graph) : []
  return (
    <Paper withBorder p={6} className="sl-lin-legend" aria-label="Legend" role="region">
      <Stack gap={4}>
        <Group gap={10}>
          <span className="sl-lin-key sl-lin-key-extracted">extracted</span>
          <span className="sl-lin-key sl-lin-key-declared">declared</span>
          <span className="sl-lin-key sl-lin-key-accepted">accepted</span>
          <span className="sl-lin-key sl-lin-key-suggestion">suggested</span>
          <span className="sl-lin-key sl-lin-key-model">model</span>
        </Group>
        {groups.length ? (
          <Group gap={10} aria-label="Personal data categories">
            {groups.map(([group, count]) => (
              <Group key={group} gap={4} wrap="nowrap" data-testid={`legend-${group}`}>
                <span className="sl-lin-dot" style={{ background: groupColour(group) }} />
                <Text size="xs">
                  {GROUP_LABELS[group]} {count}
                </Text>
              </Group>
            ))}
          </Group>
        ) : null}
      </Stack>
    </Paper>
  )
}

/**
 * The canvas and its legend. It takes focus like any control: arrows pan, + and - zoom, f fits;
 * the Nodes tab of the side panel is the list way into the same graph.
 */
export function LineageCanvas({
  containerRef,
  layingOut,
  getCy,
  onFit,
  graph,
  overlay,
  empty,
}: {
  containerRef: LineageCyHandle['containerRef']
  layingOut: boolean
  getCy: LineageCyHandle['getCy']
  onFit: () => void
  graph: LineageGraph | undefined
  overlay: boolean
  empty?: string
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
    else return
    event.preventDefault()
  }
  const nodes = graph?.nodes.length ?? 0
  const edges = graph?.edges.length ?? 0
  return (
    <div className="sl-lin-canvas-wrap">
      <div
        ref={containerRef}
        className="sl-lin-canvas"
        tabIndex={0}
        role="application"
        aria-roledescription="graph"
        aria-label={`Lineage graph: ${nodes} nodes, ${edges} edges. Arrows pan, plus and minus zoom, f fits.`}
        data-testid="lineage-canvas"
        data-nodes={nodes}
        data-edges={edges}
        data-laying-out={layingOut || undefined}
        onKeyDown={onKeyDown}
      />
      {empty ? (
        <Text size="sm" c="dimmed" className="sl-lin-empty">
          {empty}
        </Text>
      ) : null}
      <Legend graph={graph} overlay={overlay} />
    </div>
  )
}
