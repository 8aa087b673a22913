import {
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconPencil } from '@tabler/icons-react'
import { useState } from 'react'
import type {
  PersonalDataEntry,
  ProcessingAttributes,
  ProcessingRule,
} from '../../../shared/model/personal-data'
import { useProcessingRules, useSetProcessing } from '../../api/personal-data'
import { ErrorAlert } from '../../components/error-alert'
import { categoryOf } from './map-logic'

type LawfulBasis = NonNullable<ProcessingAttributes['lawfulBasis']>

export const LAWFUL_BASES: Array<{ value: LawfulBasis; label: string }> = [
  { value: 'consent', label: 'Consent (Art. 6(1)(a))' },
  { value: 'contract', label: 'Contract (Art. 6(1)(b))' },
  { value: 'legal-obligation', label: 'Legal obligation (Art. 6(1)(c))' },
  { value: 'vital-interests', label: 'Vital interests (Art. 6(1)(d))' },
  { value: 'public-task', label: 'Public task (Art. 6(1)(e))' },
  { value: 'legitimate-interests', label: 'Legitimate interests (Art. 6(1)(f))' },
]

function basisLabel(basis: string | undefined): string | undefined {
  return LAWFUL_BASES.find((b) => b.value === basis)?.label ?? basis
}

/** Drops empty values, so clearing a box removes the attribute rather than storing "". */
function cleanAttributes(draft: ProcessingAttributes): ProcessingAttributes {
  const out: ProcessingAttributes = {}
  if (draft.purpose?.trim()) out.purpose = draft.purpose.trim()
  if (draft.lawfulBasis) out.lawfulBasis = draft.lawfulBasis
  if (draft.retention?.trim()) out.retention = draft.retention.trim()
  const recipients = (draft.recipients ?? []).map((r) => r.trim()).filter(Boolean)
  if (recipients.length) out.recipients = recipients
  return out
}

function attributesOf(rule: ProcessingRule | undefined): ProcessingAttributes {
  if (!rule) return {}
  const { purpose, lawfulBasis, retention, recipients } = rule
  return { purpose, lawfulBasis, retention, recipients }
}

function Attribute({ label, value }: { label: string; value: string | undefined }) {
  return (
    <Text size="sm">
      <Text span c="dimmed" size="sm">
        {label}:{' '}
      </Text>
      <Text span fs={value ? undefined : 'italic'} c={value ? undefined : 'dimmed'}>
        {value ?? 'not set'}
      </Text>
    </Text>
  )
}

/**
 * Article 30 attributes of a field: shown as they apply, editable as a rule in
 * catalog/processing.yaml for the field's asset or for its whole category.
 */
export function ProcessingEditor({ entry }: { entry: PersonalDataEntry }) {
  const rules = useProcessingRules()
  const setProcessing = useSetProcessing()
  const [editing, setEditing] = useState(false)
  const [scope, setScope] = useState<'asset' | 'category'>('asset')
  const [draft, setDraft] = useState<ProcessingAttributes>({})
  const matchFor = (s: 'asset' | 'category') =>
    s === 'asset' ? entry.assetUrn : `category:${entry.category}`
  const ruleFor = (s: 'asset' | 'category') =>
    rules.data?.find((rule) => rule.match === matchFor(s))

  // Editing starts on the asset, from what applies now: saving then pins exactly what was shown.
  const startEditing = () => {
    setScope('asset')
    const rule = ruleFor('asset')
    setDraft(rule ? attributesOf(rule) : { ...entry.processing })
    setEditing(true)
  }

  const changeScope = (next: 'asset' | 'category') => {
    setScope(next)
    const rule = ruleFor(next)
    setDraft(rule ? attributesOf(rule) : next === 'asset' ? { ...entry.processing } : {})
  }

  const save = (attributes: ProcessingAttributes | null) => {
    const match = matchFor(scope)
    setProcessing.mutate(
      { match, attributes: attributes ? cleanAttributes(attributes) : null },
      {
        onSuccess: () => {
          setEditing(false)
          notifications.show({
            color: 'teal',
            title: attributes ? 'Processing saved' : 'Processing rule removed',
            message: `${match}, in catalog/processing.yaml.`,
            closeButtonProps: { 'aria-label': 'Dismiss notification' },
          })
        },
      },
    )
  }

  const p = entry.processing
  if (!editing) {
    return (
      <Stack gap={2} data-testid="processing">
        <Attribute label="Purpose" value={p.purpose} />
        <Attribute label="Lawful basis" value={basisLabel(p.lawfulBasis)} />
        <Attribute label="Retention" value={p.retention} />
        <Attribute label="Recipients" value={p.recipients?.join(', ') || undefined} />
        <Group>
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconPencil size={14} />}
            onClick={startEditing}
          >
            Edit processing
          </Button>
        </Group>
      </Stack>
    )
  }

  return (
    <Stack gap="xs" role="form" aria-label="Edit processing">
      <SegmentedControl
        size="xs"
        value={scope}
        onChange={(value) => changeScope(value === 'category' ? 'category' : 'asset')}
        data={[
          { value: 'asset', label: 'This asset' },
          { value: 'category', label: `All ${categoryOf(entry.category).label}` },
        ]}
      />
      <Text size="xs" c="dimmed" ff="monospace" truncate title={matchFor(scope)}>
        match: {matchFor(scope)}
      </Text>
      <TextInput
        label="Purpose"
        size="xs"
        value={draft.purpose ?? ''}
        onChange={(event) => setDraft({ ...draft, purpose: event.currentTarget.value })}
      />
      <Select
        label="Lawful basis"
        size="xs"
        data={LAWFUL_BASES}
        value={draft.lawfulBasis ?? null}
        onChange={(value) =>
          setDraft({ ...draft, lawfulBasis: (value as LawfulBasis | null) ?? undefined })
        }
        clearable
      />
      <TextInput
        label="Retention"
        size="xs"
        placeholder="e.g. 6 years after the contract ends"
        value={draft.retention ?? ''}
        onChange={(event) => setDraft({ ...draft, retention: event.currentTarget.value })}
      />
      <TagsInput
        label="Recipients"
        size="xs"
        placeholder="Type and press Enter"
        value={draft.recipients ?? []}
        onChange={(recipients) => setDraft({ ...draft, recipients })}
      />
      {setProcessing.error ? (
        <ErrorAlert error={setProcessing.error} title="Could not save the processing rule" />
      ) : null}
      <Group gap="xs">
        <Button size="xs" onClick={() => save(draft)} loading={setProcessing.isPending}>
          Save
        </Button>
        <Button size="xs" variant="default" onClick={() => setEditing(false)}>
          Cancel
        </Button>
        {ruleFor(scope) ? (
          <Button size="xs" variant="subtle" color="red" onClick={() => save(null)} ml="auto">
            Remove rule
          </Button>
        ) : null}
      </Group>
    </Stack>
  )
}
