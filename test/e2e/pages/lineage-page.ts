import { expect, type Locator, type Page } from '@playwright/test'

/** The Lineage screen: toolbar, the graph canvas, and the side panel's tabs. */
export class LineagePage {
  readonly heading: Locator
  readonly emptyState: Locator
  readonly search: Locator
  readonly searchResults: Locator
  readonly direction: Locator
  readonly depth: Locator
  readonly level: Locator
  readonly overlay: Locator
  readonly canvas: Locator
  /** What the canvas says over a focus with no lineage. */
  readonly canvasMessage: Locator
  readonly legend: Locator
  readonly panel: Locator
  readonly nodeDetails: Locator
  readonly edgeDetails: Locator
  readonly upstreamEdges: Locator
  readonly downstreamEdges: Locator
  readonly nodesList: Locator
  readonly suggestions: Locator
  readonly noOpenSuggestions: Locator
  readonly exportButton: Locator
  /** The canvas tooltip: the full name and facts of the node or edge in hand. */
  readonly tooltip: Locator

  constructor(readonly page: Page) {
    const main = page.getByRole('main')
    this.heading = page.getByRole('heading', { name: 'Lineage', level: 2 })
    this.emptyState = main.getByText('No lineage yet')
    this.search = main.getByRole('combobox', { name: 'Search the catalogue' })
    this.searchResults = page.getByRole('listbox', { name: 'Search results' })
    this.direction = main.getByRole('radiogroup', { name: 'Direction' })
    this.depth = main.getByRole('textbox', { name: 'Depth' })
    this.level = main.getByRole('radiogroup', { name: 'Level' })
    this.overlay = main.getByRole('switch', { name: 'Personal data' })
    this.canvas = main.getByTestId('lineage-canvas')
    this.canvasMessage = main.getByTestId('lineage-canvas-message')
    this.legend = main.getByRole('region', { name: 'Legend' })
    this.panel = page.getByRole('complementary', { name: 'Lineage details' })
    this.nodeDetails = this.panel.getByTestId('node-details')
    this.edgeDetails = this.panel.getByTestId('edge-details')
    this.upstreamEdges = this.panel.getByRole('list', { name: 'Upstream edges' })
    this.downstreamEdges = this.panel.getByRole('list', { name: 'Downstream edges' })
    this.nodesList = this.panel.getByRole('list', { name: 'Nodes in view' })
    this.suggestions = this.panel.getByRole('list', { name: 'Suggestions' })
    this.noOpenSuggestions = this.panel.getByText('No open suggestions')
    this.exportButton = main.getByRole('button', { name: 'Export' })
    this.tooltip = main.getByTestId('lineage-tooltip')
  }

  tab(name: 'Details' | 'Path' | 'Suggestions' | 'Insights' | 'Nodes'): Locator {
    return this.panel.getByRole('tab', { name })
  }

  /** Focuses a node through the search box: the first hit whose text matches. */
  async focusBySearch(text: string, hit: RegExp): Promise<void> {
    await this.search.fill(text)
    await this.searchResults.getByRole('option', { name: hit }).first().click()
  }

  /** The search's hits, in the order shown. */
  searchHits(): Locator {
    return this.searchResults.getByRole('option')
  }

  /** A node of the Nodes tab's list, by URN. */
  nodeButton(urn: string): Locator {
    return this.nodesList.locator(`button[data-urn="${urn}"]`)
  }

  /** Selects a node through the Nodes tab (the keyboard way into the graph), then shows it. */
  async selectNode(urn: string): Promise<void> {
    await this.tab('Nodes').click()
    await this.nodeButton(urn).click()
    await this.tab('Details').click()
  }

  /**
   * Hovers a node of the canvas by URN. The canvas draws no DOM per node, so the node is found
   * the keyboard way first (selected in the Nodes tab, the canvas focused: its tooltip says
   * where the node's middle is), then the pointer goes there once the canvas has let go.
   */
  async hoverNode(urn: string): Promise<void> {
    await this.selectNode(urn)
    await this.canvas.focus()
    await expect(this.tooltip).toContainText(urn)
    const [x, y] = (await this.tooltip.getAttribute('data-anchor'))!.split(',').map(Number)
    const canvas = (await this.canvas.boundingBox())!
    await this.depth.focus()
    await this.tooltip.waitFor({ state: 'hidden' })
    await this.page.mouse.move(canvas.x + x!, canvas.y + y!)
  }

  detailsButton(name: string | RegExp): Locator {
    return this.panel.getByRole('button', { name })
  }

  /** One of the shortest paths, as its hops in order. */
  path(index = 1): Locator {
    return this.panel.getByRole('list', { name: `Path ${index}` })
  }

  /** In view / Open / Decided. */
  suggestionFilter(name: 'In view' | 'Open' | 'Decided'): Locator {
    return this.panel
      .getByRole('radiogroup', { name: 'Which suggestions' })
      .getByText(name === 'Open' ? /^Open/ : name)
  }

  suggestion(index = 0): Locator {
    return this.suggestions.getByRole('group').nth(index)
  }

  async exportAs(item: 'PNG image' | 'SVG image' | 'Sightline JSON' | 'OpenLineage JSON') {
    await this.exportButton.click()
    await this.page.getByRole('menuitem', { name: item }).click()
  }
}
