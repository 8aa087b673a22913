import { ActionIcon, Badge, Box, Group, Loader, Menu, Text, UnstyledButton } from '@mantine/core'
import { IconChevronRight, IconDots, IconPlayerPlay } from '@tabler/icons-react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { CatalogTreeNode } from '../../../shared/model/catalog'
import { useCatalogTreeChildren } from '../../api/catalog'
import { NODE_ICONS } from './format'
import { ancestorIds, flattenTree, treeKeyAction, type TreeRow } from './tree-model'
import './catalogue.css'

const ROW_HEIGHT = 30

const STATUS_BADGES: Partial<Record<NonNullable<CatalogTreeNode['status']>, [string, string]>> = {
  'never-crawled': ['Not crawled', 'gray'],
  failed: ['Failed', 'red'],
  partial: ['Partial', 'yellow'],
  running: ['Crawling', 'indigo'],
  cancelled: ['Cancelled', 'gray'],
}

interface TreeProps {
  roots: readonly CatalogTreeNode[]
  selectedUrn?: string
  /** The selected asset's source, to open the tree down to it when it was picked elsewhere. */
  selectedSource?: string
  onOpen: (urn: string) => void
  onCrawlSource: (source: string) => void
  crawling: boolean
}

function rowDomId(id: string): string {
  return `catalogue-node-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`
}

function TreeRowView({
  row,
  active,
  selected,
  crawling,
  onClick,
  onToggle,
  onCrawlSource,
}: {
  row: TreeRow
  active: boolean
  selected: boolean
  crawling: boolean
  onClick: () => void
  onToggle: () => void
  onCrawlSource: (source: string) => void
}) {
  const { node } = row
  const NodeIcon = NODE_ICONS[node.kind]
  const status = node.status ? STATUS_BADGES[node.status] : undefined
  const count = node.childCount > 0 ? node.childCount : node.fieldCount
  return (
    <div
      role="treeitem"
      aria-label={node.name}
      id={rowDomId(node.id)}
      data-node-id={node.id}
      aria-level={row.level}
      aria-posinset={row.posInSet}
      aria-setsize={row.setSize}
      aria-expanded={row.expandable ? row.expanded : undefined}
      aria-selected={selected}
      tabIndex={active ? 0 : -1}
      className="sl-cat-tree-row"
      data-active={active || undefined}
      data-selected={selected || undefined}
      style={{ paddingLeft: 4 + (row.level - 1) * 16, height: ROW_HEIGHT }}
      onClick={onClick}
    >
      <UnstyledButton
        tabIndex={-1}
        aria-hidden
        className="sl-cat-chevron"
        data-expanded={row.expanded || undefined}
        style={{ visibility: row.expandable ? 'visible' : 'hidden' }}
        onClick={(event) => {
          event.stopPropagation()
          onToggle()
        }}
      >
        <IconChevronRight size={14} />
      </UnstyledButton>
      <NodeIcon size={16} stroke={1.6} aria-hidden style={{ flexShrink: 0 }} />
      <Text size="sm" truncate fw={node.kind === 'source' ? 600 : undefined} title={node.name}>
        {node.name}
      </Text>
      {row.loading ? <Loader size={12} aria-label={`Loading ${node.name}`} /> : null}
      <Group gap={4} ml="auto" wrap="nowrap" style={{ flexShrink: 0 }}>
        {status ? (
          <Badge size="xs" color={status[1]}>
            {status[0]}
          </Badge>
        ) : null}
        {count !== undefined && count > 0 ? (
          <Text size="xs" c="dimmed">
            {count}
          </Text>
        ) : null}
        {node.kind === 'source' ? (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon
                size="sm"
                tabIndex={active ? 0 : -1}
                aria-label={`Actions for ${node.source}`}
                onClick={(event) => event.stopPropagation()}
                onKeyDown={(event) => event.stopPropagation()}
              >
                <IconDots size={14} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item
                leftSection={<IconPlayerPlay size={14} />}
                disabled={crawling}
                onClick={() => onCrawlSource(node.source)}
              >
                Crawl {node.source}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        ) : null}
      </Group>
    </div>
  )
}

/**
 * The catalogue by source / database / schema: children load when a node opens, the visible rows
 * are virtualised, and the keyboard works as in a file tree (roving focus, arrows, Enter).
 */
export function CatalogueTree({
  roots,
  selectedUrn,
  selectedSource,
  onOpen,
  onCrawlSource,
  crawling,
}: TreeProps) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set())
  const [activeId, setActiveId] = useState<string>()
  const scrollRef = useRef<HTMLDivElement>(null)
  const focusPending = useRef(false)

  const expandedIds = useMemo(() => [...expanded], [expanded])
  const childQueries = useCatalogTreeChildren(expandedIds)
  const childrenOf = useMemo(() => {
    const map = new Map<string, CatalogTreeNode[]>()
    expandedIds.forEach((id, index) => {
      const data = childQueries[index]?.data
      if (data) map.set(id, data)
    })
    return map
  }, [expandedIds, childQueries])
  const rows = useMemo(
    () => flattenTree(roots, childrenOf, expanded),
    [roots, childrenOf, expanded],
  )

  // An asset picked in search: open its ancestors, then bring its row into view once it exists.
  const revealPending = useRef<string>(undefined)
  useEffect(() => {
    if (!selectedUrn || !selectedSource) return
    revealPending.current = selectedUrn
    setActiveId(selectedUrn)
    setExpanded((previous) => {
      const missing = ancestorIds(selectedUrn, selectedSource).filter((id) => !previous.has(id))
      return missing.length ? new Set([...previous, ...missing]) : previous
    })
  }, [selectedUrn, selectedSource])

  const activeIndex = Math.max(
    0,
    rows.findIndex((row) => row.node.id === activeId),
  )

  // The virtualiser is read afresh on every render, so the compiler's memoising is not needed.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })

  useEffect(() => {
    if (!revealPending.current) return
    const index = rows.findIndex((row) => row.node.id === revealPending.current)
    if (index < 0) return
    revealPending.current = undefined
    virtualizer.scrollToIndex(index, { align: 'center' })
  }, [rows, virtualizer])

  // Roving focus: after a keyboard move, focus the new active row once it is rendered.
  useEffect(() => {
    if (!focusPending.current) return
    const id = rows[activeIndex]?.node.id
    if (!id) return
    const element = scrollRef.current?.querySelector<HTMLElement>(`#${rowDomId(id)}`)
    if (element) {
      focusPending.current = false
      element.focus({ preventScroll: true })
    }
  })

  const setOpen = (id: string, open: boolean) =>
    setExpanded((previous) => {
      const next = new Set(previous)
      if (open) next.add(id)
      else next.delete(id)
      return next
    })

  const openRow = (row: TreeRow) => {
    setActiveId(row.node.id)
    if (row.node.kind === 'source') {
      if (row.expandable) setOpen(row.node.id, !row.expanded)
    } else {
      onOpen(row.node.id)
    }
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const action = treeKeyAction(event.key, rows, activeIndex)
    if (action.type === 'none') return
    event.preventDefault()
    switch (action.type) {
      case 'move':
        setActiveId(rows[action.index]?.node.id)
        virtualizer.scrollToIndex(action.index, { align: 'auto' })
        focusPending.current = true
        return
      case 'expand':
        setOpen(action.id, true)
        return
      case 'collapse':
        setOpen(action.id, false)
        return
      case 'open':
        openRow(action.row)
        return
    }
  }

  return (
    <Box ref={scrollRef} className="sl-cat-tree-scroll">
      <div
        role="tree"
        aria-label="Catalogue"
        onKeyDown={onKeyDown}
        style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!
          return (
            <div
              key={row.node.id}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                transform: `translateY(${item.start}px)`,
              }}
            >
              <TreeRowView
                row={row}
                active={item.index === activeIndex}
                selected={row.node.id === selectedUrn}
                crawling={crawling}
                onClick={() => openRow(row)}
                onToggle={() => {
                  setActiveId(row.node.id)
                  setOpen(row.node.id, !row.expanded)
                }}
                onCrawlSource={onCrawlSource}
              />
            </div>
          )
        })}
      </div>
    </Box>
  )
}
