import { Badge, Button, Code, Group, Popover, Stack, Text, UnstyledButton } from '@mantine/core'
import { IconEye } from '@tabler/icons-react'
import { useEffect, useRef, useState } from 'react'
import type { LookupRecord, MergedValue, Provenance } from '../../../shared/model/lookup'
import { fieldLabel, formatRecordKey, PLATFORM_LABELS, revealTarget } from './lookup-logic'
import { revealKey, useLookupUi } from './lookup-store'

function ProvenanceLine({
  provenance,
  records,
  label,
}: {
  provenance: Provenance
  records: readonly LookupRecord[]
  label: string
}) {
  const askReveal = useLookupUi((state) => state.askReveal)
  const target = revealTarget(provenance, records)
  return (
    <Stack gap={2} data-testid="provenance" role="listitem">
      <Group gap={6} wrap="nowrap">
        <Text size="sm" fw={600}>
          {provenance.source}
        </Text>
        <Badge size="xs" variant="outline" data-testid="provenance-platform">
          {PLATFORM_LABELS[provenance.platform]}
        </Badge>
      </Group>
      <Text size="xs">{fieldLabel(provenance.fieldUrn)}</Text>
      <Code fz="xs" style={{ wordBreak: 'break-all' }} data-testid="provenance-urn">
        {provenance.fieldUrn}
      </Code>
      <Text size="xs" data-testid="provenance-key">
        Record: {formatRecordKey(provenance.recordKey)}
      </Text>
      {provenance.timestamp ? (
        <Text size="xs" c="dimmed">
          At {provenance.timestamp}
        </Text>
      ) : null}
      {target ? (
        <Button
          size="compact-xs"
          variant="subtle"
          color="orange"
          leftSection={<IconEye size={12} />}
          onClick={() => askReveal({ ...target, label: `${label} from ${provenance.source}` })}
          w="fit-content"
        >
          Reveal
        </Button>
      ) : null}
    </Stack>
  )
}

/**
 * One masked value of the merged card. Hover or click (Enter, Space) shows where it came from:
 * every source, field URN, record key (offset or `_id`) and time, each with its own Reveal.
 */
export function ProvenanceValue({
  value,
  records,
  label,
}: {
  value: MergedValue
  records: readonly LookupRecord[]
  label: string
}) {
  const [hovered, setHovered] = useState(false)
  const [pinned, setPinned] = useState(false)
  // Leaving the value for its dropdown crosses a gap: close only if the pointer does not arrive.
  const leaveTimer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const enter = () => {
    clearTimeout(leaveTimer.current)
    setHovered(true)
  }
  const leave = () => {
    clearTimeout(leaveTimer.current)
    leaveTimer.current = setTimeout(() => setHovered(false), 200)
  }
  useEffect(() => () => clearTimeout(leaveTimer.current), [])
  const revealed = useLookupUi((state) => state.revealed)
  // A revealed raw value replaces the mask wherever its record and path are shown.
  const raw = value.provenance
    .map((p) => revealTarget(p, records))
    .map((t) => (t ? revealed[revealKey(t.recordId, t.path)] : undefined))
    .find((v) => v !== undefined)
  const sources = [...new Set(value.provenance.map((p) => p.source))]
  return (
    <Popover
      opened={hovered || pinned}
      onChange={(opened) => {
        if (!opened) {
          setPinned(false)
          setHovered(false)
        }
      }}
      position="bottom-start"
      // Opened by click or keyboard, focus moves into the dropdown so its Reveal buttons are
      // reachable with Tab; Escape closes it and gives focus back to the value.
      trapFocus={pinned}
      returnFocus
      width={360}
      shadow="md"
      withArrow
    >
      <Popover.Target>
        <UnstyledButton
          onClick={() => setPinned(!pinned)}
          onMouseEnter={enter}
          onMouseLeave={leave}
          aria-label={`${label}: ${raw ?? value.value}, from ${sources.join(', ')}`}
          aria-expanded={hovered || pinned}
          data-testid="merged-value"
          className="lookup-value"
        >
          <Text span size="sm" ff="monospace" c={raw !== undefined ? 'orange' : undefined}>
            {raw ?? value.value}
          </Text>
          <Text span size="xs" c="dimmed" ml={6}>
            {sources.join(', ')}
          </Text>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown
        onMouseEnter={enter}
        onMouseLeave={leave}
        aria-label={`Where ${label} came from`}
      >
        <Stack gap="sm" role="list" mah={420} style={{ overflowY: 'auto' }}>
          {value.provenance.map((p) => (
            <ProvenanceLine
              key={`${p.stepId}|${p.fieldUrn}|${JSON.stringify(p.recordKey)}`}
              provenance={p}
              records={records}
              label={label}
            />
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}
