import { Accordion, Badge, Group, Stack, Table, Text, UnstyledButton } from '@mantine/core'
import type { LookupPerson, LookupRecord } from '../../../shared/model/lookup'
import { formatRecordKey, groupRecords, PLATFORM_LABELS } from './lookup-logic'
import { revealKey, useLookupUi } from './lookup-store'

function RecordValues({ record }: { record: LookupRecord }) {
  const revealed = useLookupUi((state) => state.revealed)
  const askReveal = useLookupUi((state) => state.askReveal)
  const entries = Object.entries(record.values)
  return (
    <Table verticalSpacing={2} fz="xs" aria-label={`Values of ${record.assetLabel}`}>
      <Table.Tbody>
        {entries.map(([path, masked]) => {
          const raw = revealed[revealKey(record.id, path)]
          return (
            <Table.Tr key={path}>
              <Table.Th w={220} scope="row" fw={400} ff="monospace">
                {path}
              </Table.Th>
              <Table.Td ff="monospace">
                {raw !== undefined ? (
                  <Text span size="xs" c="orange">
                    {raw}
                  </Text>
                ) : masked === null ? (
                  <Text span size="xs" c="dimmed">
                    null
                  </Text>
                ) : (
                  <UnstyledButton
                    fz="xs"
                    ff="monospace"
                    title="Reveal (asks why; audited)"
                    aria-label={`Reveal ${path} of ${record.assetLabel}`}
                    onClick={() =>
                      askReveal({
                        recordId: record.id,
                        path,
                        label: `${path} of ${record.assetLabel}`,
                      })
                    }
                  >
                    {masked}
                  </UnstyledButton>
                )}
              </Table.Td>
            </Table.Tr>
          )
        })}
      </Table.Tbody>
    </Table>
  )
}

function RecordItem({ record }: { record: LookupRecord }) {
  return (
    <Stack gap={2} role="listitem" data-testid="related-record" data-platform={record.platform}>
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={600} ff="monospace">
          {record.assetLabel}
        </Text>
        <Badge size="xs" variant="outline">
          {PLATFORM_LABELS[record.platform]}
        </Badge>
        <Text size="xs" c="dimmed" data-testid="record-key">
          {record.source} · {formatRecordKey(record.recordKey)}
          {record.timestamp ? ` · ${record.timestamp}` : ''}
        </Text>
        {record.matchedBy.strength === 'weak' ? (
          <Badge size="xs" color="grape" variant="light">
            found by a shared identifier
          </Badge>
        ) : null}
      </Group>
      <RecordValues record={record} />
    </Stack>
  )
}

/**
 * The person's records by group (profile, orders, deliveries, payments, fraud...); without a
 * person (a lookup still running), every record found so far.
 */
export function RelatedRecords({
  person,
  records,
}: {
  person?: LookupPerson
  records: readonly LookupRecord[]
}) {
  const groups = groupRecords(records, person)
  if (groups.length === 0) return null
  return (
    <section aria-label="Related records">
      <Accordion multiple variant="contained" chevronPosition="left">
        {groups.map((group) => (
          <Accordion.Item key={group.group} value={group.group} data-group={group.group}>
            <Accordion.Control data-testid="record-group">
              <Group gap="xs">
                <Text size="sm" fw={600}>
                  {group.label}
                </Text>
                <Badge size="sm" variant="light" color="gray">
                  {group.records.length}
                </Badge>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="md" role="list">
                {group.records.map((record) => (
                  <RecordItem key={record.id} record={record} />
                ))}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </section>
  )
}
