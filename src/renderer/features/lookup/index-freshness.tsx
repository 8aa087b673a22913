import {
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core'
import { IconDatabaseSearch } from '@tabler/icons-react'
import type { LookupIndexStatus } from '../../../shared/model/lookup'
import { useStoreResidency } from '../../api/app-info'
import { useControlLookupIndex, useLookupIndexStatus } from '../../api/lookup-index'
import { toDisplayError } from '../../api/remote-error'
import {
  INDEX_STATE_COLORS,
  indexDetails,
  indexStateText,
  percentIndexed,
  storeResidencyText,
  topicLagText,
} from './index-freshness-logic'

/** Topics behind, each with its lag; all current in one line (each topic in the tooltip). */
function TopicLags({ topics }: { topics: NonNullable<LookupIndexStatus['freshness']>['topics'] }) {
  const behind = topics.filter((t) => t.lag > 0)
  const partitions = (t: (typeof topics)[number]) =>
    t.partitions.map((p) => `p${p.partition}: ${p.indexedOffset}/${p.highWatermark}`).join(', ')
  if (topics.length === 0) return null
  return (
    <Group gap="md">
      {behind.length < topics.length ? (
        <Tooltip
          multiline
          maw={420}
          label={topics
            .filter((t) => t.lag === 0)
            .map((t) => t.topic)
            .join(', ')}
        >
          <Text size="xs" data-testid="lookup-index-current-topics">
            {behind.length === 0
              ? `all ${topics.length} topics current`
              : `${topics.length - behind.length} topics current`}
          </Text>
        </Tooltip>
      ) : null}
      {behind.map((t) => (
        <Tooltip key={t.topic} label={partitions(t)}>
          <Text size="xs" c="yellow.8" data-testid="lookup-index-topic">
            {t.topic}: {topicLagText(t)}
          </Text>
        </Tooltip>
      ))}
    </Group>
  )
}

function SourceIndex({ status }: { status: LookupIndexStatus }) {
  const control = useControlLookupIndex()
  const building = status.state === 'building'
  return (
    <Stack
      gap={4}
      role="group"
      aria-label={`Lookup index of ${status.source}`}
      data-source={status.source}
    >
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Group gap="xs" wrap="nowrap" miw={0}>
          <Text size="sm" fw={600} truncate>
            {status.source}
          </Text>
          <Badge color={INDEX_STATE_COLORS[status.state]} data-testid="lookup-index-state">
            {indexStateText(status)}
          </Badge>
        </Group>
        {status.state !== 'no-fields' ? (
          <Button
            size="compact-xs"
            variant="subtle"
            loading={control.isPending}
            onClick={() =>
              control.mutate({ action: status.running ? 'stop' : 'start', source: status.source })
            }
          >
            {status.running ? 'Stop keeping current' : 'Keep current'}
          </Button>
        ) : null}
      </Group>
      {building ? (
        <Progress
          value={percentIndexed(status.progress)}
          size="sm"
          animated
          aria-label={`Index of ${status.source} built`}
          data-testid="lookup-index-progress"
        />
      ) : null}
      <Text size="xs" c="dimmed" data-testid="lookup-index-details">
        {indexDetails(status)}
      </Text>
      <TopicLags topics={status.freshness?.topics ?? []} />
      {status.error ? (
        <Text size="xs" c="red" role="alert">
          {toDisplayError(status.error).message}
        </Text>
      ) : null}
      {control.error ? (
        <Text size="xs" c="red" role="alert">
          {toDisplayError(control.error).message}
        </Text>
      ) : null}
    </Stack>
  )
}

/** Whether the index's store is in memory: when it is not, index probes wait on the disk. */
function StoreResidencyNote() {
  const residency = useStoreResidency().data
  if (!residency) return null
  const { text, detail } = storeResidencyText(residency)
  return (
    <Tooltip multiline maw={420} label={detail}>
      <Text
        size="xs"
        c={residency.state === 'resident' ? 'dimmed' : 'yellow.8'}
        ml="auto"
        data-testid="store-residency"
        data-state={residency.state}
      >
        store {text}
      </Text>
    </Tooltip>
  )
}

/**
 * How fresh Sightline's Kafka lookup index is, per source and topic: Kafka topics whose
 * identifiers are not the key are found through it, and what it has not indexed yet cannot be.
 */
export function IndexFreshness() {
  const status = useLookupIndexStatus()
  const sources = status.data ?? []
  if (sources.length === 0) return null
  return (
    <Paper withBorder px="sm" py="xs" role="region" aria-label="Lookup index freshness">
      <Group gap="xs" mb={6}>
        <IconDatabaseSearch size={16} aria-hidden />
        <Text size="sm" fw={600}>
          Kafka lookup index
        </Text>
        <Text size="xs" c="dimmed">
          finds topic records whose identifier is not the key; what it has not indexed cannot be
          found
        </Text>
        <StoreResidencyNote />
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" verticalSpacing="xs">
        {sources.map((s) => (
          <SourceIndex key={s.source} status={s} />
        ))}
      </SimpleGrid>
    </Paper>
  )
}
