import {
  ActionIcon,
  Badge,
  Button,
  createTheme,
  localStorageColorSchemeManager,
  Table,
  TextInput,
  Tooltip,
} from '@mantine/core'

/** The one look of Sightline: compact, as people expect of a data tool. */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "JetBrains Mono", "DejaVu Sans Mono", Menlo, monospace',
  components: {
    Button: Button.extend({ defaultProps: { size: 'sm' } }),
    ActionIcon: ActionIcon.extend({ defaultProps: { variant: 'subtle' } }),
    Badge: Badge.extend({ defaultProps: { size: 'sm', radius: 'sm', variant: 'light' } }),
    Table: Table.extend({
      defaultProps: {
        verticalSpacing: 6,
        horizontalSpacing: 'sm',
        fz: 'sm',
        highlightOnHover: true,
      },
    }),
    TextInput: TextInput.extend({ defaultProps: { size: 'sm' } }),
    Tooltip: Tooltip.extend({ defaultProps: { openDelay: 300, withArrow: true } }),
  },
})

/** Follows the OS until the user picks a theme, then remembers the pick. */
export const colorSchemeManager = localStorageColorSchemeManager({ key: 'sightline-color-scheme' })
