import { Badge, Button, Group, Loader, Paper, SimpleGrid, Stack, Text } from '@mantine/core'
import { IconPlayerStop } from '@tabler/icons-react'
import type { SourceLookupStatus } from '../../../shared/model/lookup'
import { toDisplayError } from '../../api/remote-error'
import {
  formatBytes,
  formatDuration,
  PLATFORM_LABELS,
  sourceTally,
  STATE_COLORS,
  STATE_LABELS,
} from './lookup-logic'

function SourceLine({ line }: { line: SourceLookupStatus }) {
  const details = [
    line.state === 'answered' || line.records > 0
      ? `${line.records} record${line.records === 1 ? '' : 's'}`
      : '',
    formatDuration(line.durationMs),
    line.bytesFetched !== undefined ? `${formatBytes(line.bytesFetched)} fetched` : '',
  ].filter(Boolean)
  return (
    <Stack gap={2} role="group" aria-label={`Lookup in ${line.source}`} data-source={line.source}>
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <Group gap="xs" wrap="nowrap" miw={0}>
          {line.state === 'running' ? <Loader size={12} aria-hidden /> : null}
          <Text size="sm" fw={600} truncate>
            {line.source}
          </Text>
          <Text size="xs" c="dimmed">
            {PLATFORM_LABELS[line.platform]}
          </Text>
        </Group>
        <Badge color={STATE_COLORS[line.state]} data-testid="lookup-source-state">
          {STATE_LABELS[line.state]}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {details.join(' · ')}
      </Text>
      {line.note ? (
        <Text size="xs" c="yellow.8" data-testid="lookup-source-note">
          {line.note}
        </Text>
      ) : null}
      {line.error ? (
        <Text size="xs" c="red" role="alert">
          {toDisplayError(line.error).message}
        </Text>
      ) : null}
    </Stack>
  )
}

/** Each source's status as it answers, with Cancel while any is still asked. */
export function SourceProgress({
  lines,
  title,
  running,
  cancelling,
  onCancel,
}: {
  lines: SourceLookupStatus[]
  /** "Looking up", "Lookup finished", "Lookup cancelled"... */
  title: string
  running: boolean
  cancelling: boolean
  onCancel: () => void
}) {
  return (
    <Paper withBorder px="sm" py="xs" role="region" aria-label="Lookup progress">
      <Group justify="space-between" gap="sm" wrap="nowrap" mb={6}>
        <Text size="sm" fw={600} aria-live="polite" data-testid="lookup-summary">
          {title}
          {lines.length > 0 ? `: ${sourceTally(lines)}` : ''}
        </Text>
        {running ? (
          <Button
            size="xs"
            variant="light"
            color="red"
            leftSection={<IconPlayerStop size={14} />}
            loading={cancelling}
            onClick={onCancel}
          >
            Cancel
          </Button>
        ) : null}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" verticalSpacing="xs">
        {lines.map((line) => (
          <SourceLine key={line.source} line={line} />
        ))}
      </SimpleGrid>
    </Paper>
  )
}
