import { Command, InvalidArgumentError, Option } from 'commander'
import { describeTransform } from '../../shared/lineage/transforms'
import type {
  LineageDirection,
  LineageEdge,
  LineageGraph,
  LineageNode,
  LineageSuggestion,
} from '../../shared/model/lineage'
import { LINEAGE_PROFILE_SAMPLE_SIZE } from '../lineage/infer/lineage-profile'
import { printTable } from './catalog-output'
import { action, printJson, withCommonOptions, withHost, type CommonOptions } from './cli-support'
import {
  list,
  profileSampleSize,
  runProfile,
  type SuggestionsOptions,
} from './lineage-profile-command'

/**
 * `sightline lineage URN [--up|--down|--both] [--depth N]`, `sightline lineage path FROM TO`,
 * `sightline lineage suggestions`: issue 6 item 8, on the same API as the app. --json prints the
 * API's result as it is; errors (an unknown URN is `not-found`) exit 1.
 */

function depth(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 20)
    throw new InvalidArgumentError('expected a whole number from 0 to 20')
  return n
}

function score(value: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError('expected a score from 0 to 1')
  return n
}

/** `crm.dbo.Customer.Email`, or `singleview.customers › contact.email` for nested paths. */
export function nodeLabel(nodes: ReadonlyMap<string, LineageNode>, urn: string): string {
  const node = nodes.get(urn)
  if (!node) return urn
  if (node.level === 'asset' || !node.assetUrn) return node.label
  const asset = nodes.get(node.assetUrn)?.label ?? node.assetUrn
  return /[.[]/.test(node.label) ? `${asset} › ${node.label}` : `${asset}.${node.label}`
}

function transformText(edge: LineageEdge): string {
  return edge.transform ? describeTransform(edge.transform) : '-'
}

function originText(edge: LineageEdge): string {
  const o = edge.origin
  if (o.kind === 'extracted') return `${o.connector} (${o.configKeys.join(', ')})`
  if (o.kind === 'accepted-suggestion') return `${o.file}:${o.line} (score ${o.score})`
  return `${o.file}:${o.line}`
}

/** Edges whose target leads (through the result's edges) to the focus are upstream. */
function upstreamEdges(graph: LineageGraph): Set<string> {
  const focus = graph.focus
  const byTo = new Map<string, LineageEdge[]>()
  for (const e of graph.edges) byTo.set(e.to, [...(byTo.get(e.to) ?? []), e])
  const seeds = graph.nodes.filter((n) => n.urn === focus || n.assetUrn === focus).map((n) => n.urn)
  const focusNode = graph.nodes.find((n) => n.urn === focus)
  if (focusNode?.assetUrn) seeds.push(focusNode.assetUrn)
  const up = new Set<string>()
  const seen = new Set(seeds)
  let frontier = seeds
  while (frontier.length > 0) {
    const next: string[] = []
    for (const urn of frontier)
      for (const e of byTo.get(urn) ?? []) {
        up.add(e.id)
        if (!seen.has(e.from)) {
          seen.add(e.from)
          next.push(e.from)
        }
      }
    frontier = next
  }
  return up
}

function printGraph(graph: LineageGraph): void {
  const nodes = new Map(graph.nodes.map((n) => [n.urn, n]))
  const focus = graph.focus ? nodes.get(graph.focus) : undefined
  if (focus) {
    process.stdout.write(`${nodeLabel(nodes, focus.urn)}  (${focus.platform} ${focus.level})\n`)
    if (focus.personalData)
      process.stdout.write(
        `Personal data: ${focus.personalData.category} by ${focus.personalData.by}: ${focus.personalData.reason}\n`,
      )
  }
  if (graph.edges.length === 0) {
    process.stdout.write('No lineage edges.\n')
    return
  }
  const up = upstreamEdges(graph)
  const rows = graph.edges.map((e) => [
    up.has(e.id) ? 'up' : 'down',
    nodeLabel(nodes, e.from),
    nodeLabel(nodes, e.to),
    e.via.name,
    transformText(e),
    originText(e),
  ])
  rows.sort((a, b) => (a[0] === b[0] ? 0 : a[0] === 'up' ? -1 : 1))
  printTable([['DIR', 'FROM', 'TO', 'VIA', 'TRANSFORM', 'ORIGIN'], ...rows])
  if (graph.frontier.length > 0)
    process.stdout.write(
      `\nMore beyond the depth or fan-out limit from: ${graph.frontier.map((u) => nodeLabel(nodes, u)).join(', ')}\n`,
    )
  for (const [urn, n] of Object.entries(graph.collapsed ?? {}))
    process.stdout.write(`Collapsed: ${n} more neighbours of ${nodeLabel(nodes, urn)}\n`)
}

function printSuggestions(list: LineageSuggestion[]): void {
  if (list.length === 0) return void process.stdout.write('No lineage suggestions.\n')
  printTable([
    ['SCORE', 'STATUS', 'FROM', 'TO', 'TRANSFORM', 'ID'],
    ...list.map((s) => [
      s.score.toFixed(2),
      s.status,
      s.from,
      s.to,
      describeTransform(s.transform),
      s.id,
    ]),
  ])
}

/** `sightline lineage ...`. */
export function lineageCommand(): Command {
  const lineage = withCommonOptions(
    new Command('lineage')
      .description('lineage of an asset or field, paths between two, inferred suggestions')
      // Options after `path` or `suggestions` belong to them, not to `lineage`.
      .enablePositionalOptions()
      .argument('<urn>', 'the asset or field URN')
      .addOption(new Option('--up', 'upstream only').conflicts(['down', 'both']))
      .addOption(new Option('--down', 'downstream only').conflicts(['both']))
      .option('--both', 'upstream and downstream (default)')
      .option('--depth <n>', 'hops each way (default 1)', depth)
      .addOption(
        new Option('--level <level>', 'asset or field (default: the URN’s own)').choices([
          'asset',
          'field',
        ]),
      ),
  ).action(
    action(
      async (
        urn: string,
        opts: CommonOptions & {
          up?: boolean
          down?: boolean
          depth?: number
          level?: 'asset' | 'field'
        },
      ) => {
        const direction: LineageDirection = opts.up ? 'up' : opts.down ? 'down' : 'both'
        const graph = await withHost(opts, (host) =>
          host.api.getLineage({
            urn,
            direction,
            ...(opts.depth === undefined ? {} : { depth: opts.depth }),
            ...(opts.level ? { level: opts.level } : {}),
          }),
        )
        if (opts.json) return printJson(graph)
        printGraph(graph)
      },
    ),
  )

  withCommonOptions(
    lineage
      .command('path <from> <to>')
      .description('the shortest paths between two fields or assets, in the direction data flows')
      .option('--max <n>', 'at most this many paths (default 5)', depth),
  ).action(
    action(async (from: string, to: string, opts: CommonOptions & { max?: number }) => {
      const result = await withHost(opts, (host) =>
        host.api.getLineagePath({
          from,
          to,
          ...(opts.max === undefined ? {} : { maxPaths: Math.max(1, opts.max) }),
        }),
      )
      if (opts.json) return printJson(result)
      const nodes = new Map(result.graph.nodes.map((n) => [n.urn, n]))
      const edges = new Map(result.graph.edges.map((e) => [e.id, e]))
      if (result.paths.length === 0)
        return void process.stdout.write(
          `No lineage path between ${nodeLabel(nodes, from)} and ${nodeLabel(nodes, to)}.\n`,
        )
      result.paths.forEach((p, i) => {
        process.stdout.write(`Path ${i + 1} (${p.length} hop${p.length === 1 ? '' : 's'}):\n`)
        process.stdout.write(`  ${nodeLabel(nodes, result.from)}\n`)
        for (const id of p) {
          const e = edges.get(id)!
          process.stdout.write(
            `    -> via ${e.via.name}: ${transformText(e)}\n  ${nodeLabel(nodes, e.to)}\n`,
          )
        }
      })
    }),
  )

  withCommonOptions(
    lineage
      .command('suggestions')
      .description('lineage inferred from sampled values, best first')
      .addOption(
        new Option('--status <status>', 'only open, accepted or rejected').choices([
          'open',
          'accepted',
          'rejected',
        ]),
      )
      .option('--min-score <score>', 'only suggestions scoring at least this (0..1)', score)
      .option(
        '--profile',
        'first "Find suggestions": profile the sources with a larger sample (progress on stderr)',
      )
      .option('--sources <names>', 'with --profile: only these sources (comma-separated)', list)
      .option(
        '--sample-size <n>',
        `with --profile: records per asset (default ${LINEAGE_PROFILE_SAMPLE_SIZE})`,
        profileSampleSize,
      ),
  ).action(
    action(async (opts: SuggestionsOptions) => {
      const list = await withHost(opts, async (host) => {
        if (opts.profile) await runProfile(host, opts)
        return host.api.listLineageSuggestions({
          ...(opts.status ? { status: [opts.status] } : {}),
          ...(opts.minScore === undefined ? {} : { minScore: opts.minScore }),
        })
      })
      if (opts.json) return printJson(list)
      printSuggestions(list)
    }),
  )
  return lineage
}
