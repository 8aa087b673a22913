import { Alert, Badge, Group, Loader, Paper, Stack, Text } from '@mantine/core'
import { IconUserSearch } from '@tabler/icons-react'
import { useMemo } from 'react'
import type { JobState } from '../../../shared/model/jobs'
import { useLookupPlan, useLookupProgress, useLookupResult, useStartLookup } from '../../api/lookup'
import { useCancelJob } from '../../api/jobs'
import { ErrorAlert } from '../../components/error-alert'
import { PageHeader } from '../../components/page-header'
import { toDisplayError } from '../../api/remote-error'
import { ExportActions } from './export-actions'
import { IndexFreshness } from './index-freshness'
import { LinkedPeople } from './linked-people'
import { LookupHistory } from './lookup-history'
import { lookupInput, sharingPeople, sourceLines } from './lookup-logic'
import { useLookupUi } from './lookup-store'
import './lookup.css'
import { PersonCard } from './person-card'
import { PlanView } from './plan-view'
import { RelatedRecords } from './related-records'
import { RevealDialog } from './reveal-dialog'
import { SearchForm } from './search-form'
import { SourceProgress } from './source-progress'

const JOB_TITLES: Record<JobState, string> = {
  queued: 'Lookup queued',
  running: 'Looking up',
  succeeded: 'Lookup finished',
  failed: 'Lookup failed',
  cancelled: 'Lookup cancelled',
}

function PlanSection() {
  const planFor = useLookupUi((state) => state.planFor)
  const scans = useLookupUi((state) => state.scans)
  const showPlan = useLookupUi((state) => state.showPlan)
  const plan = useLookupPlan(planFor, scans)
  if (!planFor) return null
  if (plan.error) return <ErrorAlert error={plan.error} title="Could not plan this lookup" />
  if (!plan.data) return <Loader size="sm" aria-label="Planning" />
  return <PlanView plan={plan.data} onClose={() => showPlan(undefined)} />
}

/** The lookup on screen: progress while sources answer, then the merged people. */
function CurrentLookupView({ jobId, lookupId }: { jobId?: string; lookupId: string }) {
  const { job, result, error, finished } = useLookupResult(jobId, lookupId)
  const progress = useLookupProgress(jobId)
  const cancel = useCancelJob()
  const jobState = job.data?.state
  const lines = sourceLines(undefined, progress.data?.statuses, result, jobState)
  const soFar = useMemo(() => Object.values(progress.data?.records ?? {}), [progress.data])
  const running = jobId !== undefined && !finished

  return (
    <Stack gap="md">
      {jobId ? (
        <SourceProgress
          lines={lines}
          title={JOB_TITLES[jobState ?? 'queued']}
          running={running}
          cancelling={cancel.isPending}
          onCancel={() => cancel.mutate(jobId)}
        />
      ) : null}
      {job.data?.state === 'failed' && job.data.error ? (
        <Alert color="red" variant="light" role="alert" title="The lookup failed">
          {toDisplayError(job.data.error).message}
        </Alert>
      ) : null}
      {error ? (
        <Alert color="orange" variant="light" role="alert" title="Result not available">
          {toDisplayError(error).code === 'not-found'
            ? 'Lookup results are kept in memory only, and this one is gone (the server restarted or newer lookups replaced it). Look the customer up again.'
            : toDisplayError(error).message}
        </Alert>
      ) : null}
      {!result && soFar.length > 0 ? (
        <Paper withBorder p="md" role="region" aria-label="Records found so far">
          <Text size="sm" fw={600} mb="xs">
            {soFar.length} records found so far
          </Text>
          <RelatedRecords records={soFar} />
        </Paper>
      ) : null}
      {result ? (
        <Stack gap="md" role="region" aria-label="Lookup result">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Group gap="xs">
              <Badge variant="light" size="lg" data-testid="people-count">
                {result.people.length === 1 ? '1 person' : `${result.people.length} people`}
              </Badge>
              <Text size="sm" c="dimmed">
                {result.records.length} records in {result.durationMs} ms
              </Text>
            </Group>
            <ExportActions lookupId={result.lookupId} />
          </Group>
          {result.people.length === 0 ? (
            <Paper withBorder p="lg">
              <Text ta="center" c="dimmed">
                No one was found for this identifier in the stores that answered.
              </Text>
            </Paper>
          ) : null}
          {result.candidates && result.candidates.length > 0 ? (
            <Paper withBorder p="md" role="region" aria-label="Candidates">
              <Text size="sm" fw={600} mb={4}>
                Candidates, best first
              </Text>
              {result.candidates.map((candidate) => (
                <Text key={candidate.personId} size="sm">
                  {Math.round(candidate.score * 100)}% · {candidate.why}
                </Text>
              ))}
            </Paper>
          ) : null}
          <LinkedPeople linked={sharingPeople(result)} records={result.records} />
          {result.people.map((person, index) => (
            <PersonCard key={person.id} person={person} index={index} records={result.records} />
          ))}
        </Stack>
      ) : null}
    </Stack>
  )
}

/**
 * Lookup: one identifier in, the whole customer out, from every store, each value with where it
 * came from; masked by default, every lookup, reveal and export audited with a reason.
 */
export function LookupPage() {
  const { text, kind, reason, scans, current, open, showPlan } = useLookupUi()
  const start = useStartLookup()
  // The progress panel takes over from the plan: it lists the same sources as they answer.
  const lookUp = () =>
    start.mutate(
      { input: lookupInput(text, kind), reason: reason.trim(), scans },
      {
        onSuccess: ({ jobId, lookupId }) => {
          showPlan(undefined)
          open({ jobId, lookupId })
        },
      },
    )
  return (
    <Stack gap="md">
      <PageHeader
        title="Lookup"
        description="Find one customer in every store, merged, with where each value came from."
      />
      <SearchForm onLookUp={lookUp} busy={start.isPending} />
      {start.error ? <ErrorAlert error={start.error} title="Could not look up" /> : null}
      <PlanSection />
      <IndexFreshness />
      {current ? (
        <CurrentLookupView
          key={current.lookupId}
          jobId={current.jobId}
          lookupId={current.lookupId}
        />
      ) : (
        <Paper withBorder p="xl">
          <Stack align="center" gap="xs">
            <IconUserSearch size={32} stroke={1.4} aria-hidden />
            <Text size="sm" c="dimmed" ta="center" maw={560}>
              Type an identifier and a reason, then Look up. Sightline asks every store that holds
              the identifier, pivots through keys and lineage, and merges only on strong
              identifiers.
            </Text>
          </Stack>
        </Paper>
      )}
      <LookupHistory />
      <RevealDialog lookupId={current?.lookupId} />
    </Stack>
  )
}
