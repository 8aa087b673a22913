import { Alert, Badge, Button, Center, Loader, Paper, Stack, Table, Text } from '@mantine/core'
import { IconAlertTriangle, IconRefresh, IconShieldCheck } from '@tabler/icons-react'
import type { AuditEntry, AuditVerifyResult } from '../../../shared/api'
import { useAuditEntries, useVerifyAudit } from '../../api/audit'
import { ErrorAlert } from '../../components/error-alert'
import { PageHeader } from '../../components/page-header'

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })

function formatTime(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : timeFormat.format(date)
}

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  if (result.ok) {
    return (
      <Alert
        color="teal"
        variant="light"
        icon={<IconShieldCheck size={18} />}
        title="Chain intact"
        role="status"
      >
        All {result.entries} entries match their hashes and links.
      </Alert>
    )
  }
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title="Chain broken"
      role="alert"
    >
      The first bad entry is #{result.firstBadSeq ?? '?'}
      {result.problem ? `: ${result.problem}` : '.'} Entries from there on cannot be trusted.
    </Alert>
  )
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {entry.seq}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" title={entry.at}>
          {formatTime(entry.at)}
        </Text>
      </Table.Td>
      <Table.Td>{entry.actor}</Table.Td>
      <Table.Td>
        <Badge color="gray" variant="light" tt="none">
          {entry.action}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace" truncate maw={320} title={entry.target}>
          {entry.target ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={entry.reason ? undefined : 'dimmed'}>
          {entry.reason ?? '—'}
        </Text>
      </Table.Td>
    </Table.Tr>
  )
}

/** The append-only, hash-chained audit log, newest first, with a chain check. */
export function AuditPage() {
  const entries = useAuditEntries()
  const verify = useVerifyAudit()

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what, when and why: every test, lookup, reveal and export, hash-chained so tampering shows."
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              onClick={() => void entries.refetch()}
              loading={entries.isFetching}
            >
              Refresh
            </Button>
            <Button
              leftSection={<IconShieldCheck size={16} />}
              onClick={() => verify.mutate()}
              loading={verify.isPending}
            >
              Verify chain
            </Button>
          </>
        }
      />
      <Stack gap="sm">
        <div aria-live="polite">
          {verify.data ? <VerifyResult result={verify.data} /> : null}
          {verify.error ? (
            <ErrorAlert error={verify.error} title="Could not verify the chain" />
          ) : null}
        </div>
        {entries.isPending ? (
          <Center p="xl">
            <Loader size="sm" aria-label="Loading audit entries" />
          </Center>
        ) : entries.error ? (
          <ErrorAlert error={entries.error} title="Could not read the audit log" />
        ) : entries.data.length === 0 ? (
          <Paper withBorder p="xl">
            <Text size="sm" c="dimmed" ta="center">
              Nothing recorded yet.
            </Text>
          </Paper>
        ) : (
          <Paper withBorder>
            <Table.ScrollContainer minWidth={760} type="native">
              <Table aria-label="Audit entries" stickyHeader>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Seq</Table.Th>
                    <Table.Th>Time</Table.Th>
                    <Table.Th>Actor</Table.Th>
                    <Table.Th>Action</Table.Th>
                    <Table.Th>Target</Table.Th>
                    <Table.Th>Reason</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {entries.data.map((entry) => (
                    <AuditRow key={entry.seq} entry={entry} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </Stack>
    </>
  )
}
