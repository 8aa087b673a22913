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

/**
 * The question the graph answers: focus (search), direction, depth, level; then the overlay and
 * the view's own controls. Every control is a labelled form control, reachable by Tab.
 */
export const LineageToolbar = memo(function LineageToolbar({
  busy,
  onFit,
  onRelayout,
}: {
  busy: boolean
  onFit: () => void
  onRelayout: () => void
}) {
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
    <Group gap="sm" wrap="wrap" align="center">
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
      <Group gap={4} ml="auto" wrap="nowrap">
        {busy ? <Loader size={16} aria-label="Updating the graph" /> : null}
        {focused ? (
          <Tooltip label="Show the whole estate">
            <ActionIcon
              variant="default"
              size="lg"
              aria-label="Show the whole estate"
              onClick={() => ui.setFocus(undefined)}
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
      </Group>
    </Group>
  )
})
