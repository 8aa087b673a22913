import { ActionIcon, Group, Table, Text, Tooltip } from '@mantine/core'
import { IconPencil, IconPlayerPlay, IconTrash } from '@tabler/icons-react'
import type { SourceView } from '../../../shared/api'
import { useSourceCheck, useTestSavedSource } from '../../api/sources'
import { LastCheckCell } from './connection-result'
import { KindLabel } from './kind-icon'
import { SecretBadge } from './secret-badge'

const NO_WRAP = { whiteSpace: 'nowrap' } as const

interface RowActions {
  onEdit: (source: SourceView) => void
  onRemove: (source: SourceView) => void
}

function SourceRow({ source, onEdit, onRemove }: { source: SourceView } & RowActions) {
  const check = useSourceCheck(source.name)
  const test = useTestSavedSource()
  return (
    <Table.Tr data-source={source.name}>
      <Table.Td>
        <Text size="sm" fw={600} truncate title={source.name}>
          {source.name}
        </Text>
      </Table.Td>
      <Table.Td style={NO_WRAP}>
        <KindLabel kind={source.kind} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace" truncate title={source.url}>
          {source.url}
        </Text>
      </Table.Td>
      <Table.Td style={NO_WRAP}>
        <SecretBadge source={source} />
      </Table.Td>
      <Table.Td>
        <LastCheckCell check={check.data} testing={test.isPending} />
      </Table.Td>
      <Table.Td>
        <Group gap={2} wrap="nowrap" justify="flex-end">
          <Tooltip label="Test connection">
            <ActionIcon
              aria-label={`Test ${source.name}`}
              onClick={() => test.mutate(source.name)}
              loading={test.isPending}
            >
              <IconPlayerPlay size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Edit">
            <ActionIcon aria-label={`Edit ${source.name}`} onClick={() => onEdit(source)}>
              <IconPencil size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Remove">
            <ActionIcon
              aria-label={`Remove ${source.name}`}
              color="red"
              onClick={() => onRemove(source)}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Table.Td>
    </Table.Tr>
  )
}

/** The workspace's sources with their last test; a handful of rows, so no virtualisation. */
export function SourcesTable({ sources, ...actions }: { sources: SourceView[] } & RowActions) {
  return (
    <Table.ScrollContainer minWidth={1000} type="native">
      {/* Fixed layout: long versions and URLs truncate (full text on hover) instead of pushing
          the actions out of sight. */}
      <Table aria-label="Sources" stickyHeader layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="12%">Name</Table.Th>
            <Table.Th w={150}>Kind</Table.Th>
            <Table.Th w="21%">URL</Table.Th>
            <Table.Th w={124}>Secret</Table.Th>
            <Table.Th>Last test</Table.Th>
            <Table.Th w={104}>
              <Text size="sm" fw={700} ta="right">
                Actions
              </Text>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sources.map((source) => (
            <SourceRow key={source.name} source={source} {...actions} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
