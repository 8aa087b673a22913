import { Badge, Box, Group, Kbd, Loader, Paper, Text, TextInput } from '@mantine/core'
import { useDebouncedValue, useHotkeys } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { keepPreviousData, useQueries } from '@tanstack/react-query'
import { useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { CatalogSearchHit } from '../../../shared/model/catalog'
import { useApi } from '../../api/api-context'
import { queryKeys } from '../../api/query-keys'
import { ErrorAlert } from '../../components/error-alert'
import { ASSET_KIND_ICONS, ASSET_KIND_LABELS } from '../catalogue/format'
import { markTokens, mergeSearchHits, searchQueries, searchTokens } from './lineage-search-match'

const DEBOUNCE_MS = 150
/** Single words (`email`) match many fields; the words typed with them then pick the right one. */
const WORD_LIMIT = 200
const TYPED_LIMIT = 50

/** The catalogue asked once per query of `searchQueries`, merged and ranked by the typed words. */
function useLineageSearch(text: string) {
  const api = useApi()
  const queries = useMemo(() => searchQueries(text), [text])
  const typed = text.trim()
  const results = useQueries({
    queries: queries.map((query) => {
      const limit = query === typed ? TYPED_LIMIT : WORD_LIMIT
      return {
        queryKey: [...queryKeys.catalogSearch(query), limit] as const,
        queryFn: () => api.searchCatalog({ text: query, limit }),
        placeholderData: keepPreviousData,
      }
    }),
  })
  const dataKey = results.map((result) => result.dataUpdatedAt).join(',')
  const hits = useMemo(
    () =>
      mergeSearchHits(
        text,
        queries.map((query, index) => ({ query, hits: results[index]?.data ?? [] })),
      ),
    // results is a new array every render; dataKey says when an answer changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [text, queries, dataKey],
  )
  return {
    hits,
    fetching: results.some((result) => result.isFetching),
    error: results.find((result) => result.error)?.error,
  }
}

function HitView({
  hit,
  tokens,
  active,
  id,
  onPick,
}: {
  hit: CatalogSearchHit
  tokens: readonly string[]
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
        <Text size="sm" fw={600} truncate title={hit.title}>
          {markTokens(hit.title, tokens).map((part, index) =>
            part.match ? (
              <mark key={index} className="sl-cat-mark">
                {part.text}
              </mark>
            ) : (
              <span key={index}>{part.text}</span>
            ),
          )}
        </Text>
        <Text size="xs" c="dimmed" ml="auto" style={{ flexShrink: 0 }}>
          {hit.source}
        </Text>
        <Badge size="xs" color="gray" style={{ flexShrink: 0 }}>
          {hit.fieldPath !== undefined ? 'Field' : ASSET_KIND_LABELS[hit.kind]}
        </Badge>
      </Group>
    </Box>
  )
}

/**
 * The Lineage page's search: what to focus the graph on, typed as a path (`contact.email`,
 * `crm Customer.Email`) or as words (`singleview customers email`). `/` or Ctrl+K focuses it;
 * arrows and Enter pick a hit; Escape closes the list, a second Escape clears the text.
 */
export function LineageSearch({ onPick }: { onPick: (hit: CatalogSearchHit) => void }) {
  const inputRef = useRef<HTMLInputElement>(null)
  const [text, setText] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const [debounced] = useDebouncedValue(text, DEBOUNCE_MS)
  const search = useLineageSearch(debounced)
  const hits = text.trim() ? search.hits : []
  const tokens = searchTokens(debounced)
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
      event.preventDefault()
      if (showList) setOpen(false)
      else setText('')
    }
  }

  const waiting = search.fetching || debounced !== text
  return (
    <Box pos="relative" style={{ flex: 1, minWidth: 260, maxWidth: 560 }}>
      <TextInput
        ref={inputRef}
        value={text}
        placeholder="Focus on a table, topic or field: crm Customer.Email"
        aria-label="Search the catalogue"
        role="combobox"
        aria-expanded={showList}
        aria-controls="lineage-search-results"
        aria-autocomplete="list"
        aria-activedescendant={showList && hits[active] ? `lineage-hit-${active}` : undefined}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={
          search.fetching ? <Loader size={14} aria-label="Searching" /> : <Kbd size="xs">/</Kbd>
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
            <div role="listbox" id="lineage-search-results" aria-label="Search results">
              {hits.map((hit, index) => (
                <HitView
                  key={hit.urn}
                  hit={hit}
                  tokens={tokens}
                  id={`lineage-hit-${index}`}
                  active={index === active}
                  onPick={() => pick(hit)}
                />
              ))}
            </div>
          )}
          {!search.error && hits.length === 0 ? (
            <Text size="sm" c="dimmed" p="xs">
              {waiting ? 'Searching…' : 'No matches: try a field name, or words of its path'}
            </Text>
          ) : null}
        </Paper>
      ) : null}
    </Box>
  )
}
