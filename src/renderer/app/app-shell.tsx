import {
  ActionIcon,
  AppShell,
  Badge,
  Group,
  NavLink,
  Text,
  Title,
  Tooltip,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core'
import {
  IconBooks,
  IconDatabase,
  IconEye,
  IconFolder,
  IconHistory,
  IconMoon,
  IconShieldLock,
  IconSitemap,
  IconSun,
  IconUserSearch,
  type Icon,
} from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { useAppInfo } from '../api/app-info'
import { PAGES, pageHref, type PageId } from './routes'

const PAGE_ICONS: Record<PageId, Icon> = {
  sources: IconDatabase,
  catalogue: IconBooks,
  lineage: IconSitemap,
  lookup: IconUserSearch,
  'personal-data': IconShieldLock,
  audit: IconHistory,
}

function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme()
  const computed = useComputedColorScheme('light', { getInitialValueInEffect: false })
  const next = computed === 'dark' ? 'light' : 'dark'
  const label = `Switch to ${next} theme`
  return (
    <Tooltip label={label}>
      <ActionIcon size="lg" aria-label={label} onClick={() => setColorScheme(next)}>
        {computed === 'dark' ? <IconSun size={18} /> : <IconMoon size={18} />}
      </ActionIcon>
    </Tooltip>
  )
}

function WorkspaceSummary() {
  const info = useAppInfo()
  if (!info.data) return null
  const { workspace, mode } = info.data
  return (
    <Group gap="xs" wrap="nowrap" miw={0} aria-label="Workspace">
      <IconFolder size={16} aria-hidden />
      <Text
        size="sm"
        ff="monospace"
        truncate="start"
        title={workspace}
        maw={480}
        data-testid="workspace-path"
      >
        {/* The marks keep the leading "/" in place: start-truncation lays text out right-to-left. */}
        {`\u200E${workspace}\u200E`}
      </Text>
      <Badge variant="outline" color={mode === 'serve' ? 'grape' : 'gray'} data-testid="app-mode">
        {mode === 'serve' ? 'Serve mode' : 'Desktop'}
      </Badge>
    </Group>
  )
}

/** Header (workspace, mode, theme), left navigation and the current page. */
export function SightlineShell({ page, children }: { page: PageId; children: ReactNode }) {
  return (
    <AppShell header={{ height: 48 }} navbar={{ width: 208, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <IconEye size={22} aria-hidden color="var(--mantine-primary-color-filled)" />
            <Title order={1} size="h4" fw={700}>
              Sightline
            </Title>
          </Group>
          <Group gap="md" wrap="nowrap" miw={0}>
            <WorkspaceSummary />
            <ColorSchemeToggle />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation" component="nav">
        {PAGES.map(({ id, label }) => {
          const PageIcon = PAGE_ICONS[id]
          const active = id === page
          return (
            <NavLink
              key={id}
              href={pageHref(id)}
              label={label}
              active={active}
              aria-current={active ? 'page' : undefined}
              leftSection={<PageIcon size={18} stroke={1.6} aria-hidden />}
            />
          )
        })}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  )
}
