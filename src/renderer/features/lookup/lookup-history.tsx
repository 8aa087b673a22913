import { Button, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useLookupHistory } from '../../api/lookup'
import { ErrorAlert } from '../../components/error-alert'
import { KIND_LABELS } from './lookup-logic'
import { useLookupUi } from './lookup-store'

/**
 * Past lookups from the audit log (identifiers only as HMACs, never shown). A lookup of this
 * process can be opened again while main still holds its result.
 */
export function LookupHistory() {
  const history = useLookupHistory()
  const open = useLookupUi((state) => state.open)
  const current = useLookupUi((state) => state.current)
  return (
    <Paper withBorder p="md" role="region" aria-label="Lookup history">
      <Stack gap="xs">
        <Title order={3} size="h5">
          Lookup history
        </Title>
        {history.error ? (
          <ErrorAlert error={history.error} title="Could not read the history" />
        ) : null}
        {history.data && history.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            No lookups yet.
          </Text>
        ) : null}
        {history.data && history.data.length > 0 ? (
          <Table.ScrollContainer minWidth={640} mah={320}>
            <Table striped fz="sm" verticalSpacing={4} aria-label="Past lookups">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Who</Table.Th>
                  <Table.Th>Identifier</Table.Th>
                  <Table.Th>Reason</Table.Th>
                  <Table.Th>Sources answered</Table.Th>
                  <Table.Th>Records</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {history.data.map((entry) => (
                  <Table.Tr key={entry.lookupId} data-lookup={entry.lookupId}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {new Date(entry.at).toLocaleString()}
                    </Table.Td>
                    <Table.Td>{entry.actor}</Table.Td>
                    <Table.Td>{KIND_LABELS[entry.kind]}</Table.Td>
                    <Table.Td>{entry.reason}</Table.Td>
                    <Table.Td>{entry.sourcesAnswered.join(', ')}</Table.Td>
                    <Table.Td>{entry.records}</Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        disabled={current?.lookupId === entry.lookupId}
                        onClick={() => open({ lookupId: entry.lookupId })}
                        aria-label={`Open the lookup of ${new Date(entry.at).toLocaleString()}`}
                      >
                        Open
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Stack>
    </Paper>
  )
}
