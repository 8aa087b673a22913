import type { Collection } from 'cytoscape'
import { PERSONAL_DATA_CATEGORIES, type GdprGroup } from '../../../../shared/model/personal-data'

/**
 * Class names the engine puts on cytoscape elements, shared by the stylesheet, the element
 * builder and the Lineage page (which toggles the runtime ones).
 */

/** Platforms a node can belong to; each gets a `platform-<kind>` class and a colour. */
export const PLATFORMS = [
  'postgres',
  'sqlserver',
  'kafka',
  'kafka-connect',
  'schema-registry',
  'mongodb',
  'model',
] as const
export type Platform = (typeof PLATFORMS)[number]

/**
 * Classes the page sets at run time (path highlight, dimming): patchElements keeps them on
 * elements it updates, so re-rendering the graph does not drop a highlighted path.
 */
export const RUNTIME_CLASSES = ['path', 'dimmed'] as const

export function platformClass(platform: string): string {
  return `platform-${platform}`
}

/**
 * `pd-<category>` with the id made selector-safe: `contact.email` -> `pd-contact-email`
 * (a dot would start a second class in a cytoscape selector).
 */
export function pdClass(category: string): string {
  return `pd-${category.replace(/[^a-zA-Z0-9-]/g, '-')}`
}

/** `pd-group-<group>`: the stylesheet colours by category family, not by each of ~30 ids. */
export function pdGroupClass(group: GdprGroup): string {
  return `pd-group-${group}`
}

const GROUP_OF: ReadonlyMap<string, GdprGroup> = new Map(
  PERSONAL_DATA_CATEGORIES.map((c) => [c.id, c.group]),
)

/** The family of a category id, if the id is known. */
export function categoryGroup(category: string): GdprGroup | undefined {
  return GROUP_OF.get(category)
}

/**
 * `cls` on (`on`) or off every element of `eles`, touching only those whose state differs.
 * cytoscape's own addClass and removeClass (3.34 `toggleClass`) count every element they are
 * given as changed, whether it had the class or not: each is restyled and its cached drawing
 * thrown away. Clearing the path highlight of a 15,000-element overview that way, on each
 * render that changed the elements, made the next frame redraw the whole graph from scratch
 * (issue 6: expanding a node, 430-650 ms in the app; bench/graph/app-run.ts).
 */
export function setClass(eles: Collection, cls: string, on: boolean): void {
  const differ = eles.filter((ele) => ele.hasClass(cls) !== on)
  if (differ.empty()) return
  if (on) differ.addClass(cls)
  else differ.removeClass(cls)
}
