import { MantineProvider } from '@mantine/core'
import { Notifications } from '@mantine/notifications'
import { QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import type { ApiTransport } from '../../shared/api'
import { ApiProvider } from '../api/api-context'
import { useEventSync } from '../api/event-sync'
import { AuditPage } from '../features/audit/audit-page'
import { CataloguePage } from '../features/catalogue/catalogue-page'
import { LineagePage } from '../features/lineage/lineage-page'
import { LookupPage } from '../features/lookup/lookup-page'
import { NOT_BUILT_PURPOSES, NotBuiltPage } from '../features/not-built/not-built-page'
import { PersonalDataPage } from '../features/personal-data/personal-data-page'
import { SourcesPage } from '../features/sources/sources-page'
import { SightlineShell } from './app-shell'
import { createQueryClient } from './query-client'
import { PAGES, useCurrentPage, type PageId } from './routes'
import { colorSchemeManager, theme } from './theme'

function PageContent({ page }: { page: PageId }) {
  switch (page) {
    case 'sources':
      return <SourcesPage />
    case 'catalogue':
      return <CataloguePage />
    case 'audit':
      return <AuditPage />
    case 'personal-data':
      return <PersonalDataPage />
    case 'lineage':
      return <LineagePage />
    case 'lookup':
      return <LookupPage />
    default:
      return (
        <NotBuiltPage
          title={PAGES.find((p) => p.id === page)?.label ?? page}
          purpose={NOT_BUILT_PURPOSES[page]}
        />
      )
  }
}

function Screens() {
  useEventSync()
  const page = useCurrentPage()
  return (
    <SightlineShell page={page}>
      <PageContent page={page} />
    </SightlineShell>
  )
}

/** Providers (theme, notifications, queries, API) around the screens. */
export function App({ transport }: { transport: ApiTransport }) {
  const [queryClient] = useState(createQueryClient)
  return (
    <MantineProvider
      theme={theme}
      colorSchemeManager={colorSchemeManager}
      defaultColorScheme="auto"
    >
      <Notifications position="bottom-right" limit={4} />
      <QueryClientProvider client={queryClient}>
        <ApiProvider transport={transport}>
          <Screens />
        </ApiProvider>
      </QueryClientProvider>
    </MantineProvider>
  )
}
