import { Alert, Button, Center, Drawer, Loader, Paper, Stack, Text } from '@mantine/core'
import {
  IconAlertTriangle,
  IconDatabasePlus,
  IconInfoCircle,
  IconPlayerPlay,
  IconPlus,
} from '@tabler/icons-react'
import { useState } from 'react'
import type { AppInfo, SourceView } from '../../../shared/api'
import { useAppInfo } from '../../api/app-info'
import { useSources, useTestAllSources } from '../../api/sources'
import { ErrorAlert } from '../../components/error-alert'
import { PageHeader } from '../../components/page-header'
import { ConfirmRemoveModal, useRemoveWithUndo } from './remove-source'
import { SourceForm } from './source-form'
import { SourcesTable } from './sources-table'
import { TestAllPanel } from './test-all-panel'

/**
 * Where typed passwords go, when it matters: the server's own warning loudly when it sends one
 * (an unprotected fallback), else a plain note in serve mode (memory only).
 */
function SecretStorageNotice({ info }: { info: AppInfo | undefined }) {
  if (!info) return null
  const memoryOnly = info.secretStorage === 'memory'
  if (info.secretStorageWarning && !memoryOnly) {
    return (
      <Alert
        color="red"
        variant="filled"
        icon={<IconAlertTriangle size={18} />}
        title="Passwords are not protected"
        role="alert"
      >
        {info.secretStorageWarning}
      </Alert>
    )
  }
  if (info.secretStorageWarning) {
    return (
      <Alert
        color="orange"
        variant="light"
        icon={<IconAlertTriangle size={18} />}
        p="xs"
        role="alert"
      >
        <Text size="sm">
          <Text span fw={700} size="sm">
            Passwords are kept in memory only.{' '}
          </Text>
          {info.secretStorageWarning}
        </Text>
      </Alert>
    )
  }
  if (!memoryOnly) return null
  return (
    <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} p="xs">
      <Text size="sm">
        Serve mode: passwords typed here are kept in this server’s memory only and are lost when it
        stops. To keep one, use an environment variable reference such as {'${env:PG_PASSWORD}'}.
      </Text>
    </Alert>
  )
}

type FormState = { mode: 'closed' } | { mode: 'add' } | { mode: 'edit'; source: SourceView }

/** Sources: list, add, edit, remove and test the workspace's connections. */
export function SourcesPage() {
  const appInfo = useAppInfo()
  const sources = useSources()
  const testAll = useTestAllSources()
  const { remove, removing } = useRemoveWithUndo()
  const [form, setForm] = useState<FormState>({ mode: 'closed' })
  const [confirming, setConfirming] = useState<SourceView>()
  const [testAllJob, setTestAllJob] = useState<string>()

  const list = sources.data ?? []
  const closeForm = () => setForm({ mode: 'closed' })

  return (
    <>
      <PageHeader
        title="Sources"
        description="The servers of your estate: where Sightline reads catalogue, lineage and customers from."
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconPlayerPlay size={16} />}
              disabled={list.length === 0}
              loading={testAll.isPending}
              onClick={() =>
                testAll.mutate(undefined, { onSuccess: ({ jobId }) => setTestAllJob(jobId) })
              }
            >
              Test all
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setForm({ mode: 'add' })}>
              Add source
            </Button>
          </>
        }
      />

      <Stack gap="sm">
        <SecretStorageNotice info={appInfo.data} />
        {testAll.error ? (
          <ErrorAlert error={testAll.error} title="Could not start testing" />
        ) : null}
        {testAllJob ? (
          <TestAllPanel jobId={testAllJob} onDismiss={() => setTestAllJob(undefined)} />
        ) : null}

        {sources.isPending ? (
          <Center p="xl">
            <Loader size="sm" aria-label="Loading sources" />
          </Center>
        ) : sources.error ? (
          <ErrorAlert error={sources.error} title="Could not read the sources" />
        ) : list.length === 0 ? (
          <Paper withBorder p="xl">
            <Stack align="center" gap="xs">
              <IconDatabasePlus size={32} stroke={1.4} aria-hidden />
              <Text fw={600}>No sources yet</Text>
              <Text size="sm" c="dimmed">
                Add the first server of your estate: SQL Server, PostgreSQL, Kafka, Kafka Connect, a
                schema registry or MongoDB.
              </Text>
            </Stack>
          </Paper>
        ) : (
          <Paper withBorder>
            <SourcesTable
              sources={list}
              onEdit={(source) => setForm({ mode: 'edit', source })}
              onRemove={setConfirming}
            />
          </Paper>
        )}
      </Stack>

      <Drawer
        opened={form.mode !== 'closed'}
        onClose={closeForm}
        position="right"
        size={480}
        title={form.mode === 'edit' ? `Edit ${form.source.name}` : 'Add source'}
      >
        {form.mode !== 'closed' ? (
          <SourceForm
            key={form.mode === 'edit' ? `edit-${form.source.name}` : 'add'}
            editing={form.mode === 'edit' ? form.source : undefined}
            appInfo={appInfo.data}
            onDone={closeForm}
            onCancel={closeForm}
          />
        ) : null}
      </Drawer>

      <ConfirmRemoveModal
        source={confirming}
        removing={removing}
        onClose={() => setConfirming(undefined)}
        onConfirm={() => {
          if (confirming) void remove(confirming).then(() => setConfirming(undefined))
        }}
      />
    </>
  )
}
