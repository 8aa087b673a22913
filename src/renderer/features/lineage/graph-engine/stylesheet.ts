import type { StylesheetJson } from 'cytoscape'
import { GDPR_GROUPS, type GdprGroup } from '../../../../shared/model/personal-data'
import { PLATFORMS, pdGroupClass, platformClass, type Platform } from './classes'

/** Light or dark, following the app's colour scheme. */
export type LineageTheme = 'light' | 'dark'

/** Fill of asset nodes per platform; fields take a paler tint of the same hue. */
export const PLATFORM_COLOURS: Record<Platform, { fill: string; field: string }> = {
  postgres: { fill: '#336791', field: '#d6e4f0' },
  sqlserver: { fill: '#b8322c', field: '#f5d9d7' },
  kafka: { fill: '#4c4c9d', field: '#dcdcf2' },
  'kafka-connect': { fill: '#c77700', field: '#fbe7c6' },
  'schema-registry': { fill: '#0b8a6f', field: '#cdeee6' },
  mongodb: { fill: '#3f8b3a', field: '#d8ecd6' },
  model: { fill: '#8e35b0', field: '#ecd8f4' },
}

/** Personal-data overlay: one colour per GDPR family (the node's border, so the platform stays). */
export const PD_GROUP_COLOURS: Record<GdprGroup, string> = {
  identity: '#e03131',
  contact: '#f76707',
  financial: '#c2255c',
  online: '#1971c2',
  pseudonymous: '#7048e8',
  special: '#000000',
}

interface Palette {
  text: string
  fieldText: string
  /** An expanded asset's label, drawn above its box on the canvas background. */
  parentText: string
  edge: string
  edgeLabelBg: string
  edgeText: string
  parentFill: string
  parentBorder: string
  path: string
  focus: string
  special: string
}

const PALETTES: Record<LineageTheme, Palette> = {
  light: {
    text: '#ffffff',
    fieldText: '#1a1b1e',
    parentText: '#1a1b1e',
    edge: '#868e96',
    edgeLabelBg: '#ffffff',
    edgeText: '#495057',
    parentFill: '#f1f3f5',
    parentBorder: '#adb5bd',
    path: '#f59f00',
    focus: '#1c7ed6',
    special: '#000000',
  },
  dark: {
    text: '#ffffff',
    fieldText: '#1a1b1e',
    parentText: '#e9ecef',
    edge: '#6c7480',
    edgeLabelBg: '#25262b',
    edgeText: '#c1c2c5',
    parentFill: '#2c2e33',
    parentBorder: '#5c5f66',
    path: '#fcc419',
    focus: '#4dabf7',
    special: '#ffffff',
  },
}

/**
 * The product stylesheet. Built for big graphs (DESIGN.md §7, issue 6 speed targets):
 * - labels carry `min-zoomed-font-size`, so a zoomed-out overview draws no text at all;
 * - edges are `straight` (no bezier control points to compute, no parallel-edge bundling) with
 *   one small arrow; only selected states add width or colour;
 * - no shadows, gradients, images or per-element mappers beyond `data(label)`.
 */
export function lineageStylesheet(theme: LineageTheme): StylesheetJson {
  const p = PALETTES[theme]
  const platformRules = PLATFORMS.flatMap((platform) => [
    {
      selector: `node.asset.${platformClass(platform)}`,
      style: { 'background-color': PLATFORM_COLOURS[platform].fill },
    },
    {
      selector: `node.field.${platformClass(platform)}`,
      style: { 'background-color': PLATFORM_COLOURS[platform].field },
    },
  ])
  const pdRules = GDPR_GROUPS.map((group) => ({
    selector: `node.${pdGroupClass(group)}`,
    style: {
      'border-width': 3,
      'border-color': group === 'special' ? p.special : PD_GROUP_COLOURS[group],
    },
  }))
  return [
    {
      // No grey disc under a pointer pressed on the background (cytoscape's touch feedback):
      // a desktop graph view shows the pan itself, nothing under the pointer.
      selector: 'core',
      style: { 'active-bg-opacity': 0 },
    },
    {
      selector: 'node',
      style: {
        shape: 'round-rectangle',
        width: 168,
        height: 30,
        label: 'data(label)',
        'font-size': 11,
        'font-family': 'system-ui, sans-serif',
        color: p.text,
        'text-valign': 'center',
        'text-halign': 'center',
        'text-wrap': 'ellipsis',
        'text-max-width': '156px',
        'min-zoomed-font-size': 7,
        'border-width': 0,
        'background-color': '#868e96',
      },
    },
    {
      selector: 'node.field',
      style: { height: 22, width: 152, 'font-size': 10, color: p.fieldText },
    },
    {
      // An expanded asset: a compound parent around its fields, label on top.
      selector: 'node.asset:parent',
      style: {
        'background-color': p.parentFill,
        'background-opacity': 0.9,
        'border-width': 1,
        'border-color': p.parentBorder,
        color: p.parentText,
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -4,
        padding: '8px',
        'font-weight': 'bold',
      },
    },
    ...platformRules,
    {
      selector: 'node.uncatalogued',
      style: { 'border-width': 1, 'border-style': 'dashed', 'border-color': p.parentBorder },
    },
    ...pdRules,
    {
      selector: 'node.pd-by-lineage',
      style: { 'border-style': 'dashed' },
    },
    {
      selector: 'node.frontier',
      style: { 'border-width': 2, 'border-style': 'double', 'border-color': p.focus },
    },
    {
      // A wide fan-out left out: "+N" after the label.
      selector: 'node.collapsed',
      style: { label: 'data(collapsedLabel)', 'border-width': 2, 'border-color': p.parentBorder },
    },
    {
      selector: 'node.state-failed',
      style: { 'border-width': 3, 'border-color': '#e03131', 'border-style': 'solid' },
    },
    {
      selector: 'edge',
      style: {
        'curve-style': 'straight',
        // One pixel at zoom 1 (pixelRatio is 1, create-cy.ts): Chromium's software canvas
        // draws a stroke no wider than a device pixel as a hairline, ~3× cheaper to rasterise
        // than 1.5 (a redraw zoomed in strokes hundreds of long edges; exact-arrow-transform.ts).
        width: 1,
        'line-color': p.edge,
        'target-arrow-shape': 'triangle',
        'target-arrow-color': p.edge,
        'arrow-scale': 0.8,
        label: 'data(label)',
        'font-size': 9,
        'font-family': 'system-ui, sans-serif',
        color: p.edgeText,
        'text-background-color': p.edgeLabelBg,
        'text-background-opacity': 0.85,
        'text-background-padding': '2px',
        'min-zoomed-font-size': 8,
      },
    },
    {
      selector: 'edge.declared',
      style: { 'line-color': '#7048e8', 'target-arrow-color': '#7048e8' },
    },
    {
      selector: 'edge.accepted-suggestion',
      style: { 'line-color': '#0ca678', 'target-arrow-color': '#0ca678' },
    },
    {
      selector: 'edge.suggestion',
      style: {
        'line-style': 'dashed',
        'line-dash-pattern': [6, 4],
        'line-color': '#0ca678',
        'target-arrow-color': '#0ca678',
      },
    },
    { selector: 'edge.model', style: { 'line-style': 'dotted', 'line-color': '#8e35b0' } },
    { selector: 'edge.dynamic', style: { 'line-style': 'dashed', 'line-dash-pattern': [2, 3] } },
    {
      selector: 'node.focus',
      style: { 'border-width': 4, 'border-color': p.focus, 'border-style': 'solid' },
    },
    {
      // Separate rules: `width` on a node is its size, not a line width.
      selector: 'edge.path',
      style: { 'line-color': p.path, 'target-arrow-color': p.path, width: 3, 'z-index': 10 },
    },
    {
      selector: 'node.path',
      style: { 'border-color': p.path, 'border-width': 3, 'border-style': 'solid' },
    },
    { selector: '.dimmed', style: { opacity: 0.2 } },
    {
      selector: ':selected',
      style: { 'overlay-color': p.focus, 'overlay-opacity': 0.25, 'overlay-padding': 4 },
    },
  ] as StylesheetJson
}
