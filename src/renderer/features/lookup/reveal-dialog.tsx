import { IconEye } from '@tabler/icons-react'
import { useRevealLookupValue } from '../../api/lookup'
import { useLookupUi } from './lookup-store'
import { ReasonModal } from './reason-modal'

/** The one reveal dialog of the page: asks why, reveals one value, keeps it for this lookup. */
export function RevealDialog({ lookupId }: { lookupId: string | undefined }) {
  const { revealing, askReveal, remember } = useLookupUi()
  const reveal = useRevealLookupValue()
  const close = () => {
    reveal.reset()
    askReveal(undefined)
  }
  return (
    <ReasonModal
      opened={revealing !== undefined && lookupId !== undefined}
      title={revealing ? `Reveal ${revealing.label}` : 'Reveal'}
      explanation="The raw value is shown to you only, on this page, until the next lookup; the reveal is written to the audit log with your reason."
      confirmLabel="Reveal value"
      confirmIcon={<IconEye size={16} />}
      pending={reveal.isPending}
      error={reveal.error}
      onClose={close}
      onConfirm={(reason) => {
        if (!revealing || !lookupId) return
        const { recordId, path } = revealing
        reveal.mutate(
          { lookupId, recordId, path, reason },
          {
            onSuccess: (result) => {
              remember(recordId, path, result.value === null ? 'null' : String(result.value))
              close()
            },
          },
        )
      }}
    />
  )
}
