import { Badge, Tooltip } from '@mantine/core'
import type { SourceView } from '../../../shared/api'

const SECRET_BADGES = {
  none: { label: 'No secret', color: 'gray', hint: 'No password is set for this source.' },
  'env-ref': {
    label: 'Env reference',
    color: 'teal',
    hint: 'The password is read from an environment variable',
  },
  keychain: {
    label: 'Keychain',
    color: 'blue',
    hint: 'The password is encrypted by the operating system keychain.',
  },
  memory: {
    label: 'Memory only',
    color: 'orange',
    hint: 'The password lives in this server’s memory only and is lost when it stops.',
  },
} as const

/** Where a source's password lives (never the password). */
export function SecretBadge({ source }: { source: SourceView }) {
  const badge = SECRET_BADGES[source.hasSecret ? source.secretStorage : 'none']
  const hint =
    source.secretStorage === 'env-ref' && source.secretRef
      ? `${badge.hint}: ${source.secretRef}`
      : badge.hint
  return (
    <Tooltip label={hint} multiline maw={280}>
      <Badge
        color={badge.color}
        tabIndex={0}
        style={{ minWidth: 'max-content' }}
        aria-label={`Secret: ${badge.label}. ${hint}`}
      >
        {badge.label}
      </Badge>
    </Tooltip>
  )
}
