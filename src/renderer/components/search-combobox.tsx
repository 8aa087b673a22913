import { Box, Kbd, Loader, Paper, Text, TextInput } from '@mantine/core'
import { useHotkeys } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react'
import { ErrorAlert } from './error-alert'

export interface SearchComboboxProps<H extends { urn: string }> {
  /** The text as typed (the caller debounces it for its search). */
  text: string
  onTextChange: (text: string) => void
  hits: readonly H[]
  /** A request is in flight (spinner in the input). */
  fetching: boolean
  /** The hits are not yet for the text as typed ("Searching…" rather than the empty text). */
  waiting: boolean
  error?: unknown
  /** Prefix of the list's and options' ids (`catalogue` -> `catalogue-search-results`). */
  idPrefix: string
  placeholder: string
  emptyText: string
  /** Escape with the list already closed clears the text. */
  escapeClears?: boolean
  style?: CSSProperties
  renderHit: (hit: H) => ReactNode
  onPick: (hit: H) => void
}

/**
 * Search as you type with a list of hits under the input (the ARIA combobox pattern): `/` or
 * Ctrl+K focuses it; arrows and Enter pick a hit; Escape closes the list (and, when asked, a
 * second Escape clears the text). The Catalogue and Lineage pages' searches share it.
 */
export function SearchCombobox<H extends { urn: string }>(props: SearchComboboxProps<H>) {
  const { text, hits, idPrefix } = props
  const inputRef = useRef<HTMLInputElement>(null)
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const showList = open && text.trim().length > 0
  const listId = `${idPrefix}-search-results`
  const optionId = (index: number) => `${idPrefix}-hit-${index}`

  useHotkeys([
    ['/', () => inputRef.current?.focus()],
    ['mod+K', () => inputRef.current?.focus()],
  ])

  const pick = (hit: H | undefined) => {
    if (!hit) return
    setOpen(false)
    props.onPick(hit)
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
      if (!props.escapeClears) setOpen(false)
      else {
        event.preventDefault()
        if (showList) setOpen(false)
        else props.onTextChange('')
      }
    }
  }

  return (
    <Box pos="relative" style={{ flex: 1, ...props.style }}>
      <TextInput
        ref={inputRef}
        value={text}
        placeholder={props.placeholder}
        aria-label="Search the catalogue"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && hits[active] ? optionId(active) : undefined}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={
          props.fetching ? <Loader size={14} aria-label="Searching" /> : <Kbd size="xs">/</Kbd>
        }
        onChange={(event) => {
          props.onTextChange(event.currentTarget.value)
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
          {props.error ? (
            <ErrorAlert error={props.error} title="Search failed" />
          ) : (
            <div role="listbox" id={listId} aria-label="Search results">
              {hits.map((hit, index) => (
                <Box
                  key={hit.urn}
                  role="option"
                  id={optionId(index)}
                  aria-selected={index === active}
                  data-active={index === active || undefined}
                  className="sl-cat-search-hit"
                  // mousedown, not click: the input's blur would close the list before a click.
                  onMouseDown={(event) => {
                    event.preventDefault()
                    pick(hit)
                  }}
                >
                  {props.renderHit(hit)}
                </Box>
              ))}
            </div>
          )}
          {!props.error && hits.length === 0 ? (
            <Text size="sm" c="dimmed" p="xs">
              {props.waiting ? 'Searching…' : props.emptyText}
            </Text>
          ) : null}
        </Paper>
      ) : null}
    </Box>
  )
}
