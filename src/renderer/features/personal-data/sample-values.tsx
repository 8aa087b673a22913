import { Button, Group, Loader, Stack, Text, Tooltip } from '@mantine/core'
import { IconEye, IconEyeOff } from '@tabler/icons-react'
import { useState } from 'react'
import type { PersonalDataEntry } from '../../../shared/model/personal-data'
import { useCatalogAsset } from '../../api/catalog'
import { formatCount } from '../catalogue/format'
import { RevealModal, type RevealedValues } from '../catalogue/reveal-modal'

/**
 * The field's sampled values, masked, from its asset in the catalogue. Reveal asks a reason and
 * is audited; revealed values live in this component's state only, so selecting another field
 * (which remounts it) forgets them.
 */
export function SampleValues({ entry }: { entry: PersonalDataEntry }) {
  const asset = useCatalogAsset(entry.assetUrn)
  const [revealing, setRevealing] = useState(false)
  const [revealed, setRevealed] = useState<RevealedValues>()

  if (asset.isPending) return <Loader size="xs" aria-label="Loading sampled values" />
  const field = asset.data?.asset.fields.find(
    (candidate) => candidate.urn === entry.urn || candidate.path === entry.fieldPath,
  )
  const values = field?.values
  if (!field || !values) {
    return (
      <Text size="sm" c="dimmed">
        No values were sampled for this field.
      </Text>
    )
  }
  const canReveal = asset.data?.samplesInMemory === true && values.sampled > 0
  const hint = revealed
    ? 'Hide the revealed values'
    : canReveal
      ? 'Reveal the sampled values (asks a reason; audited)'
      : 'Samples are no longer in memory: crawl again to reveal values'
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <Text size="xs" c="dimmed">
          {formatCount(values.distinct)} distinct of {formatCount(values.sampled)} sampled ·{' '}
          {formatCount(values.nulls)} nulls
        </Text>
        <Tooltip label={hint}>
          <Button
            size="compact-xs"
            variant="subtle"
            color={revealed ? 'orange' : undefined}
            leftSection={revealed ? <IconEyeOff size={14} /> : <IconEye size={14} />}
            disabled={!revealed && !canReveal}
            onClick={() => (revealed ? setRevealed(undefined) : setRevealing(true))}
          >
            {revealed ? 'Hide' : 'Reveal'}
          </Button>
        </Tooltip>
      </Group>
      <Text
        size="xs"
        ff="monospace"
        data-testid="masked-samples"
        style={{ wordBreak: 'break-all' }}
      >
        {values.examples.length ? values.examples.join(', ') : '—'}
      </Text>
      {revealed ? (
        <Text size="xs" aria-label="Revealed values" style={{ wordBreak: 'break-all' }}>
          <Text span size="xs" c="orange" fw={700}>
            Revealed (this view only):{' '}
          </Text>
          <Text span size="xs" ff="monospace" data-testid="revealed-values">
            {revealed.map((value) => (value === null ? 'null' : String(value))).join(', ')}
          </Text>
        </Text>
      ) : null}
      <RevealModal
        field={revealing ? { urn: field.urn, path: entry.location } : undefined}
        onClose={() => setRevealing(false)}
        onRevealed={(_urn, next) => setRevealed(next)}
      />
    </Stack>
  )
}
