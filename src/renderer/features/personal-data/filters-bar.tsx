import {
  ActionIcon,
  Group,
  MultiSelect,
  Slider,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core'
import { IconFilterOff, IconSearch } from '@tabler/icons-react'
import { isCategoryId, type ReviewState } from '../../../shared/model/personal-data'
import {
  categorySelectData,
  REVIEW_STATES,
  REVIEW_STATE_LABELS,
  hasFilters,
  type MapFilters,
} from './map-logic'

/** One line whatever is picked: the pills clip rather than push the table down. */
const ONE_LINE = {
  pillsList: { flexWrap: 'nowrap', overflow: 'hidden' },
  inputField: { minWidth: 24 },
} as const

const CATEGORY_OPTIONS = categorySelectData(false)

const STATE_OPTIONS = REVIEW_STATES.map((state) => ({
  value: state,
  label: REVIEW_STATE_LABELS[state],
}))

/** Category, source, review state, minimum confidence and free text; all applied at once. */
export function FiltersBar({
  filters,
  sources,
  onChange,
  onClear,
}: {
  filters: MapFilters
  sources: string[]
  onChange: (patch: Partial<MapFilters>) => void
  onClear: () => void
}) {
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" role="search" aria-label="Filter the map">
      <TextInput
        aria-label="Filter by text"
        placeholder="Filter by location, source, category"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={filters.text}
        onChange={(event) => onChange({ text: event.currentTarget.value })}
        w={210}
        size="sm"
      />
      <MultiSelect
        aria-label="Category"
        placeholder={filters.categories.length ? undefined : 'Any category'}
        data={CATEGORY_OPTIONS}
        value={filters.categories}
        onChange={(values) => onChange({ categories: values.filter(isCategoryId) })}
        searchable
        clearable
        w={220}
        size="sm"
        maxDropdownHeight={360}
        comboboxProps={{ width: 320 }}
        styles={ONE_LINE}
      />
      <MultiSelect
        aria-label="Source"
        placeholder={filters.sources.length ? undefined : 'Any source'}
        data={sources}
        value={filters.sources}
        onChange={(values) => onChange({ sources: values })}
        styles={ONE_LINE}
        clearable
        w={160}
        size="sm"
      />
      <MultiSelect
        aria-label="Review state"
        placeholder={filters.reviewStates.length ? undefined : 'Any review state'}
        data={STATE_OPTIONS}
        value={filters.reviewStates}
        onChange={(values) => onChange({ reviewStates: values as ReviewState[] })}
        styles={ONE_LINE}
        clearable
        w={170}
        size="sm"
      />
      <Stack gap={0} w={130}>
        <Text size="xs" c="dimmed" id="pd-min-confidence">
          Min confidence {Math.round(filters.minConfidence * 100)}%
        </Text>
        <Slider
          aria-labelledby="pd-min-confidence"
          min={0}
          max={100}
          step={5}
          label={(value) => `${value}%`}
          value={Math.round(filters.minConfidence * 100)}
          onChange={(value) => onChange({ minConfidence: value / 100 })}
          size="sm"
          mb={6}
        />
      </Stack>
      {hasFilters(filters) ? (
        <Tooltip label="Clear filters">
          <ActionIcon variant="subtle" size="lg" aria-label="Clear filters" onClick={onClear}>
            <IconFilterOff size={18} />
          </ActionIcon>
        </Tooltip>
      ) : null}
    </Group>
  )
}
