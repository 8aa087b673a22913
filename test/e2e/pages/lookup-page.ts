import type { Locator, Page } from '@playwright/test'

/** The Lookup screen: search box and reason, the plan, per-source progress, people and history. */
export class LookupPage {
  readonly heading: Locator
  readonly identifier: Locator
  readonly identifierKind: Locator
  readonly refusal: Locator
  readonly reason: Locator
  readonly planButton: Locator
  readonly lookUpButton: Locator
  readonly plan: Locator
  readonly progress: Locator
  readonly summary: Locator
  readonly result: Locator
  readonly peopleCount: Locator
  readonly personCards: Locator
  readonly linkedPeople: Locator
  readonly history: Locator

  constructor(readonly page: Page) {
    const main = page.getByRole('main')
    this.heading = page.getByRole('heading', { name: 'Lookup', level: 2 })
    this.identifier = main.getByRole('textbox', { name: 'Identifier' })
    this.identifierKind = main.getByTestId('identifier-kind')
    this.refusal = main.getByTestId('identifier-refusal')
    this.reason = main.getByRole('textbox', { name: 'Reason' })
    this.planButton = main.getByRole('button', { name: 'Plan', exact: true })
    this.lookUpButton = main.getByRole('button', { name: 'Look up', exact: true })
    this.plan = main.getByRole('region', { name: 'Lookup plan' })
    this.progress = main.getByRole('region', { name: 'Lookup progress' })
    this.summary = main.getByTestId('lookup-summary')
    this.result = main.getByRole('region', { name: 'Lookup result' })
    this.peopleCount = main.getByTestId('people-count')
    this.personCards = main.getByTestId('person-card')
    this.linkedPeople = main.getByRole('region', { name: 'Linked people' })
    this.history = main.getByRole('region', { name: 'Lookup history' })
  }

  /** One source's line in the progress panel. */
  sourceLine(source: string): Locator {
    return this.progress.getByRole('group', { name: `Lookup in ${source}` })
  }

  /** A merged attribute's row on a person card, by its label. */
  attribute(card: Locator, label: string | RegExp): Locator {
    return card
      .getByRole('row')
      .filter({ has: card.page().getByRole('rowheader', { name: label }) })
  }

  /** A group of related records ("Profile", "Orders", "Events"...) on a card: its toggle. */
  group(card: Locator, label: string): Locator {
    return this.groups(card).filter({ hasText: new RegExp(`^${label}\\s*\\d+$`) })
  }

  /** Every group toggle of a card's related records. */
  groups(card: Locator): Locator {
    return card.getByRole('region', { name: 'Related records' }).getByTestId('record-group')
  }

  /** Records shown on a card (opened groups only), optionally of one platform. */
  records(card: Locator, platform?: 'postgres' | 'kafka' | 'mongodb'): Locator {
    const all = card.getByTestId('related-record')
    return platform ? all.and(card.locator(`[data-platform="${platform}"]`)) : all
  }

  /** Subject access JSON / HTML and the erasure plan, under the result. */
  exportButton(name: 'Subject access JSON' | 'Subject access HTML' | 'Erasure plan'): Locator {
    return this.result
      .getByRole('group', { name: 'Subject access and erasure' })
      .getByRole('button', { name })
  }

  /** The provenance popover a merged value opens. */
  provenance(label: string): Locator {
    return this.page.getByRole('dialog', { name: `Where ${label} came from` })
  }

  async lookUp(identifier: string, reason: string): Promise<void> {
    await this.identifier.fill(identifier)
    await this.reason.fill(reason)
    await this.identifier.press('Enter')
  }
}
