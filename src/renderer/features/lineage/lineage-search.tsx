import { Badge, Group, Text } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { keepPreviousData, useQueries } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import type { CatalogSearchHit } from '../../../shared/model/catalog'
import { useApi } from '../../api/api-context'
import { queryKeys } from '../../api/query-keys'
import { SearchCombobox } from '../../components/search-combobox'
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

/** One hit: kind, name with the typed words marked, and source. */
function HitView({ hit, tokens }: { hit: CatalogSearchHit; tokens: readonly string[] }) {
  const KindIcon = ASSET_KIND_ICONS[hit.kind]
  return (
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
  )
}

/**
 * The Lineage page's search: what to focus the graph on, typed as a path (`contact.email`,
 * `crm Customer.Email`) or as words (`singleview customers email`). `/` or Ctrl+K focuses it;
 * arrows and Enter pick a hit; Escape closes the list, a second Escape clears the text.
 */
export function LineageSearch({ onPick }: { onPick: (hit: CatalogSearchHit) => void }) {
  const [text, setText] = useState('')
  const [debounced] = useDebouncedValue(text, DEBOUNCE_MS)
  const search = useLineageSearch(debounced)
  const tokens = searchTokens(debounced)
  return (
    <SearchCombobox
      text={text}
      onTextChange={setText}
      hits={text.trim() ? search.hits : []}
      fetching={search.fetching}
      waiting={search.fetching || debounced !== text}
      error={search.error}
      idPrefix="lineage"
      placeholder="Focus on a table, topic or field: crm Customer.Email"
      emptyText="No matches: try a field name, or words of its path"
      escapeClears
      style={{ minWidth: 260, maxWidth: 560 }}
      renderHit={(hit) => <HitView hit={hit} tokens={tokens} />}
      onPick={onPick}
    />
  )
}
