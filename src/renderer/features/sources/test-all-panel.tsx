import { Button, CloseButton, Group, Paper, Progress, Text } from '@mantine/core'
import { IconPlayerStop } from '@tabler/icons-react'
import { isJobFinished, useCancelJob, useJob } from '../../api/jobs'
import { toDisplayError } from '../../api/remote-error'

const FINISHED_TEXT = {
  succeeded: 'All sources tested',
  failed: 'Testing stopped with an error',
  cancelled: 'Testing cancelled',
} as const

/** The test-all job's result carries `{ ok, total }` counts. */
function okTally(result: unknown): { ok: number; total: number } | undefined {
  if (typeof result !== 'object' || result === null) return undefined
  const { ok, total } = result as Record<string, unknown>
  return typeof ok === 'number' && typeof total === 'number' ? { ok, total } : undefined
}

/** Progress of a running "Test all" job, with Cancel; a short summary once it ends. */
export function TestAllPanel({ jobId, onDismiss }: { jobId: string; onDismiss: () => void }) {
  const job = useJob(jobId)
  const cancel = useCancelJob()
  const view = job.data
  const finished = isJobFinished(view)
  const done = view?.progress.done ?? 0
  const total = view?.progress.total
  const percent = total ? Math.round((done / total) * 100) : finished ? 100 : 0
  const counts = total !== undefined ? `${done} of ${total}` : `${done}`

  let text = view?.progress.message ?? `Testing sources: ${counts}`
  if (view && finished) {
    text = `${FINISHED_TEXT[view.state as keyof typeof FINISHED_TEXT]} (${counts})`
    const tally = okTally(view.result)
    if (tally) text += `: ${tally.ok} OK, ${tally.total - tally.ok} failed`
    if (view.error) text += `: ${toDisplayError(view.error).message}`
  }

  return (
    <Paper withBorder p="xs" mb="sm" aria-label="Test all sources" role="region">
      <Group justify="space-between" gap="sm" wrap="nowrap" mb={6}>
        <Text size="sm" aria-live="polite">
          {text}
        </Text>
        {finished ? (
          <CloseButton size="sm" aria-label="Dismiss" onClick={onDismiss} />
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
      <Progress
        value={percent}
        animated={!finished}
        color={view?.state === 'succeeded' ? 'teal' : view?.state === 'failed' ? 'red' : undefined}
        aria-label="Test all progress"
        size="sm"
      />
    </Paper>
  )
}
