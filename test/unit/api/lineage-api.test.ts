import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { makeKit, type Kit } from '../../support/api-host-kit'

/** The lineage API's own logic on an empty workspace: validation, not-found, empty answers. */
describe('lineage API', () => {
  let kit: Kit | undefined
  afterEach(async () => {
    await kit?.dispose()
    kit = undefined
  })

  it('answers an uncrawled workspace with empty lineage, and unknown URNs with not-found', async () => {
    kit = await makeKit()
    const api = kit.host.api
    expect(await api.getLineageOverview({})).toEqual({ nodes: [], edges: [], frontier: [] })
    expect(await api.getLineageInsights({})).toEqual([])
    expect(await api.getSingleViewModel({})).toEqual([])
    expect(await api.listLineageSuggestions({})).toEqual([])
    await expect(api.getLineage({ urn: 'postgres://crm/crm/dbo/X#Y' })).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/No lineage for URN postgres:\/\/crm\/crm\/dbo\/X#Y/),
    })
    await expect(
      api.getLineagePath({ from: 'kafka://a/b#c', to: 'kafka://a/d#e' }),
    ).rejects.toMatchObject({ code: 'not-found' })
    await expect(
      api.decideLineageSuggestion({ id: 'abc', decision: 'accepted' }),
    ).rejects.toMatchObject({ code: 'not-found' })
    const doc = JSON.parse((await api.exportLineage({ format: 'json' })).content)
    expect(doc).toMatchObject({ schemaVersion: 1, scope: { whole: true }, nodes: [], edges: [] })
  })

  it('validates arguments', async () => {
    kit = await makeKit()
    const api = kit.host.api
    await expect(api.getLineage({ urn: 'not a urn' })).rejects.toMatchObject({
      code: 'bad-input',
    })
    await expect(api.getLineage({ urn: 'kafka://a/b', depth: -1 })).rejects.toMatchObject({
      code: 'bad-input',
      message: expect.stringMatching(/^depth:/),
    })
    await expect(
      // @ts-expect-error: not a direction
      api.getLineage({ urn: 'kafka://a/b', direction: 'sideways' }),
    ).rejects.toMatchObject({ code: 'bad-input' })
    await expect(
      // @ts-expect-error: not a decision
      api.decideLineageSuggestion({ id: 'x', decision: 'maybe' }),
    ).rejects.toMatchObject({ code: 'bad-input' })
  })

  it('draws declared lineage and the model without a crawl, and rebuilds when catalog/ changes', async () => {
    kit = await makeKit()
    const api = kit.host.api
    const TOPIC = 'kafka://events/crm.dbo.Customer'
    const COLL = 'mongodb://singleview/singleview/customers'
    mkdirSync(path.join(kit.dir, 'catalog', 'lineage'), { recursive: true })
    writeFileSync(
      path.join(kit.dir, 'catalog', 'lineage', 'builder.yaml'),
      [
        'process:',
        '  name: singleview-builder',
        `from: ${TOPIC}`,
        `to: ${COLL}`,
        'fields:',
        '  - from: after.Email',
        '    to: contact.email',
        '    transform: [trim, lower-case]',
        '',
      ].join('\n'),
    )
    const g = await api.getLineage({ urn: `${COLL}#contact.email`, direction: 'up' })
    expect(g.edges).toHaveLength(1)
    expect(g.edges[0]).toMatchObject({ from: `${TOPIC}#after.Email`, origin: { kind: 'declared' } })
    // Neither asset is crawled: both ends are nodes, not catalogued, and the insight says so.
    expect(g.nodes.find((n) => n.urn === TOPIC)).toMatchObject({ catalogued: false })
    const insights = await api.getLineageInsights({})
    expect(insights.map((i) => [i.kind, i.urn]).sort()).toEqual([
      ['dangling-edge', TOPIC],
      ['dangling-edge', COLL],
    ])
    writeFileSync(path.join(kit.dir, 'catalog', 'lineage', 'builder.yaml'), 'process:\n  name: x\n')
    await expect(api.getLineage({ urn: `${COLL}#contact.email` })).rejects.toMatchObject({
      code: 'not-found',
    })
  })
})
