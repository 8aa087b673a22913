import { Button, Group, Kbd, Select, Stack, TextInput } from '@mantine/core'
import { isCategoryId, type PersonalDataEntry } from '../../../shared/model/personal-data'
import { categorySelectData } from './map-logic'

const CATEGORY_SELECT_DATA = categorySelectData(true)
import { usePersonalDataUi } from './personal-data-store'
import { useReviewActions } from './use-review-actions'

function Shortcut({ keyName }: { keyName: string }) {
  return (
    <Kbd size="xs" ml={4} aria-hidden>
      {keyName}
    </Kbd>
  )
}

/**
 * Confirm, reject, change or undo the selected field's category, with an optional reason. The
 * page's keyboard shortcuts (c, r, e, u) do the same through the same hook.
 */
export function ReviewActions({ entry }: { entry: PersonalDataEntry }) {
  const { decide, clearDecision, pending } = useReviewActions()
  const ui = usePersonalDataUi()
  const done = () => {
    ui.setReason('')
    ui.setChanging(false)
  }
  return (
    <Stack gap="xs" role="group" aria-label="Review">
      <TextInput
        size="xs"
        aria-label="Reason (optional)"
        placeholder="Reason (optional), kept with the decision"
        value={ui.reason}
        onChange={(event) => ui.setReason(event.currentTarget.value)}
      />
      <Group gap={6} wrap="nowrap">
        <Button
          size="compact-sm"
          px={8}
          color="teal"
          onClick={() => decide(entry, 'confirmed', { reason: ui.reason, onDone: done })}
          disabled={pending}
          aria-keyshortcuts="c"
        >
          Confirm
          <Shortcut keyName="c" />
        </Button>
        <Button
          size="compact-sm"
          px={8}
          color="gray"
          onClick={() => decide(entry, 'rejected', { reason: ui.reason, onDone: done })}
          disabled={pending}
          aria-keyshortcuts="r"
        >
          Reject
          <Shortcut keyName="r" />
        </Button>
        <Button
          size="compact-sm"
          px={8}
          variant="light"
          color="violet"
          onClick={() => ui.setChanging(!ui.changing)}
          disabled={pending}
          aria-keyshortcuts="e"
        >
          Change
          <Shortcut keyName="e" />
        </Button>
        <Button
          size="compact-sm"
          px={8}
          variant="subtle"
          onClick={() => clearDecision(entry)}
          disabled={pending || !entry.decision}
          aria-keyshortcuts="u"
        >
          Undo
          <Shortcut keyName="u" />
        </Button>
      </Group>
      {ui.changing ? (
        <Select
          size="xs"
          aria-label="Change category to"
          placeholder="Pick the right category"
          data={CATEGORY_SELECT_DATA}
          searchable
          autoFocus
          defaultDropdownOpened
          maxDropdownHeight={300}
          onChange={(value) => {
            if (isCategoryId(value)) {
              decide(entry, 'changed', { category: value, reason: ui.reason, onDone: done })
            }
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') ui.setChanging(false)
          }}
        />
      ) : null}
    </Stack>
  )
}
