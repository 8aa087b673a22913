/**
 * The lineage graph engine (issue 6 item 7): cytoscape tuned for big graphs, elements from a
 * LineageGraph, minimal patches, ELK layout in a worker, image export. The Lineage page builds
 * on these; bench/graph measures them. export-image.ts is imported on its own: cytoscape-svg
 * reads `window` as it loads, which would break importing this module outside a browser.
 */
export { createLineageCy, setLineageTheme, LINEAGE_RENDER_OPTIONS } from './create-cy'
export { toCyElements } from './to-elements'
export type { LineageEdgeData, LineageNodeData, ToCyElementsOptions } from './to-elements'
export { patchElements, type PatchResult } from './patch-elements'
export { holdFrames, layoutWithElk, type LayoutWithElkOptions } from './elk-layout'
export { highlightElements } from './highlight'
export { pdClass, pdGroupClass, platformClass, PLATFORMS, RUNTIME_CLASSES } from './classes'
export {
  lineageStylesheet,
  PD_GROUP_COLOURS,
  PLATFORM_COLOURS,
  type LineageTheme,
} from './stylesheet'
export { transformLabel } from './transform-label'
