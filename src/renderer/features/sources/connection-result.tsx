import { Alert, Badge, Group, Loader, Text, Tooltip } from '@mantine/core'
import { IconCircleCheck, IconCircleX } from '@tabler/icons-react'
import type { ConnectionCheck } from '../../../shared/api'
import { connectionErrorLabel, formatLatency } from './connection-errors'

const NO_SHRINK = { flexShrink: 0, minWidth: 'max-content' } as const

/** Facts already shown (version) or noise for people (who they connected as). */
const HIDDEN_FACTS = new Set(['versionString', 'user', 'username'])

function checkFailure(check: ConnectionCheck) {
  const error = check.error ?? {
    code: 'internal' as const,
    message: 'The test failed without a reason.',
  }
  return { label: connectionErrorLabel(error), message: error.message }
}

/** The outcome of a connection test, in full: used in the add/edit form. */
export function ConnectionResult({ check }: { check: ConnectionCheck }) {
  if (check.ok) {
    const facts = Object.entries(check.details ?? {})
      .filter(([key, value]) => !HIDDEN_FACTS.has(key) && String(value).length <= 60)
      .map(([key, value]) => `${key}: ${String(value)}`)
    return (
      <Alert
        color="teal"
        variant="light"
        icon={<IconCircleCheck size={18} />}
        title="Connection OK"
        role="status"
      >
        <Group gap="xs">
          <Text size="sm" fw={600} data-testid="server-version">
            {check.serverVersion ?? 'Unknown server version'}
          </Text>
          {check.latencyMs !== undefined ? (
            <Badge color="gray" tt="none" data-testid="latency">
              {formatLatency(check.latencyMs)}
            </Badge>
          ) : null}
        </Group>
        {facts.length > 0 ? (
          <Text size="xs" c="dimmed" mt={4}>
            {facts.join(' · ')}
          </Text>
        ) : null}
      </Alert>
    )
  }
  const { label, message } = checkFailure(check)
  return (
    <Alert color="red" variant="light" icon={<IconCircleX size={18} />} title={label} role="alert">
      <Text size="sm">{message}</Text>
    </Alert>
  )
}

/** The last test of a source, compact enough for a table cell. */
export function LastCheckCell({
  check,
  testing,
}: {
  check: ConnectionCheck | null | undefined
  testing: boolean
}) {
  if (testing) {
    return (
      <Group gap={6} wrap="nowrap">
        <Loader size={14} />
        <Text size="sm" c="dimmed">
          Testing…
        </Text>
      </Group>
    )
  }
  if (!check) {
    return (
      <Text size="sm" c="dimmed">
        Not tested
      </Text>
    )
  }
  if (check.ok) {
    return (
      <Group gap={6} wrap="nowrap">
        <Badge color="teal" leftSection={<IconCircleCheck size={12} />} style={NO_SHRINK}>
          OK
        </Badge>
        <Text size="sm" truncate miw={0} title={check.serverVersion}>
          {check.serverVersion}
        </Text>
        <Text size="xs" c="dimmed" style={NO_SHRINK}>
          {formatLatency(check.latencyMs)}
        </Text>
      </Group>
    )
  }
  const { label, message } = checkFailure(check)
  return (
    <Tooltip label={message} multiline maw={360}>
      <Group gap={6} wrap="nowrap" tabIndex={0} aria-label={`${label}: ${message}`}>
        <Badge color="red" leftSection={<IconCircleX size={12} />} style={NO_SHRINK}>
          {label}
        </Badge>
        <Text size="xs" c="dimmed" truncate miw={0}>
          {message}
        </Text>
      </Group>
    </Tooltip>
  )
}
