import { Badge, Center, Group, Loader, Paper, Select, Stack, Text } from '@mantine/core'
import { IconMinus, IconPlus, IconSwitchHorizontal } from '@tabler/icons-react'
import { useState } from 'react'
import type {
  AssetChange,
  CatalogDiff,
  CatalogTreeNode,
  ChangeKind,
  CrawlSummary,
} from '../../../shared/model/catalog'
import { useCatalogDiff, useCrawls } from '../../api/catalog'
import { ErrorAlert } from '../../components/error-alert'

/** Colour, icon and word for each kind of change: never colour alone. */
const CHANGE_LOOK: Record<ChangeKind, { color: string; label: string; icon: typeof IconPlus }> = {
  added: { color: 'teal', label: 'Added', icon: IconPlus },
  removed: { color: 'red', label: 'Removed', icon: IconMinus },
  changed: { color: 'yellow', label: 'Changed', icon: IconSwitchHorizontal },
}

function ChangeBadge({ change }: { change: ChangeKind }) {
  const look = CHANGE_LOOK[change]
  const ChangeIcon = look.icon
  return (
    <Badge color={look.color} leftSection={<ChangeIcon size={10} />} style={{ flexShrink: 0 }}>
      {look.label}
    </Badge>
  )
}

const crawlTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

function crawlLabel(crawl: CrawlSummary): string {
  const date = new Date(crawl.startedAt)
  const when = Number.isNaN(date.getTime()) ? crawl.startedAt : crawlTime.format(date)
  return `#${crawl.id} · ${when} · ${crawl.status}${crawl.current ? ' · current' : ''}`
}

function AssetChangeView({ change }: { change: AssetChange }) {
  return (
    <Paper withBorder p="xs" role="listitem" aria-label={`${change.change} ${change.urn}`}>
      <Group gap="xs" wrap="nowrap">
        <ChangeBadge change={change.change} />
        <Badge color="gray" variant="outline" style={{ flexShrink: 0 }}>
          {change.kind}
        </Badge>
        <Text size="sm" ff="monospace" truncate title={change.urn}>
          {change.urn}
        </Text>
      </Group>
      {change.details?.map((detail) => (
        <Text key={detail} size="xs" c="dimmed" ff="monospace" pl="xs">
          {detail}
        </Text>
      ))}
      {change.fields.length ? (
        <Stack gap={2} mt={6} pl="md" role="list" aria-label="Field changes">
          {change.fields.map((field) => (
            <Group key={`${field.change}-${field.path}`} gap="xs" wrap="nowrap" role="listitem">
              <ChangeBadge change={field.change} />
              <Text size="sm" ff="monospace">
                {field.path}
              </Text>
              {field.details?.length ? (
                <Text size="xs" c="dimmed" ff="monospace" truncate>
                  {field.details.join('; ')}
                </Text>
              ) : null}
            </Group>
          ))}
        </Stack>
      ) : null}
    </Paper>
  )
}

function DiffView({ diff }: { diff: CatalogDiff }) {
  const { summary } = diff
  const total = summary.added + summary.removed + summary.changed
  return (
    <Stack gap="sm">
      <Group gap="xs" aria-label="Change summary">
        <Text size="sm" fw={600}>
          {total === 0
            ? 'No changes between these crawls'
            : `${total} ${total === 1 ? 'asset' : 'assets'} changed:`}
        </Text>
        {total > 0 ? (
          <>
            <Badge color="teal">{summary.added} added</Badge>
            <Badge color="red">{summary.removed} removed</Badge>
            <Badge color="yellow">{summary.changed} changed</Badge>
            <Text size="xs" c="dimmed">
              fields: {summary.fieldsAdded} added, {summary.fieldsRemoved} removed,{' '}
              {summary.fieldsChanged} changed
            </Text>
          </>
        ) : null}
      </Group>
      <Stack gap="xs" role="list" aria-label="Asset changes">
        {diff.changes.map((change) => (
          <AssetChangeView key={change.urn} change={change} />
        ))}
      </Stack>
    </Stack>
  )
}

/** Drift: what changed in one source between two of its crawls (default: last vs previous). */
export function ChangesView({ sources }: { sources: readonly CatalogTreeNode[] }) {
  const [source, setSource] = useState<string | undefined>(sources[0]?.source)
  const crawls = useCrawls(source)
  const usable = (crawls.data ?? []).filter((crawl) => crawl.status !== 'running')
  const [picked, setPicked] = useState<{ from?: string; to?: string }>({})
  const to = picked.to ?? usable[0]?.id
  const from = picked.from ?? usable.find((crawl) => crawl.id !== to)?.id
  const diff = useCatalogDiff(source, from, to)
  const options = usable.map((crawl) => ({ value: crawl.id, label: crawlLabel(crawl) }))

  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label="Source"
          data={sources.map((node) => node.source)}
          value={source ?? null}
          onChange={(value) => {
            setSource(value ?? undefined)
            setPicked({})
          }}
          w={220}
        />
        <Select
          label="From crawl"
          data={options}
          value={from ?? null}
          onChange={(value) => setPicked((p) => ({ ...p, from: value ?? undefined }))}
          w={380}
          disabled={options.length < 2}
        />
        <Select
          label="To crawl"
          data={options}
          value={to ?? null}
          onChange={(value) => setPicked((p) => ({ ...p, to: value ?? undefined }))}
          w={380}
          disabled={options.length < 2}
        />
      </Group>
      {crawls.error ? <ErrorAlert error={crawls.error} title="Could not list the crawls" /> : null}
      {source && crawls.data && usable.length < 2 ? (
        <Text size="sm" c="dimmed">
          {source} has {usable.length === 0 ? 'never been crawled' : 'been crawled only once'}:
          changes need two crawls. Crawl it again to compare.
        </Text>
      ) : null}
      {diff.isFetching && !diff.data ? (
        <Center p="md">
          <Loader size="sm" aria-label="Comparing crawls" />
        </Center>
      ) : null}
      {diff.error ? <ErrorAlert error={diff.error} title="Could not compare the crawls" /> : null}
      {diff.data?.length === 0 ? (
        <Text size="sm" fw={600}>
          No changes between these crawls
        </Text>
      ) : null}
      {diff.data?.map((item, index) => (
        <DiffView key={item.source ?? index} diff={item} />
      ))}
    </Stack>
  )
}
