import { ActionIcon, Button, Group, Loader, Paper, Stack, Text, Tooltip } from '@mantine/core'
import { IconArrowsExchange, IconX } from '@tabler/icons-react'
import type { LineagePath } from '../../../shared/model/lineage'
import { ErrorAlert } from '../../components/error-alert'
import { hopText } from './edge-details'
import { labelFromUrn, pathHops, type NodeTitles } from './lineage-logic'
import { useLineageUi } from './lineage-store'

function End({ label, urn, title }: { label: string; urn?: string; title: string }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="xs" c="dimmed" w={36}>
        {label}
      </Text>
      <Text
        size="sm"
        fw={urn ? 600 : undefined}
        c={urn ? undefined : 'dimmed'}
        style={{ overflowWrap: 'anywhere' }}
        title={urn}
      >
        {urn ? title : 'pick a node, then “Path ' + (label === 'From' ? 'from' : 'to') + ' here”'}
      </Text>
    </Group>
  )
}

/**
 * The path between two chosen nodes: each shortest path as its hops, with what carries each hop
 * and the transformation on it. The graph highlights the same edges.
 */
export function PathPanel({
  path,
  loading,
  error,
  titles,
}: {
  path: LineagePath | undefined
  loading: boolean
  error: unknown
  titles: NodeTitles
}) {
  const ui = useLineageUi()
  const title = (urn: string) => titles.get(urn) ?? labelFromUrn(urn)
  return (
    <Stack gap="sm">
      <Paper withBorder p="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={4} miw={0}>
            <End label="From" urn={ui.pathFrom} title={ui.pathFrom ? title(ui.pathFrom) : ''} />
            <End label="To" urn={ui.pathTo} title={ui.pathTo ? title(ui.pathTo) : ''} />
          </Stack>
          <Group gap={2} wrap="nowrap">
            <Tooltip label="Swap ends">
              <ActionIcon
                variant="subtle"
                aria-label="Swap path ends"
                disabled={!ui.pathFrom && !ui.pathTo}
                onClick={() => {
                  const { pathFrom, pathTo } = ui
                  ui.setPathFrom(pathTo)
                  ui.setPathTo(pathFrom)
                }}
              >
                <IconArrowsExchange size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Clear the path">
              <ActionIcon
                variant="subtle"
                aria-label="Clear the path"
                disabled={!ui.pathFrom && !ui.pathTo}
                onClick={ui.clearPath}
              >
                <IconX size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      </Paper>
      {loading ? <Loader size="xs" aria-label="Finding paths" /> : null}
      {error ? <ErrorAlert error={error} title="Could not find a path" /> : null}
      {path && path.paths.length === 0 ? (
        <Text size="sm" c="dimmed">
          No path between these two: values of the first never reach the second.
        </Text>
      ) : null}
      {path?.paths.map((_, index) => {
        const hops = pathHops(path, index)
        return (
          <Stack key={index} gap={4}>
            <Text size="xs" fw={700} tt="uppercase" c="dimmed">
              Path {index + 1}: {hops.length} {hops.length === 1 ? 'hop' : 'hops'}
            </Text>
            <ol className="sl-lin-path" aria-label={`Path ${index + 1}`}>
              {hops.map((edge) => (
                <li key={edge.id}>
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    className="sl-lin-hop"
                    onClick={() => ui.inspect({ kind: 'edge', id: edge.id })}
                  >
                    <span>
                      <Text span size="sm" display="block" ta="left">
                        {title(edge.from)} → {title(edge.to)}
                      </Text>
                      <Text span size="xs" c="dimmed" display="block" ta="left">
                        {hopText(edge)}
                      </Text>
                    </span>
                  </Button>
                </li>
              ))}
            </ol>
          </Stack>
        )
      })}
    </Stack>
  )
}
