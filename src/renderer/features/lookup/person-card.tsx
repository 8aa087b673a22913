import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import type { LookupPerson, LookupRecord } from '../../../shared/model/lookup'
import { KIND_LABELS, personTitle, PLATFORM_LABELS, platformsOf } from './lookup-logic'
import { ProvenanceValue } from './provenance-value'
import { RelatedRecords } from './related-records'

/**
 * The merged customer: every attribute with each distinct (masked) value and where it came from;
 * attributes whose stores disagree are highlighted. Then the person's records, grouped.
 */
export function PersonCard({
  person,
  index,
  records,
}: {
  person: LookupPerson
  index: number
  records: readonly LookupRecord[]
}) {
  const own = new Set(person.groups.flatMap((group) => group.records))
  const ownRecords = records.filter((record) => own.has(record.id))
  const title = personTitle(person, index)
  const conflicts = person.fields.filter((field) => field.conflict).length
  return (
    <Paper
      withBorder
      p="md"
      role="article"
      aria-label={`Customer ${title}`}
      data-testid="person-card"
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Stack gap={4}>
            <Title order={3} size="h4">
              {title}
            </Title>
            <Group gap={6}>
              {person.strongIdentifiers.map((id) => (
                <Badge key={`${id.kind}:${id.masked}`} variant="light" color="indigo" tt="none">
                  {KIND_LABELS[id.kind]} {id.masked}
                </Badge>
              ))}
            </Group>
          </Stack>
          <Group gap={6} role="group" aria-label="Found in">
            {platformsOf(ownRecords).map((platform) => (
              <Badge key={platform} variant="outline" data-testid="person-platform">
                {PLATFORM_LABELS[platform]}
              </Badge>
            ))}
            <Text size="xs" c="dimmed">
              {ownRecords.length} records
            </Text>
          </Group>
        </Group>
        {conflicts > 0 ? (
          <Text size="sm" c="orange" data-testid="conflict-summary">
            <IconAlertTriangle size={14} aria-hidden /> {conflicts} attribute
            {conflicts === 1 ? '' : 's'} differ between stores
          </Text>
        ) : null}
        <Table verticalSpacing={4} fz="sm" aria-label="Merged attributes">
          <Table.Tbody>
            {person.fields.map((field) => (
              <Table.Tr
                key={field.path}
                data-conflict={field.conflict || undefined}
                className={field.conflict ? 'lookup-conflict' : undefined}
              >
                <Table.Th w={200} scope="row" fw={500}>
                  <Group gap={4} wrap="nowrap">
                    <Text size="sm">{field.label}</Text>
                    {field.conflict ? (
                      <Badge size="xs" color="orange" variant="filled">
                        Conflict
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Th>
                <Table.Td>
                  <Group gap="md" wrap="wrap">
                    {field.values.map((value, i) => (
                      <ProvenanceValue
                        key={`${value.value}|${i}`}
                        value={value}
                        records={records}
                        label={field.label}
                      />
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <RelatedRecords person={person} records={records} />
      </Stack>
    </Paper>
  )
}
