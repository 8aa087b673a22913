import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { REPO_ROOT } from '../support/estate'

/**
 * The small estate's ground truth as the lookup API and CLI suites use it (test/estate/README.md,
 * "Scoring a lookup"): per person, every record key of every `records/*.tsv` listing them, and
 * how many topic records they have.
 */

export interface PersonLine {
  personId: string
  email: string | null
  mobile: string | null
  presence: { inCrm: boolean; crmDuplicate: boolean; inLegacy: boolean; prospect: boolean }
  crmCustomerIds: number[]
  singleviewIds: string[]
  sharesHouseholdWith: string | null
}

export interface Truth {
  people: PersonLine[]
  /** personId -> asset name (`crm.dbo.Customer`, `singleview.customers`) -> record keys. */
  records: Map<string, Map<string, Set<string>>>
  /** personId -> topic -> how many records. */
  topicRecords: Map<string, Map<string, number>>
}

export function loadTruth(scale = 'small'): Truth {
  const dir = path.join(REPO_ROOT, '.estate', 'data', scale)
  const people = readFileSync(path.join(dir, 'people.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as PersonLine)
  const records = new Map<string, Map<string, Set<string>>>()
  for (const platform of ['postgres', 'mongodb']) {
    const folder = path.join(dir, 'records', platform)
    for (const file of readdirSync(folder)) {
      const asset = file.replace(/\.tsv$/, '')
      for (const line of readFileSync(path.join(folder, file), 'utf8').split('\n')) {
        const [key, ids] = line.split('\t')
        if (!key || !ids) continue
        for (const id of ids.split(',')) {
          const byAsset = records.get(id) ?? new Map<string, Set<string>>()
          records.set(id, byAsset)
          const keys = byAsset.get(asset) ?? new Set<string>()
          byAsset.set(asset, keys)
          keys.add(key)
        }
      }
    }
  }
  const topicRecords = new Map<string, Map<string, number>>()
  for (const file of readdirSync(path.join(dir, 'topics'))) {
    const topic = file.replace(/\.jsonl$/, '')
    for (const line of readFileSync(path.join(dir, 'topics', file), 'utf8').split('\n')) {
      if (!line) continue
      const { personId } = JSON.parse(line) as { personId: string | null }
      if (!personId) continue
      const byTopic = topicRecords.get(personId) ?? new Map<string, number>()
      topicRecords.set(personId, byTopic)
      byTopic.set(topic, (byTopic.get(topic) ?? 0) + 1)
    }
  }
  return { people, records, topicRecords }
}

/**
 * A plain person: in crm once, not in legacy, alone in their household, with an email, orders, a
 * single-view document and at least one record in `topic`.
 */
export function plainPerson(truth: Truth, topic = 'fraud.scores'): PersonLine {
  const found = truth.people.find((p) => {
    const recs = truth.records.get(p.personId)
    return (
      p.presence.inCrm &&
      !p.presence.crmDuplicate &&
      !p.presence.inLegacy &&
      p.sharesHouseholdWith === null &&
      !truth.people.some((q) => q.sharesHouseholdWith === p.personId) &&
      p.email !== null &&
      p.crmCustomerIds.length === 1 &&
      (recs?.get('orders.sales.orders')?.size ?? 0) > 0 &&
      (recs?.get('singleview.customers')?.size ?? 0) === 1 &&
      (truth.topicRecords.get(p.personId)?.get(topic) ?? 0) > 0
    )
  })
  if (!found) throw new Error('no plain person in the ground truth')
  return found
}

/** The email as a messy user types it: padded and mixed case. */
export function messyEmail(email: string): string {
  return `  ${email.slice(0, 1).toUpperCase()}${email.slice(1, -4)}${email.slice(-4).toUpperCase()} `
}
