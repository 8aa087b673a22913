import { Button, Group, Modal, Stack, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import type { SourceView } from '../../../shared/api'
import { toDisplayError } from '../../api/remote-error'
import { useAddSource, useRemoveSource } from '../../api/sources'
import { sourceInputForUndo } from './source-draft'

const UNDO_WINDOW_MS = 15_000

/**
 * Remove with a confirmation, then offer Undo: it re-adds the definition. A typed-in password is
 * deleted with the source and cannot come back, and the notification says so.
 */
export function useRemoveWithUndo() {
  const removeSource = useRemoveSource()
  const addSource = useAddSource()

  function undo(view: SourceView, notificationId: string): void {
    notifications.hide(notificationId)
    const { input, secretLost } = sourceInputForUndo(view)
    addSource.mutate(input, {
      onSuccess: () =>
        notifications.show({
          color: 'teal',
          title: `Restored ${view.name}`,
          message: secretLost
            ? 'Its password was not kept: edit the source to enter it again.'
            : 'The source is back as it was.',
        }),
      onError: (err) =>
        notifications.show({
          color: 'red',
          title: `Could not restore ${view.name}`,
          message: toDisplayError(err).message,
        }),
    })
  }

  function remove(view: SourceView): Promise<void> {
    return new Promise((resolve) => {
      removeSource.mutate(view, {
        onSuccess: () => {
          const id = `removed-${view.name}-${Date.now()}`
          notifications.show({
            id,
            title: `Removed ${view.name}`,
            autoClose: UNDO_WINDOW_MS,
            message: (
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm">The source is gone from sources.yaml.</Text>
                <Button size="compact-xs" variant="light" onClick={() => undo(view, id)}>
                  Undo
                </Button>
              </Group>
            ),
          })
          resolve()
        },
        onError: (err) => {
          notifications.show({
            color: 'red',
            title: `Could not remove ${view.name}`,
            message: toDisplayError(err).message,
          })
          resolve()
        },
      })
    })
  }

  return { remove, removing: removeSource.isPending }
}

/** "Remove <name>?" with the consequence spelled out. */
export function ConfirmRemoveModal({
  source,
  removing,
  onConfirm,
  onClose,
}: {
  source: SourceView | undefined
  removing: boolean
  onConfirm: () => void
  onClose: () => void
}) {
  const secretGoes = source?.hasSecret === true && source.secretStorage !== 'env-ref'
  return (
    <Modal
      opened={source !== undefined}
      onClose={onClose}
      title={`Remove ${source?.name ?? 'source'}?`}
      size="sm"
    >
      <Stack gap="md">
        <Text size="sm">
          The source is removed from the workspace’s sources.yaml.
          {secretGoes ? ' Its stored password is deleted too.' : ''}
        </Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" onClick={onConfirm} loading={removing} data-autofocus>
            Remove
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
