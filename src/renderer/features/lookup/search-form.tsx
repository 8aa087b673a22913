import {
  Badge,
  Button,
  Group,
  Paper,
  Radio,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconListSearch, IconUserSearch } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import type { IdentifierKind } from '../../../shared/model/lookup'
import { useRecogniseIdentifier, type ScanChoice } from '../../api/lookup'
import { toDisplayError } from '../../api/remote-error'
import { KIND_LABELS, lookupInput, reasonProblem, refusalMessage } from './lookup-logic'
import { useLookupUi } from './lookup-store'

const DEBOUNCE_MS = 200

const SCAN_CHOICES: Array<{ value: ScanChoice; label: string }> = [
  { value: 'skip', label: 'Skip' },
  { value: 'warn', label: 'Scan, warn' },
  { value: 'allow', label: 'Scan' },
]

/** What the recogniser made of the text: kind chip, the reading to use, or the refusal. */
function Recognition({ text }: { text: string }) {
  const { kind, setKind } = useLookupUi()
  const [debounced] = useDebouncedValue(text, DEBOUNCE_MS)
  const recognised = useRecogniseIdentifier(debounced)
  if (text.trim() === '') {
    return (
      <Text size="xs" c="dimmed" data-testid="identifier-kind">
        An email, phone, customer or loyalty number, card token, IP, device id, or a name with a
        postcode or date of birth.
      </Text>
    )
  }
  if (recognised.error && !recognised.isPlaceholderData) {
    const error = toDisplayError(recognised.error)
    // "Too short" while the user is still typing is a hint, not an alarm.
    const typing = error.details?.reason === 'too-short'
    return (
      <Text
        size="sm"
        c={typing ? 'dimmed' : 'red'}
        role={typing ? undefined : 'alert'}
        data-testid="identifier-refusal"
      >
        {refusalMessage(error)}
      </Text>
    )
  }
  const data = recognised.data
  if (!data) return null
  const readings: Array<{ kind: IdentifierKind }> = [data, ...data.alternatives]
  const chosen = kind ?? data.kind
  return (
    <Stack gap={6} aria-live="polite">
      <Group gap="xs" wrap="nowrap">
        <Badge
          variant="light"
          color={data.strength === 'strong' ? 'indigo' : 'grape'}
          data-testid="identifier-kind"
          aria-label={`Recognised as ${KIND_LABELS[chosen]}`}
        >
          {KIND_LABELS[chosen]}
        </Badge>
        <Text size="xs" c="dimmed" ff="monospace" data-testid="identifier-masked">
          {data.masked}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          {data.reason}
          {data.strength === 'weak' ? ' · shared identifiers link people, never merge them' : ''}
        </Text>
      </Group>
      {data.ambiguous && readings.length > 1 ? (
        <Radio.Group
          label="This could be more than one thing: which did you mean?"
          value={chosen}
          onChange={(value) => setKind(value as IdentifierKind)}
          size="xs"
        >
          <Group gap="md" mt={4}>
            {readings.map((reading) => (
              <Radio key={reading.kind} value={reading.kind} label={KIND_LABELS[reading.kind]} />
            ))}
          </Group>
        </Radio.Group>
      ) : null}
    </Stack>
  )
}

/**
 * The one search box, the reason every lookup needs, and what to do with stores that cannot be
 * asked by index. Enter looks up; "Plan" shows the dry run first.
 */
export function SearchForm({ onLookUp, busy }: { onLookUp: () => void; busy: boolean }) {
  const { text, setText, kind, reason, setReason, scans, setScans, showPlan } = useLookupUi()
  const [touched, setTouched] = useState(false)
  const problem = reasonProblem(reason)
  const empty = text.trim() === ''

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (empty || problem) return
    onLookUp()
  }

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-label="Look a customer up">
      <Stack gap="sm">
        <TextInput
          label="Identifier"
          placeholder="jane@example.com, 07123 456789, C00000042, Jane Smith SW1A 1AA…"
          leftSection={<IconUserSearch size={18} aria-hidden />}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          autoComplete="off"
          spellCheck={false}
          data-autofocus
          size="md"
        />
        <Recognition text={text} />
        <Group align="flex-start" gap="md" wrap="wrap">
          <TextInput
            label="Reason"
            description="Recorded in the audit log with the lookup; kept for this session."
            required
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            onBlur={() => setTouched(true)}
            error={touched ? problem : undefined}
            style={{ flex: '1 1 320px' }}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="lookup-scans-label">
              Stores without an index
            </Text>
            <SegmentedControl
              aria-labelledby="lookup-scans-label"
              size="xs"
              value={scans}
              onChange={(value) => setScans(value as ScanChoice)}
              data={SCAN_CHOICES}
            />
          </Stack>
        </Group>
        <Group justify="flex-end" gap="xs">
          <Button
            variant="default"
            leftSection={<IconListSearch size={16} />}
            disabled={empty}
            onClick={() => showPlan(lookupInput(text, kind))}
          >
            Plan
          </Button>
          <Button type="submit" leftSection={<IconUserSearch size={16} />} loading={busy}>
            Look up
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}
