import { Badge, Group, Text } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useState } from 'react'
import type { CatalogSearchHit } from '../../../shared/model/catalog'
import { useCatalogSearch } from '../../api/catalog'
import { SearchCombobox } from '../../components/search-combobox'
import { ASSET_KIND_ICONS, ASSET_KIND_LABELS } from './format'
import { parseSnippet } from './snippet'

const DEBOUNCE_MS = 150

/** Text with the server's «match» marks shown as highlights (never as HTML). */
export function Highlighted({ text }: { text: string }) {
  return (
    <>
      {parseSnippet(text).map((part, index) =>
        part.match ? (
          <mark key={index} className="sl-cat-mark">
            {part.text}
          </mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  )
}

/** One hit: kind, name, source and where the text matched. */
function HitView({ hit }: { hit: CatalogSearchHit }) {
  const KindIcon = ASSET_KIND_ICONS[hit.kind]
  return (
    <>
      <Group gap={6} wrap="nowrap">
        <KindIcon size={15} stroke={1.6} aria-hidden style={{ flexShrink: 0 }} />
        <Text size="sm" fw={600} truncate>
          {hit.title}
        </Text>
        <Text size="xs" c="dimmed" ml="auto" style={{ flexShrink: 0 }}>
          {hit.source}
        </Text>
        <Badge size="xs" color="gray" style={{ flexShrink: 0 }}>
          {hit.matched === 'field' ? 'Field' : ASSET_KIND_LABELS[hit.kind]}
        </Badge>
      </Group>
      {hit.snippet ? (
        <Text size="xs" c="dimmed" truncate pl={21}>
          <Highlighted text={hit.snippet} />
        </Text>
      ) : null}
    </>
  )
}

/**
 * Search as you type over the current catalogue. `/` or Ctrl+K focuses it; arrows and Enter pick
 * a hit; Escape closes the list.
 */
export function CatalogueSearch({ onPick }: { onPick: (hit: CatalogSearchHit) => void }) {
  const [text, setText] = useState('')
  const [debounced] = useDebouncedValue(text, DEBOUNCE_MS)
  const search = useCatalogSearch(debounced)
  return (
    <SearchCombobox
      text={text}
      onTextChange={setText}
      hits={text.trim() ? (search.data ?? []) : []}
      fetching={search.isFetching}
      waiting={search.isFetching || debounced !== text}
      error={search.error}
      idPrefix="catalogue"
      placeholder="Search tables, topics, collections and fields"
      emptyText="No matches"
      style={{ maxWidth: 640 }}
      renderHit={(hit) => <HitView hit={hit} />}
      onPick={onPick}
    />
  )
}
