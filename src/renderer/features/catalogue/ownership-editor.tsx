import { Button, Group, Select, Stack, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconPencil, IconUsers } from '@tabler/icons-react'
import { useState } from 'react'
import type { AssetOwnership } from '../../../shared/model/catalog'
import { useOwners, useSetOwnership } from '../../api/owners'
import { toDisplayError } from '../../api/remote-error'
import { ErrorAlert } from '../../components/error-alert'
import { ruleToRestore } from './crawl-state'

const UNDO_WINDOW_MS = 15_000

function OwnershipText({ ownership }: { ownership: AssetOwnership }) {
  const owner = ownership.owner ? (ownership.owner.name ?? ownership.owner.id) : undefined
  return (
    <Group gap="md" wrap="wrap" style={{ rowGap: 0 }}>
      <Text size="sm">
        <Text span c="dimmed" size="sm">
          Owner:{' '}
        </Text>
        <Text span fw={600} size="sm" data-testid="asset-owner">
          {owner ?? 'none'}
        </Text>
      </Text>
      <Text size="sm">
        <Text span c="dimmed" size="sm">
          Domain:{' '}
        </Text>
        <Text span fw={600} size="sm" data-testid="asset-domain">
          {ownership.domain?.id ?? 'none'}
        </Text>
      </Text>
      {ownership.matchedBy ? (
        <Text size="xs" c="dimmed" ff="monospace" title="The owners.yaml rule that applies">
          via {ownership.matchedBy}
        </Text>
      ) : null}
    </Group>
  )
}

/**
 * Owner team and domain of one asset, editable: the change is written to catalog/owners.yaml as
 * a rule for this URN, and Undo puts back the rule that was there before (or none).
 */
export function OwnershipEditor({ urn, ownership }: { urn: string; ownership: AssetOwnership }) {
  const owners = useOwners()
  const setOwnership = useSetOwnership()
  const [editing, setEditing] = useState(false)
  const [owner, setOwner] = useState<string | null>(ownership.owner?.id ?? null)
  const [domain, setDomain] = useState<string | null>(ownership.domain?.id ?? null)

  const startEditing = () => {
    setOwner(ownership.owner?.id ?? null)
    setDomain(ownership.domain?.id ?? null)
    setEditing(true)
  }

  const undo = (previous: ReturnType<typeof ruleToRestore>, notificationId: string) => {
    notifications.hide(notificationId)
    setOwnership.mutate(previous, {
      onSuccess: () =>
        notifications.show({ color: 'teal', title: 'Ownership restored', message: urn }),
      onError: (err) =>
        notifications.show({
          color: 'red',
          title: 'Could not restore the ownership',
          message: toDisplayError(err).message,
        }),
    })
  }

  const save = () => {
    const previous = ruleToRestore(owners.data, urn)
    setOwnership.mutate(
      { match: urn, owner, domain },
      {
        onSuccess: () => {
          setEditing(false)
          const id = `ownership-${Date.now()}`
          notifications.show({
            id,
            title: 'Ownership saved',
            autoClose: UNDO_WINDOW_MS,
            message: (
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm">Written to catalog/owners.yaml.</Text>
                <Button size="compact-xs" variant="light" onClick={() => undo(previous, id)}>
                  Undo
                </Button>
              </Group>
            ),
          })
        },
      },
    )
  }

  if (!editing) {
    return (
      <Group gap="sm" wrap="nowrap" justify="space-between" h="100%">
        <Group gap="xs" wrap="nowrap" miw={0}>
          <IconUsers size={16} aria-hidden style={{ flexShrink: 0 }} />
          <OwnershipText ownership={ownership} />
        </Group>
        <Button
          size="compact-sm"
          variant="subtle"
          leftSection={<IconPencil size={14} />}
          onClick={startEditing}
          aria-label="Edit ownership"
          style={{ flexShrink: 0 }}
        >
          Edit
        </Button>
      </Group>
    )
  }

  const teams = (owners.data?.teams ?? []).map((team) => ({
    value: team.id,
    label: team.name ? `${team.name} (${team.id})` : team.id,
  }))
  const domains = (owners.data?.domains ?? []).map((d) => ({ value: d.id, label: d.id }))
  return (
    <Stack gap="xs" role="form" aria-label="Edit ownership">
      {owners.error ? <ErrorAlert error={owners.error} title="Could not read owners.yaml" /> : null}
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label="Owner team"
          data={teams}
          value={owner}
          onChange={setOwner}
          clearable
          searchable
          placeholder={owners.isPending ? 'Loading…' : 'No owner'}
          w={240}
        />
        <Select
          label="Domain"
          data={domains}
          value={domain}
          onChange={setDomain}
          clearable
          searchable
          placeholder={owners.isPending ? 'Loading…' : 'No domain'}
          w={200}
        />
        <Button onClick={save} loading={setOwnership.isPending}>
          Save
        </Button>
        <Button variant="default" onClick={() => setEditing(false)}>
          Cancel
        </Button>
      </Group>
      {setOwnership.error ? (
        <ErrorAlert error={setOwnership.error} title="Could not save the ownership" />
      ) : null}
    </Stack>
  )
}
