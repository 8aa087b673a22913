import cytoscape, { type Core } from 'cytoscape'
import cytoscapeSvg from 'cytoscape-svg'

let svgRegistered = false

/** Background behind exported images: transparent PNGs look broken in most viewers. */
function background(cy: Core): string {
  const dark = cy.container()?.closest('[data-mantine-color-scheme="dark"]')
  return dark ? '#1a1b1e' : '#ffffff'
}

/** Longest side of an exported PNG: far below Chromium's canvas limits, still sharp when zoomed. */
const MAX_PNG_SIDE = 8000

/**
 * The whole graph (not just the viewport) as a PNG: 2× for small graphs, scaled down so the
 * longest side stays within 8,000 px for big ones (a 5,000-node overview is ~60,000 px tall).
 */
export function exportPng(cy: Core): Blob {
  const bb = cy.elements().boundingBox()
  const scale = Math.min(2, MAX_PNG_SIDE / Math.max(1, bb.w), MAX_PNG_SIDE / Math.max(1, bb.h))
  return cy.png({ output: 'blob', full: true, bg: background(cy), scale })
}

/** The whole graph as SVG text (cytoscape-svg draws through the same renderer as the canvas). */
export function exportSvg(cy: Core): string {
  if (!svgRegistered) {
    cytoscape.use(cytoscapeSvg)
    svgRegistered = true
  }
  const withSvg = cy as Core & { svg(opts: { full: boolean; bg?: string; scale?: number }): string }
  return withSvg.svg({ full: true, bg: background(cy), scale: 1 })
}
