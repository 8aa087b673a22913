import {
  Alert,
  Anchor,
  Badge,
  Center,
  Group,
  Loader,
  Paper,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core'
import { IconAlertTriangle, IconInfoCircle, IconSitemap } from '@tabler/icons-react'
import type { AssetCounts, CatalogAssetView } from '../../../shared/model/catalog'
import { useCatalogAsset } from '../../api/catalog'
import { ErrorAlert } from '../../components/error-alert'
import { lineageHref } from '../lineage/lineage-logic'
import { KIND_ICONS } from '../sources/kind-icon'
import { KIND_LABELS } from '../sources/source-kinds'
import { AssetKeys, AssetProperties } from './asset-properties'
import { FieldsTable } from './fields-table'
import { ASSET_KIND_LABELS, formatCount, formatTime } from './format'
import { OwnershipEditor } from './ownership-editor'

const COUNT_LABELS: Array<[keyof AssetCounts, string]> = [
  ['rows', 'Rows'],
  ['messages', 'Messages'],
  ['documents', 'Documents'],
  ['partitions', 'Partitions'],
  ['sampled', 'Sampled'],
  ['children', 'Children'],
]

function Counts({ counts, fields }: { counts: AssetCounts | undefined; fields: number }) {
  const items = COUNT_LABELS.filter(([key]) => counts?.[key] !== undefined).map(
    ([key, label]) => [label, counts![key]!] as const,
  )
  items.push(['Fields', fields])
  return (
    <Group gap="xs" aria-label="Counts" role="list">
      {items.map(([label, value]) => (
        <Paper key={label} withBorder px={10} py={4} role="listitem">
          <Text size="xs" c="dimmed" lh={1.3}>
            {label}
          </Text>
          <Text fw={700} size="sm" lh={1.3} data-testid={`count-${label.toLowerCase()}`}>
            {formatCount(value)}
          </Text>
        </Paper>
      ))}
    </Group>
  )
}

function AssetView({ view, focusField }: { view: CatalogAssetView; focusField?: string }) {
  const { asset, ownership, crawl } = view
  const PlatformIcon = KIND_ICONS[asset.platform]
  return (
    <Stack gap="sm">
      <Stack gap={2}>
        <Group gap="xs" wrap="nowrap">
          <PlatformIcon
            size={22}
            stroke={1.6}
            aria-label={KIND_LABELS[asset.platform]}
            style={{ flexShrink: 0 }}
          />
          <Title order={3} size="h4" style={{ wordBreak: 'break-all' }}>
            {asset.name}
          </Title>
          <Badge color="indigo" style={{ flexShrink: 0 }}>
            {ASSET_KIND_LABELS[asset.kind]}
          </Badge>
          <Anchor
            href={lineageHref(asset.urn)}
            size="sm"
            ml="auto"
            style={{ flexShrink: 0 }}
            aria-label={`Lineage of ${asset.name}`}
          >
            <Group gap={4} wrap="nowrap">
              <IconSitemap size={16} aria-hidden />
              Lineage
            </Group>
          </Anchor>
        </Group>
        <Text size="sm" ff="monospace" c="dimmed" data-testid="asset-path" title={asset.urn}>
          {[asset.source, ...asset.path].join(' › ')}
        </Text>
        <Text
          size="sm"
          c={asset.description ? undefined : 'dimmed'}
          fs={asset.description ? undefined : 'italic'}
        >
          {asset.description ?? 'No description'}
        </Text>
        <Text size="xs" c="dimmed">
          Crawled {formatTime(crawl.endedAt ?? crawl.startedAt)}
          {asset.tags?.length ? ` · tags: ${asset.tags.join(', ')}` : ''}
        </Text>
      </Stack>

      <Counts counts={asset.counts} fields={asset.fields.length} />
      <Paper withBorder px="xs" py={4}>
        <OwnershipEditor key={asset.urn} urn={asset.urn} ownership={ownership} />
      </Paper>

      {asset.notes?.length ? (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconAlertTriangle size={16} />}
          p="xs"
          aria-label="Incomplete picture"
        >
          <Text size="sm">{asset.notes.join(' · ')}</Text>
        </Alert>
      ) : null}

      <Tabs defaultValue="fields" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="fields">Fields ({asset.fields.length})</Tabs.Tab>
          <Tabs.Tab value="keys">Keys and indexes</Tabs.Tab>
          <Tabs.Tab value="properties">Properties</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="fields" pt="sm">
          {!view.samplesInMemory && asset.fields.some((field) => field.values) ? (
            <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />} p="xs" mb="xs">
              <Text size="sm">
                Raw samples of this asset are no longer in memory, so values cannot be revealed:
                crawl its source again to take new samples.
              </Text>
            </Alert>
          ) : null}
          {asset.fields.length ? (
            <FieldsTable
              fields={asset.fields}
              samplesInMemory={view.samplesInMemory}
              focusField={focusField}
            />
          ) : (
            <Text size="sm" c="dimmed">
              No fields recorded for this {asset.kind}.
            </Text>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="keys" pt="sm">
          <AssetKeys asset={asset} />
        </Tabs.Panel>
        <Tabs.Panel value="properties" pt="sm">
          <AssetProperties asset={asset} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}

/** The right-hand side: one asset of the current catalogue. */
export function AssetDetail({ urn, focusField }: { urn: string | undefined; focusField?: string }) {
  const asset = useCatalogAsset(urn)
  if (!urn) {
    return (
      <Center h="100%" p="xl">
        <Text size="sm" c="dimmed" ta="center" maw={360}>
          Pick a table, topic or collection in the tree, or search for it, to see its fields, keys,
          counts and owners.
        </Text>
      </Center>
    )
  }
  if (asset.isPending) {
    return (
      <Center p="xl">
        <Loader size="sm" aria-label="Loading asset" />
      </Center>
    )
  }
  if (asset.error) return <ErrorAlert error={asset.error} title="Could not read this asset" />
  // Keyed by URN: revealed values and the open editor belong to one asset and go with it.
  return (
    <section aria-label="Asset detail">
      <AssetView key={urn} view={asset.data} focusField={focusField} />
    </section>
  )
}
