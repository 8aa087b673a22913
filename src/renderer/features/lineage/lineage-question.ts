import type { ExpansionContext, LineageQuery } from '../../api/lineage'
import { viewLevel, type LineageUiQuestion } from './lineage-store'

/** The question around the focus, or undefined for the estate overview. */
export function lineageQueryOf(ui: LineageUiQuestion): LineageQuery | undefined {
  const { focus, direction, depth } = ui
  return focus ? { urn: focus, direction, depth, level: viewLevel(ui) } : undefined
}

/** What the view's expansions are asked with: its direction, and its level (assets overview). */
export function expansionContextOf(ui: LineageUiQuestion): ExpansionContext {
  return { direction: ui.direction, level: lineageQueryOf(ui)?.level ?? 'asset' }
}
