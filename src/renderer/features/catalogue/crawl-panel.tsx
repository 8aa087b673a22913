import {
  Badge,
  Button,
  CloseButton,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core'
import { IconPlayerStop } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { useCrawlProgress, useInvalidateCatalog } from '../../api/catalog'
import { isJobFinished, useCancelJob, useJob } from '../../api/jobs'
import { toDisplayError } from '../../api/remote-error'
import { connectionErrorLabel } from '../sources/connection-errors'
import { crawlSourceLines, linePercent, type CrawlSourceLine } from './crawl-state'
import { formatCount } from './format'

const STATE_COLORS: Record<CrawlSourceLine['state'], string> = {
  queued: 'gray',
  running: 'indigo',
  succeeded: 'teal',
  partial: 'yellow',
  failed: 'red',
  cancelled: 'gray',
}

const STATE_LABELS: Record<CrawlSourceLine['state'], string> = {
  queued: 'Queued',
  running: 'Crawling',
  succeeded: 'Done',
  partial: 'Partial',
  failed: 'Failed',
  cancelled: 'Cancelled',
}

const JOB_TEXT = {
  queued: 'Crawl queued',
  running: 'Crawling',
  succeeded: 'Crawl finished',
  failed: 'Crawl failed',
  cancelled: 'Crawl cancelled',
} as const

function SourceLine({ line }: { line: CrawlSourceLine }) {
  const percent = linePercent(line)
  const counts = line.total ? `${line.done} of ${line.total} parts` : `${line.done} parts`
  return (
    <Stack gap={2} role="group" aria-label={`Crawl of ${line.source}`} data-source={line.source}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Group gap="xs" wrap="nowrap" miw={0}>
          <Text size="sm" fw={600} truncate>
            {line.source}
          </Text>
          <Badge color={STATE_COLORS[line.state]} data-testid="crawl-state">
            {STATE_LABELS[line.state]}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {counts} · {formatCount(line.assets)} assets
        </Text>
      </Group>
      <Progress
        value={percent ?? 100}
        animated={percent === undefined || line.state === 'running'}
        striped={percent === undefined}
        color={STATE_COLORS[line.state]}
        size="xs"
        aria-label={`${line.source} progress`}
      />
      {line.error ? (
        <Text size="xs" c="red" role="alert">
          <Text span fw={700} size="xs">
            {connectionErrorLabel(line.error)}:{' '}
          </Text>
          {line.error.message}
        </Text>
      ) : line.message && line.state === 'running' ? (
        <Text size="xs" c="dimmed" truncate>
          {line.message}
        </Text>
      ) : null}
    </Stack>
  )
}

/** "4 of 6 sources crawled, 1 failed, 1 cancelled" */
function crawlTally(lines: CrawlSourceLine[]): string {
  const count = (...states: CrawlSourceLine['state'][]) =>
    lines.filter((line) => states.includes(line.state)).length
  let text = `${count('succeeded', 'partial')} of ${lines.length} sources crawled`
  const failed = count('failed')
  const cancelled = count('cancelled')
  if (failed) text += `, ${failed} failed`
  if (cancelled) text += `, ${cancelled} cancelled`
  return text
}

/** A crawl job: one progress bar per source, Cancel, and errors in place per source. */
export function CrawlPanel({ jobId, onDismiss }: { jobId: string; onDismiss: () => void }) {
  const job = useJob(jobId)
  const progress = useCrawlProgress(jobId)
  const cancel = useCancelJob()
  const invalidate = useInvalidateCatalog()
  const view = job.data
  const finished = isJobFinished(view)
  const lines = crawlSourceLines(progress.data, view)
  const [showAll, setShowAll] = useState(false)
  // Once the crawl is over, full bars say nothing new: keep only the sources that need a look.
  const shown = finished && !showAll ? lines.filter((line) => line.state !== 'succeeded') : lines

  // The event sync refreshes the catalogue when the job's last event arrives; this covers a job
  // whose end was only seen through polling.
  useEffect(() => {
    if (finished) void invalidate()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [finished])

  let title = view ? JOB_TEXT[view.state] : 'Starting crawl'
  if (finished && lines.length > 0) title += `: ${crawlTally(lines)}`

  return (
    <Paper withBorder px="sm" py="xs" role="region" aria-label="Crawl progress">
      <Group justify="space-between" gap="sm" wrap="nowrap" mb={6}>
        <Text size="sm" fw={600} aria-live="polite" data-testid="crawl-summary">
          {title}
        </Text>
        {finished ? (
          <Group gap={4} wrap="nowrap">
            {shown.length < lines.length || showAll ? (
              <Button size="compact-xs" variant="subtle" onClick={() => setShowAll(!showAll)}>
                {showAll ? 'Show problems only' : 'Show every source'}
              </Button>
            ) : null}
            <CloseButton size="sm" aria-label="Dismiss crawl progress" onClick={onDismiss} />
          </Group>
        ) : (
          <Button
            size="xs"
            variant="light"
            color="red"
            leftSection={<IconPlayerStop size={14} />}
            loading={cancel.isPending}
            onClick={() => cancel.mutate(jobId)}
          >
            Cancel
          </Button>
        )}
      </Group>
      {view?.error && view.state === 'failed' ? (
        <Text size="sm" c="red" role="alert" mb="xs">
          {toDisplayError(view.error).message}
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="xs">
        {shown.map((line) => (
          <SourceLine key={line.source} line={line} />
        ))}
      </SimpleGrid>
    </Paper>
  )
}
