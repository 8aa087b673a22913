import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { IconUsers } from '@tabler/icons-react'
import type { LinkedPerson, LookupRecord } from '../../../shared/model/lookup'
import { fieldLabel, groupRecords, KIND_LABELS, personTitle } from './lookup-logic'

function LinkedPersonItem({
  linked,
  index,
  records,
}: {
  linked: LinkedPerson
  index: number
  records: readonly LookupRecord[]
}) {
  const title = personTitle(linked.person, index)
  const groups = groupRecords(records, linked.person)
  return (
    <Stack
      gap={4}
      role="listitem"
      aria-label={`Linked person ${title}`}
      data-testid="linked-person"
    >
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600}>
          {title}
        </Text>
        {linked.person.strongIdentifiers.map((id) => (
          <Badge key={`${id.kind}:${id.masked}`} size="xs" variant="light" color="indigo" tt="none">
            {KIND_LABELS[id.kind]} {id.masked}
          </Badge>
        ))}
        <Text size="xs" c="dimmed">
          {groups.map((group) => `${group.label}: ${group.records.length}`).join(' · ')}
        </Text>
      </Group>
      {linked.sharedVia.map((via) => (
        <Text key={`${via.kind}|${via.fieldUrn}`} size="xs" data-testid="shared-via">
          Shares {KIND_LABELS[via.kind].toLowerCase()}{' '}
          <Text span ff="monospace" size="xs">
            {via.masked}
          </Text>{' '}
          {via.fieldUrn ? `through ${fieldLabel(via.fieldUrn)}` : '(the identifier looked up)'}
        </Text>
      ))}
    </Stack>
  )
}

/**
 * People who share a weak identifier (a household phone, an address, a device) with the person
 * found: shown so an analyst can judge, never merged into the card.
 */
export function LinkedPeople({
  linked,
  records,
}: {
  linked: readonly LinkedPerson[]
  records: readonly LookupRecord[]
}) {
  if (linked.length === 0) return null
  return (
    <Paper withBorder p="md" role="region" aria-label="Linked people">
      <Stack gap="sm">
        <Group gap="xs">
          <IconUsers size={18} aria-hidden />
          <Title order={3} size="h5">
            Linked people: who else shares this
          </Title>
          <Badge color="grape" variant="light">
            {linked.length}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          Shared phones, addresses, devices and cards link people; they never merge them. Each
          person keeps a card of their own.
        </Text>
        <Stack gap="sm" role="list">
          {linked.map((item, i) => (
            <LinkedPersonItem key={item.person.id} linked={item} index={i} records={records} />
          ))}
        </Stack>
      </Stack>
    </Paper>
  )
}
