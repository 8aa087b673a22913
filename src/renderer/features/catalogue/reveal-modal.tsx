import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core'
import { IconAlertTriangle, IconEye } from '@tabler/icons-react'
import { useState } from 'react'
import type { CatalogField } from '../../../shared/model/catalog'
import { useRevealSample } from '../../api/catalog'
import { toDisplayError } from '../../api/remote-error'

export const MIN_REASON_LENGTH = 10

export type RevealedValues = Array<string | number | boolean | null>

/**
 * Asks why before revealing one field's raw sampled values; the reason goes to the audit log
 * with the reveal. The values are handed to the caller and kept nowhere else.
 */
export function RevealModal({
  field,
  onClose,
  onRevealed,
}: {
  field: Pick<CatalogField, 'urn' | 'path'> | undefined
  onClose: () => void
  onRevealed: (fieldUrn: string, values: RevealedValues) => void
}) {
  const reveal = useRevealSample()
  const [reason, setReason] = useState('')
  const [touched, setTouched] = useState(false)
  const tooShort = reason.trim().length < MIN_REASON_LENGTH

  const close = () => {
    setReason('')
    setTouched(false)
    reveal.reset()
    onClose()
  }

  const submit = () => {
    setTouched(true)
    if (!field || tooShort) return
    reveal.mutate(
      { fieldUrn: field.urn, reason: reason.trim() },
      {
        onSuccess: (result) => {
          onRevealed(result.fieldUrn, result.values)
          close()
        },
      },
    )
  }

  const error = reveal.error ? toDisplayError(reveal.error) : undefined
  return (
    <Modal
      opened={field !== undefined}
      onClose={close}
      title={field ? `Reveal sampled values of ${field.path}` : 'Reveal sampled values'}
      size="md"
    >
      <Stack gap="sm">
        <Text size="sm">
          The raw values sampled in the last crawl are shown to you only, in this view, and the
          reveal is written to the audit log with your reason.
        </Text>
        <Textarea
          label="Reason"
          description={`Why you need to see these values (at least ${MIN_REASON_LENGTH} characters).`}
          required
          autosize
          minRows={2}
          value={reason}
          data-autofocus
          error={
            touched && tooShort
              ? `Give a reason of at least ${MIN_REASON_LENGTH} characters`
              : undefined
          }
          onChange={(event) => setReason(event.currentTarget.value)}
          onBlur={() => setTouched(true)}
        />
        {error ? (
          <Alert
            color={error.code === 'not-found' ? 'orange' : 'red'}
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            role="alert"
            title={error.code === 'not-found' ? 'Samples no longer in memory' : 'Could not reveal'}
          >
            {error.code === 'not-found'
              ? 'Raw samples are kept only in memory, for the crawl that took them, and these are gone (the server restarted or a newer crawl replaced them). Crawl the source again to reveal its values.'
              : error.message}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            color="orange"
            leftSection={<IconEye size={16} />}
            onClick={submit}
            loading={reveal.isPending}
            disabled={tooShort}
          >
            Reveal values
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
