import {
  ActionIcon,
  Anchor,
  Button,
  Center,
  Kbd,
  Loader,
  Paper,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core'
import { useHotkeys } from '@mantine/hooks'
import { IconKeyboard, IconPlayerPlay, IconShieldLock } from '@tabler/icons-react'
import { useState } from 'react'
import { useCatalogTree, useStartCrawl } from '../../api/catalog'
import { usePersonalDataMap } from '../../api/personal-data'
import { pageHref } from '../../app/routes'
import { ErrorAlert } from '../../components/error-alert'
import { PageHeader } from '../../components/page-header'
import { useCatalogueUi } from '../catalogue/catalogue-store'
import '../catalogue/catalogue.css'
import { EntriesTable } from './entries-table'
import { EvidencePanel } from './evidence-panel'
import { ExportButtons } from './export-buttons'
import { FiltersBar } from './filters-bar'
import { filterEntries, moveSelection, sortEntries, toggleSort } from './map-logic'
import { usePersonalDataUi } from './personal-data-store'
import './personal-data.css'
import { ShortcutHelp } from './shortcut-help'
import { SummaryPanel } from './summary-panel'
import { useReviewActions } from './use-review-actions'

/** Before any crawl: nothing is classified yet. Crawling starts here and shows on the Catalogue. */
function NothingCrawled({ hasSources }: { hasSources: boolean }) {
  const startCrawl = useStartCrawl()
  const setCrawlJob = useCatalogueUi((state) => state.setCrawlJob)
  const crawl = () =>
    startCrawl.mutate(
      {},
      {
        onSuccess: ({ jobId }) => {
          setCrawlJob(jobId)
          window.location.hash = pageHref('catalogue')
        },
      },
    )
  return (
    <Paper withBorder p="xl">
      <Stack align="center" gap="xs">
        <IconShieldLock size={32} stroke={1.4} aria-hidden />
        <Text fw={600}>No personal data map yet</Text>
        <Text size="sm" c="dimmed" ta="center" maw={560}>
          Every crawl classifies each column, topic field and document path: its category, how
          confident Sightline is and the evidence why. Crawl your sources to build the map.
        </Text>
        {hasSources ? (
          <Button
            leftSection={<IconPlayerPlay size={16} />}
            onClick={crawl}
            loading={startCrawl.isPending}
          >
            Crawl all sources
          </Button>
        ) : (
          <Anchor href={pageHref('sources')}>Add sources first</Anchor>
        )}
        {startCrawl.error ? (
          <ErrorAlert error={startCrawl.error} title="Could not start the crawl" />
        ) : null}
      </Stack>
    </Paper>
  )
}

/** True when a key press happened inside a dialog (reveal, help): shortcuts stay out of it. */
function inDialog(event: KeyboardEvent): boolean {
  return event.target instanceof Element && event.target.closest('[role="dialog"]') !== null
}

/**
 * Personal data: the map of every personal field with its summary, filters, evidence, review
 * (with keyboard shortcuts), processing attributes and exports.
 */
export function PersonalDataPage() {
  const map = usePersonalDataMap()
  const roots = useCatalogTree(null)
  const ui = usePersonalDataUi()
  const { decide, clearDecision } = useReviewActions()
  const [helpOpen, setHelpOpen] = useState(false)

  const all = map.data?.entries ?? []
  const entries = sortEntries(filterEntries(all, ui.filters), ui.sort)
  // From the whole map: a field just confirmed stays open even when a filter now hides it.
  const selected = all.find((entry) => entry.urn === ui.selectedUrn)
  const sources = [...new Set(all.map((entry) => entry.source))].sort()

  const onSelected = (action: (event: KeyboardEvent) => void) => (event: KeyboardEvent) => {
    if (!inDialog(event)) action(event)
  }
  const move = (step: number) =>
    onSelected(() => ui.select(moveSelection(entries, ui.selectedUrn, step)))
  const withEntry = (action: (entry: NonNullable<typeof selected>) => void) =>
    onSelected(() => {
      if (selected) action(selected)
    })
  const done = () => ui.setReason('')
  useHotkeys([
    ['j', move(1)],
    ['ArrowDown', move(1)],
    ['k', move(-1)],
    ['ArrowUp', move(-1)],
    ['c', withEntry((entry) => decide(entry, 'confirmed', { reason: ui.reason, onDone: done }))],
    ['r', withEntry((entry) => decide(entry, 'rejected', { reason: ui.reason, onDone: done }))],
    ['e', withEntry(() => ui.setChanging(true))],
    ['u', withEntry((entry) => clearDecision(entry))],
    ['shift+?', onSelected(() => setHelpOpen(true))],
  ])

  const neverCrawled =
    (roots.data ?? []).every((node) => node.status === 'never-crawled') && all.length === 0
  const header = (
    <PageHeader
      title="Personal data"
      description="Every field holding personal data: its category, confidence, evidence and review."
      actions={
        <>
          <Tooltip label="Keyboard shortcuts (?)">
            <ActionIcon
              variant="default"
              size="lg"
              aria-label="Keyboard shortcuts"
              onClick={() => setHelpOpen(true)}
            >
              <IconKeyboard size={18} />
            </ActionIcon>
          </Tooltip>
          <ExportButtons disabled={!map.data || all.length === 0} />
        </>
      }
    />
  )

  if (map.isPending || roots.isPending) {
    return (
      <>
        {header}
        <Center p="xl">
          <Loader size="sm" aria-label="Loading the personal data map" />
        </Center>
      </>
    )
  }
  if (map.error) {
    return (
      <>
        {header}
        <ErrorAlert error={map.error} title="Could not read the personal data map" />
      </>
    )
  }
  if (neverCrawled) {
    return (
      <>
        {header}
        <NothingCrawled hasSources={(roots.data ?? []).length > 0} />
      </>
    )
  }

  return (
    <Stack
      gap="sm"
      h="calc(100dvh - var(--app-shell-header-height, 48px) - 2 * var(--mantine-spacing-md))"
    >
      {header}
      <div style={{ marginTop: -8 }}>
        <SummaryPanel
          summary={map.data.summary}
          filters={ui.filters}
          onFilter={ui.setFilters}
          expanded={ui.summaryExpanded}
          onToggle={() => ui.setSummaryExpanded(!ui.summaryExpanded)}
        />
      </div>
      <FiltersBar
        filters={ui.filters}
        sources={sources}
        onChange={ui.setFilters}
        onClear={ui.clearFilters}
      />
      <div className="sl-pd-layout">
        <div className="sl-pd-main">
          {entries.length ? (
            <EntriesTable
              entries={entries}
              selectedUrn={ui.selectedUrn}
              sort={ui.sort}
              onSort={(by) => ui.setSort(toggleSort(ui.sort, by))}
              onSelect={ui.select}
            />
          ) : (
            <Paper withBorder p="lg">
              <Text size="sm" c="dimmed" ta="center">
                {all.length
                  ? 'No field matches these filters.'
                  : 'No personal data found in the catalogue.'}
              </Text>
            </Paper>
          )}
          <Text size="xs" c="dimmed" mt={4}>
            <Text span size="xs" fw={600} data-testid="shown-count">
              {entries.length === all.length
                ? `${all.length} fields`
                : `${entries.length} of ${all.length} fields`}
            </Text>
            {' · '}
            <Kbd size="xs">j</Kbd> <Kbd size="xs">k</Kbd> move · <Kbd size="xs">c</Kbd> confirm ·{' '}
            <Kbd size="xs">r</Kbd> reject · <Kbd size="xs">e</Kbd> change · <Kbd size="xs">u</Kbd>{' '}
            undo · <Kbd size="xs">?</Kbd> help
          </Text>
        </div>
        <aside className="sl-pd-panel" aria-label="Field evidence">
          {selected ? (
            <EvidencePanel key={selected.urn} entry={selected} />
          ) : (
            <Center h="100%" p="lg">
              <Text size="sm" c="dimmed" ta="center">
                Pick a field (or press <Kbd size="xs">j</Kbd>) to see why it was classified, review
                it and set its processing.
              </Text>
            </Center>
          )}
        </aside>
      </div>
      <ShortcutHelp opened={helpOpen} onClose={() => setHelpOpen(false)} />
    </Stack>
  )
}
