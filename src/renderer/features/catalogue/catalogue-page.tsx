import {
  Anchor,
  Button,
  Center,
  Group,
  Loader,
  NumberInput,
  Paper,
  Tabs,
  Stack,
  Text,
} from '@mantine/core'
import { IconBooks, IconGitCompare, IconListTree, IconPlayerPlay } from '@tabler/icons-react'
import type { CatalogSearchHit } from '../../../shared/model/catalog'
import { useCatalogTree, useStartCrawl } from '../../api/catalog'
import { isJobFinished, useJob } from '../../api/jobs'
import { pageHref } from '../../app/routes'
import { ErrorAlert } from '../../components/error-alert'
import { PageHeader } from '../../components/page-header'
import { AssetDetail } from './asset-detail'
import { useCatalogueUi } from './catalogue-store'
import { CatalogueTree } from './catalogue-tree'
import { ChangesView } from './changes-view'
import { CrawlPanel } from './crawl-panel'
import { CatalogueSearch } from './search-box'
import './catalogue.css'

function EmptyCatalogue({
  hasSources,
  onCrawl,
  crawling,
}: {
  hasSources: boolean
  onCrawl: () => void
  crawling: boolean
}) {
  return (
    <Paper withBorder p="xl">
      <Stack align="center" gap="xs">
        <IconBooks size={32} stroke={1.4} aria-hidden />
        <Text fw={600}>{hasSources ? 'Nothing crawled yet' : 'No sources yet'}</Text>
        <Text size="sm" c="dimmed" ta="center" maw={520}>
          {hasSources
            ? 'A crawl reads the catalogue of every source: databases, tables, topics, collections and their fields, keys, counts and sampled value statistics. Nothing is written to your sources.'
            : 'Add the servers of your estate on the Sources page, then crawl them here.'}
        </Text>
        {hasSources ? (
          <Button leftSection={<IconPlayerPlay size={16} />} onClick={onCrawl} loading={crawling}>
            Crawl all sources
          </Button>
        ) : (
          <Anchor href={pageHref('sources')}>Go to Sources</Anchor>
        )}
      </Stack>
    </Paper>
  )
}

/** Catalogue: the tree of every source, search, the asset detail, crawls and drift. */
export function CataloguePage() {
  const roots = useCatalogTree(null)
  const startCrawl = useStartCrawl()
  const ui = useCatalogueUi()
  const job = useJob(ui.crawlJobId)
  const crawling = startCrawl.isPending || (ui.crawlJobId !== undefined && !isJobFinished(job.data))

  const crawl = (sources?: string[]) =>
    startCrawl.mutate(
      { ...(sources ? { sources } : {}), ...(ui.sampleSize ? { sampleSize: ui.sampleSize } : {}) },
      { onSuccess: ({ jobId }) => ui.setCrawlJob(jobId) },
    )

  const sources = roots.data ?? []
  const neverCrawled = sources.every((node) => node.status === 'never-crawled')
  const pick = (hit: CatalogSearchHit) => ui.select(hit.assetUrn, hit.fieldPath, hit.source)

  return (
    <Stack
      gap="sm"
      h="calc(100dvh - var(--app-shell-header-height, 48px) - 2 * var(--mantine-spacing-md))"
    >
      <PageHeader
        title="Catalogue"
        description="Every database, table, topic and collection of your sources, with fields, keys, counts and owners."
        actions={
          <Group gap="xs" wrap="nowrap">
            {/* Larger samples classify better and let lineage inference find more copies. */}
            <NumberInput
              label="Sample size"
              description="records per asset"
              placeholder="default"
              size="xs"
              w={120}
              min={0}
              max={10_000}
              step={100}
              allowDecimal={false}
              value={ui.sampleSize ?? ''}
              onChange={(value) =>
                ui.setSampleSize(typeof value === 'number' && value > 0 ? value : undefined)
              }
            />
            <Button
              leftSection={<IconPlayerPlay size={16} />}
              onClick={() => crawl()}
              loading={startCrawl.isPending}
              disabled={crawling || sources.length === 0}
            >
              Crawl all
            </Button>
          </Group>
        }
      />
      <Group gap="sm" wrap="nowrap" mt={-8}>
        <CatalogueSearch onPick={pick} />
        <Tabs
          value={ui.view}
          onChange={(value) => ui.setView(value === 'changes' ? 'changes' : 'browse')}
          variant="pills"
        >
          <Tabs.List aria-label="Catalogue view">
            <Tabs.Tab value="browse" leftSection={<IconListTree size={16} />}>
              Browse
            </Tabs.Tab>
            <Tabs.Tab value="changes" leftSection={<IconGitCompare size={16} />}>
              Changes
            </Tabs.Tab>
          </Tabs.List>
        </Tabs>
      </Group>
      {startCrawl.error ? (
        <ErrorAlert error={startCrawl.error} title="Could not start the crawl" />
      ) : null}
      {ui.crawlJobId ? (
        <CrawlPanel jobId={ui.crawlJobId} onDismiss={() => ui.setCrawlJob(undefined)} />
      ) : null}

      {roots.isPending ? (
        <Center p="xl">
          <Loader size="sm" aria-label="Loading the catalogue" />
        </Center>
      ) : roots.error ? (
        <ErrorAlert error={roots.error} title="Could not read the catalogue" />
      ) : sources.length === 0 || (neverCrawled && !ui.crawlJobId) ? (
        <EmptyCatalogue
          hasSources={sources.length > 0}
          onCrawl={() => crawl()}
          crawling={crawling}
        />
      ) : ui.view === 'changes' ? (
        <ChangesView sources={sources} />
      ) : (
        <div className="sl-cat-layout">
          <nav className="sl-cat-sidebar" aria-label="Catalogue tree">
            <CatalogueTree
              roots={sources}
              selectedUrn={ui.selectedUrn}
              selectedSource={ui.selectedSource}
              onOpen={(urn) => ui.select(urn)}
              onCrawlSource={(source) => crawl([source])}
              crawling={crawling}
            />
          </nav>
          <div className="sl-cat-detail">
            <AssetDetail urn={ui.selectedUrn} focusField={ui.focusField} />
          </div>
        </div>
      )}
    </Stack>
  )
}
