import { Badge, Box, Group, Kbd, Loader, Paper, Text, TextInput } from '@mantine/core'
import { useDebouncedValue, useHotkeys } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { useRef, useState, type KeyboardEvent } from 'react'
import type { CatalogSearchHit } from '../../../shared/model/catalog'
import { useCatalogSearch } from '../../api/catalog'
import { ErrorAlert } from '../../components/error-alert'
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

function HitView({
  hit,
  active,
  id,
  onPick,
}: {
  hit: CatalogSearchHit
  active: boolean
  id: string
  onPick: () => void
}) {
  const KindIcon = ASSET_KIND_ICONS[hit.kind]
  return (
    <Box
      role="option"
      id={id}
      aria-selected={active}
      data-active={active || undefined}
      className="sl-cat-search-hit"
      // mousedown, not click: the input's blur would close the list before a click lands.
      onMouseDown={(event) => {
        event.preventDefault()
        onPick()
      }}
    >
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
    </Box>
  )
}

/**
 * Search as you type over the current catalogue. `/` or Ctrl+K focuses it; arrows and Enter pick
 * a hit; Escape closes the list.
 */
export function CatalogueSearch({ onPick }: { onPick: (hit: CatalogSearchHit) => void }) {
  const inputRef = useRef<HTMLInputElement>(null)
  const [text, setText] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const [debounced] = useDebouncedValue(text, DEBOUNCE_MS)
  const search = useCatalogSearch(debounced)
  const hits = text.trim() ? (search.data ?? []) : []
  const showList = open && text.trim().length > 0

  useHotkeys([
    ['/', () => inputRef.current?.focus()],
    ['mod+K', () => inputRef.current?.focus()],
  ])

  const pick = (hit: CatalogSearchHit | undefined) => {
    if (!hit) return
    setOpen(false)
    onPick(hit)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      setOpen(true)
      const step = event.key === 'ArrowDown' ? 1 : -1
      setActive((index) => Math.max(0, Math.min(hits.length - 1, index + step)))
    } else if (event.key === 'Enter') {
      event.preventDefault()
      pick(hits[active])
    } else if (event.key === 'Escape') {
      setOpen(false)
    }
  }

  return (
    <Box pos="relative" style={{ flex: 1, maxWidth: 640 }}>
      <TextInput
        ref={inputRef}
        value={text}
        placeholder="Search tables, topics, collections and fields"
        aria-label="Search the catalogue"
        role="combobox"
        aria-expanded={showList}
        aria-controls="catalogue-search-results"
        aria-autocomplete="list"
        aria-activedescendant={showList && hits[active] ? `catalogue-hit-${active}` : undefined}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={
          search.isFetching ? <Loader size={14} aria-label="Searching" /> : <Kbd size="xs">/</Kbd>
        }
        onChange={(event) => {
          setText(event.currentTarget.value)
          setActive(0)
          setOpen(true)
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {showList ? (
        <Paper
          withBorder
          shadow="md"
          p={4}
          pos="absolute"
          top="calc(100% + 4px)"
          left={0}
          right={0}
          style={{ zIndex: 20, maxHeight: 420, overflow: 'auto' }}
        >
          {search.error ? (
            <ErrorAlert error={search.error} title="Search failed" />
          ) : (
            <div role="listbox" id="catalogue-search-results" aria-label="Search results">
              {hits.map((hit, index) => (
                <HitView
                  key={hit.urn}
                  hit={hit}
                  id={`catalogue-hit-${index}`}
                  active={index === active}
                  onPick={() => pick(hit)}
                />
              ))}
            </div>
          )}
          {!search.error && hits.length === 0 ? (
            <Text size="sm" c="dimmed" p="xs">
              {search.isFetching || debounced !== text ? 'Searching…' : 'No matches'}
            </Text>
          ) : null}
        </Paper>
      ) : null}
    </Box>
  )
}
