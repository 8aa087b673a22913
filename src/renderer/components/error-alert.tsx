import { Alert } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { toDisplayError } from '../api/remote-error'

/** An API failure as a user sees it: the message, never a stack trace. */
export function ErrorAlert({ error, title }: { error: unknown; title: string }) {
  const { message } = toDisplayError(error)
  return (
    <Alert
      color="red"
      variant="light"
      title={title}
      icon={<IconAlertTriangle size={18} />}
      role="alert"
    >
      {message}
    </Alert>
  )
}
