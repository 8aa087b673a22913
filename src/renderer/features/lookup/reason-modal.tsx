import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useState, type ReactNode } from 'react'
import { toDisplayError } from '../../api/remote-error'
import { reasonProblem } from './lookup-logic'
import { useLookupUi } from './lookup-store'

/**
 * Asks why before an audited action (a reveal, an export, an erasure plan). The reason starts as
 * the session's lookup reason, since the purpose is usually the same; it can be changed.
 */
export function ReasonModal(props: ReasonModalProps) {
  // The form lives inside the modal, which unmounts it when closed: each opening starts afresh.
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size="md">
      <ReasonForm {...props} />
    </Modal>
  )
}

interface ReasonModalProps {
  opened: boolean
  title: string
  explanation: ReactNode
  confirmLabel: string
  confirmIcon?: ReactNode
  pending: boolean
  error: unknown
  onConfirm: (reason: string) => void
  onClose: () => void
}

function ReasonForm({
  explanation,
  confirmLabel,
  confirmIcon,
  pending,
  error,
  onConfirm,
  onClose,
}: ReasonModalProps) {
  const sessionReason = useLookupUi((state) => state.reason)
  const [reason, setReason] = useState(sessionReason)
  const [touched, setTouched] = useState(false)
  const problem = reasonProblem(reason)
  const shown = error ? toDisplayError(error) : undefined
  const confirm = () => {
    setTouched(true)
    if (!problem) onConfirm(reason.trim())
  }
  return (
    <Stack gap="sm">
      <Text size="sm">{explanation}</Text>
      <Textarea
        label="Reason"
        description="Written to the audit log with this action."
        required
        autosize
        minRows={2}
        value={reason}
        data-autofocus
        error={touched ? problem : undefined}
        onChange={(event) => setReason(event.currentTarget.value)}
        onBlur={() => setTouched(true)}
      />
      {shown ? (
        <Alert
          color={shown.code === 'not-found' ? 'orange' : 'red'}
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          role="alert"
        >
          {shown.code === 'not-found'
            ? 'This lookup is no longer in memory (results are never stored): look the customer up again.'
            : shown.message}
        </Alert>
      ) : null}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button
          color="orange"
          leftSection={confirmIcon}
          onClick={confirm}
          loading={pending}
          disabled={problem !== undefined}
        >
          {confirmLabel}
        </Button>
      </Group>
    </Stack>
  )
}
