import { Button, Group, Text } from '@mantine/core'
import { notifications, type NotificationData } from '@mantine/notifications'
import type { CategoryId, PersonalDataEntry } from '../../../shared/model/personal-data'
import { useClearReview, useReviewField } from '../../api/personal-data'
import { toDisplayError } from '../../api/remote-error'
import { categoryOf, undoStep } from './map-logic'

const UNDO_WINDOW_MS = 15_000

/** Every notification here can be dismissed by name (tests and screen readers find it). */
function notify(props: NotificationData): void {
  notifications.show({ closeButtonProps: { 'aria-label': 'Dismiss notification' }, ...props })
}

const VERBS = { confirmed: 'Confirmed', rejected: 'Rejected', changed: 'Changed' } as const

function showError(title: string, error: unknown) {
  notify({ color: 'red', title, message: toDisplayError(error).message })
}

/**
 * Review decisions with an Undo notification each. Undo puts back exactly what was there before
 * the decision: the earlier decision if there was one, else no decision.
 */
export function useReviewActions() {
  const review = useReviewField()
  const clear = useClearReview()

  const undo = (entry: PersonalDataEntry, notificationId: string) => {
    notifications.hide(notificationId)
    const step = undoStep(entry.urn, entry.decision)
    const onSuccess = () =>
      notify({ color: 'teal', title: 'Decision undone', message: entry.location })
    const onError = (error: unknown) => showError('Could not undo the decision', error)
    if (step.kind === 'clear') clear.mutate(step.urn, { onSuccess, onError })
    else review.mutate(step.arg, { onSuccess, onError })
  }

  /** Confirms or rejects the category shown, or changes it to `category`. */
  const decide = (
    entry: PersonalDataEntry,
    decision: 'confirmed' | 'rejected' | 'changed',
    options: { category?: CategoryId; reason?: string; onDone?: () => void } = {},
  ) => {
    const category = options.category ?? entry.category
    const reason = options.reason?.trim()
    review.mutate(
      { urn: entry.urn, decision, category, ...(reason ? { reason } : {}) },
      {
        onSuccess: () => {
          options.onDone?.()
          const id = `review-${entry.urn}-${Date.now()}`
          notify({
            id,
            title: `${VERBS[decision]}: ${categoryOf(category).label}`,
            autoClose: UNDO_WINDOW_MS,
            message: (
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm" truncate title={entry.location}>
                  {entry.location}, written to catalog/classifications.yaml.
                </Text>
                <Button
                  size="compact-xs"
                  variant="light"
                  onClick={() => undo(entry, id)}
                  style={{ flexShrink: 0 }}
                >
                  Undo
                </Button>
              </Group>
            ),
          })
        },
        onError: (error) => showError('Could not record the decision', error),
      },
    )
  }

  /** Removes the decision (the `u` key): the field goes back to the classifier's suggestion. */
  const clearDecision = (entry: PersonalDataEntry) => {
    if (!entry.decision) {
      notify({
        color: 'gray',
        title: 'Nothing to undo',
        message: `${entry.location} has no review decision.`,
      })
      return
    }
    clear.mutate(entry.urn, {
      onSuccess: () =>
        notify({
          color: 'teal',
          title: 'Decision removed',
          message: `${entry.location} is back to the suggestion.`,
        }),
      onError: (error) => showError('Could not remove the decision', error),
    })
  }

  return { decide, clearDecision, pending: review.isPending || clear.isPending }
}
