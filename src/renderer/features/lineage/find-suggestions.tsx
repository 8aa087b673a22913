import { Button, Group, MultiSelect, NumberInput, Progress, Stack, Text } from '@mantine/core'
import { IconSearch, IconX } from '@tabler/icons-react'
import { useState } from 'react'
import { isJobFinished, useCancelJob, useJob } from '../../api/jobs'
import { useFindLineageSuggestions } from '../../api/lineage'
import { useSources } from '../../api/sources'
import { ErrorAlert } from '../../components/error-alert'

/** The profile's default sample (the API's LINEAGE_PROFILE_SAMPLE_SIZE, which it returns). */
const DEFAULT_PROFILE_SAMPLE = 3000

/**
 * "Find suggestions" on the Lineage page (issue 6 item 4, docs/lineage.md): suggestions come from
 * a profile of the sources the user picks, a crawl job with a larger sample than the everyday
 * crawl's, with its progress and a cancel. Its sketches are kept by later everyday crawls.
 */
export function FindSuggestions() {
  const sources = useSources()
  const find = useFindLineageSuggestions()
  const cancel = useCancelJob()
  const [picked, setPicked] = useState<string[]>([])
  const [sampleSize, setSampleSize] = useState<number>(DEFAULT_PROFILE_SAMPLE)
  const [started, setStarted] = useState<{ jobId: string; sampleSize: number } | undefined>()
  const job = useJob(started?.jobId)
  const running = find.isPending || (started !== undefined && !isJobFinished(job.data))
  const progress = job.data?.progress
  const percent =
    progress?.total && progress.total > 0 ? (100 * progress.done) / progress.total : undefined

  return (
    <Stack gap={6} aria-label="Find suggestions" role="group">
      <Text size="xs" c="dimmed">
        Suggestions compare the values of fields across sources. The everyday crawl samples too few
        records for that: Find suggestions profiles the sources with a larger sample.
      </Text>
      <MultiSelect
        size="xs"
        label="Sources to profile"
        placeholder={picked.length ? undefined : 'All sources'}
        data={(sources.data ?? []).map((s) => s.name)}
        value={picked}
        onChange={setPicked}
        clearable
        disabled={running}
      />
      <NumberInput
        size="xs"
        label="Records per table, topic or collection"
        min={1}
        max={10_000}
        step={500}
        value={sampleSize}
        onChange={(v) => setSampleSize(typeof v === 'number' ? v : DEFAULT_PROFILE_SAMPLE)}
        disabled={running}
      />
      <Group gap={6}>
        <Button
          size="compact-sm"
          leftSection={<IconSearch size={14} />}
          loading={running}
          onClick={() =>
            find.mutate(
              { ...(picked.length ? { sources: picked } : {}), sampleSize },
              { onSuccess: (result) => setStarted(result) },
            )
          }
        >
          Find suggestions
        </Button>
        {running && started ? (
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconX size={14} />}
            loading={cancel.isPending}
            onClick={() => cancel.mutate(started.jobId)}
          >
            Cancel
          </Button>
        ) : null}
      </Group>
      {started && job.data ? (
        <Stack gap={2} data-testid="profile-progress">
          <Text size="xs">
            Profiling for suggestions (sample {started.sampleSize}):{' '}
            {running ? (progress?.message ?? 'starting') : job.data.state}
          </Text>
          {running ? (
            <Progress
              size="sm"
              value={percent ?? 100}
              animated={percent === undefined}
              aria-label="Profiling progress"
            />
          ) : null}
        </Stack>
      ) : null}
      {find.error ? <ErrorAlert error={find.error} title="Could not start the profile" /> : null}
      {job.data?.state === 'failed' && job.data.error ? (
        <ErrorAlert error={job.data.error} title="The profile failed" />
      ) : null}
    </Stack>
  )
}
