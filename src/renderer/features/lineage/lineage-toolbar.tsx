import {
  ActionIcon,
  Group,
  Loader,
  NumberInput,
  SegmentedControl,
  Switch,
  Text,
  Tooltip,
} from '@mantine/core'
import { memo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { IconFocus2, IconLayoutDistributeVertical, IconWorld } from '@tabler/icons-react'
import type { LineageDirection } from '../../../shared/model/lineage'
import { hitUrn } from './lineage-logic'
import { LineageSearch } from './lineage-search'
import { MAX_DEPTH, useLineageUi, viewLevel } from './lineage-store'

interface ToolbarProps {
  /** A query or layout is running: the busy sign shows. */
  busy: boolean
  onFit: () => void
  onRelayout: () => void
}

/**
 * The question the graph answers: focus (search), direction, depth, level; then the overlay and
 * the view's own controls. Every control is a labelled form control, reachable by Tab.
 */
export const LineageToolbar = memo(function LineageToolbar({
  busy,
  onFit,
  onRelayout,
}: ToolbarProps) {
  return (
    <Group gap="sm" wrap="wrap" align="center">
      <QuestionControls />
      <ViewControls busy={busy} onFit={onFit} onRelayout={onRelayout} />
    </Group>
  )
})

/**
 * The question's controls and the overlay switch. Apart from the busy sign, which comes and goes
 * with every expand: rendering these Mantine inputs again took ~10 ms of the app's expand
 * (bench/graph/app-probe.ts), for nothing they show.
 */
const QuestionControls = memo(function QuestionControls() {
  // Only what the controls show: opening a node (the store's expansions) renders none of them.
  const ui = useLineageUi(
    useShallow((state) => ({
      focus: state.focus,
      direction: state.direction,
      depth: state.depth,
      level: state.level,
      overlay: state.overlay,
      setFocus: state.setFocus,
      setDirection: state.setDirection,
      setDepth: state.setDepth,
      setLevel: state.setLevel,
      setOverlay: state.setOverlay,
    })),
  )
  const level = viewLevel(ui)
  const focused = ui.focus !== undefined
  return (
    <>
      <LineageSearch onPick={(hit) => ui.setFocus(hitUrn(hit))} />
      <SegmentedControl
        aria-label="Direction"
        size="xs"
        value={ui.direction}
        onChange={(value) => ui.setDirection(value as LineageDirection)}
        disabled={!focused}
        data={[
          { value: 'up', label: 'Upstream' },
          { value: 'both', label: 'Both' },
          { value: 'down', label: 'Downstream' },
        ]}
      />
      <NumberInput
        aria-label="Depth"
        size="xs"
        w={92}
        min={1}
        max={MAX_DEPTH}
        value={ui.depth}
        disabled={!focused}
        leftSection={
          <Text size="xs" c="dimmed" pl={4}>
            hops
          </Text>
        }
        leftSectionWidth={40}
        onChange={(value) => {
          if (typeof value === 'number') ui.setDepth(value)
        }}
      />
      <SegmentedControl
        aria-label="Level"
        size="xs"
        value={level}
        onChange={(value) => ui.setLevel(value === 'field' ? 'field' : 'asset')}
        disabled={!focused}
        data={[
          { value: 'asset', label: 'Assets' },
          { value: 'field', label: 'Fields' },
        ]}
      />
      <Switch
        size="sm"
        label="Personal data"
        checked={ui.overlay}
        onChange={(event) => ui.setOverlay(event.currentTarget.checked)}
      />
    </>
  )
})

/** The busy sign, and the view's own buttons: the whole estate, fit, lay out again. */
function ViewControls({ busy, onFit, onRelayout }: ToolbarProps) {
  return (
    <Group gap={4} ml="auto" wrap="nowrap">
      {busy ? <Loader size={16} aria-label="Updating the graph" /> : null}
      <ViewButtons onFit={onFit} onRelayout={onRelayout} />
    </Group>
  )
}

/** The buttons, rendered again only when their handlers or the focus change (not with busy). */
const ViewButtons = memo(function ViewButtons({
  onFit,
  onRelayout,
}: {
  onFit: () => void
  onRelayout: () => void
}) {
  const focused = useLineageUi((state) => state.focus !== undefined)
  const setFocus = useLineageUi((state) => state.setFocus)
  return (
    <>
      {focused ? (
        <Tooltip label="Show the whole estate">
          <ActionIcon
            variant="default"
            size="lg"
            aria-label="Show the whole estate"
            onClick={() => setFocus(undefined)}
          >
            <IconWorld size={18} />
          </ActionIcon>
        </Tooltip>
      ) : null}
      <Tooltip label="Fit the graph (f)">
        <ActionIcon variant="default" size="lg" aria-label="Fit the graph" onClick={onFit}>
          <IconFocus2 size={18} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Lay out again">
        <ActionIcon variant="default" size="lg" aria-label="Lay out again" onClick={onRelayout}>
          <IconLayoutDistributeVertical size={18} />
        </ActionIcon>
      </Tooltip>
    </>
  )
})
