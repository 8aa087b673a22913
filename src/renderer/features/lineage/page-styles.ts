import type { StylesheetJson } from 'cytoscape'
import { lineageStylesheet, type LineageTheme } from './graph-engine/stylesheet'

/**
 * The page's own rules after the engine's stylesheet: the "+N more fields" / "Show fewer
 * fields" nodes of an opened asset (display-elements.ts) read as controls, not as fields.
 */
function pageRules(theme: LineageTheme): StylesheetJson {
  const dark = theme === 'dark'
  return [
    {
      selector: 'node.more',
      style: {
        'background-color': dark ? '#373a40' : '#ffffff',
        'background-opacity': 1,
        'border-width': 1,
        'border-style': 'dashed',
        'border-color': dark ? '#909296' : '#868e96',
        color: dark ? '#c1c2c5' : '#495057',
        'font-style': 'italic',
      },
    },
  ] as StylesheetJson
}

/** The stylesheet the Lineage page gives cytoscape: the engine's, then the page's rules. */
export function pageStylesheet(theme: LineageTheme): StylesheetJson {
  return [
    ...(lineageStylesheet(theme) as unknown[]),
    ...(pageRules(theme) as unknown[]),
  ] as StylesheetJson
}
