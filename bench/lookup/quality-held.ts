/**
 * Which people the estate holds an identifier for, read from the truth files themselves: an email
 * or a name with a date of birth can find only someone some record holds that very value on. A
 * person whose only crm row left its email or birth date empty (the generator drops the email on
 * 3% of rows, the birth date on 5%, 40% of duplicates), and whom no other table or topic holds it
 * for, has no such identifier in the estate: the quality bench does not ask for it and says how
 * many it left out (quality-report.ts).
 *
 * Generic over the manifest: tables with a data file (`pg/<db>/<schema>.<table>.copy`, COPY text,
 * columns in the manifest's field order) and topics with inline owners (`topics/<topic>.jsonl`),
 * whose fields the manifest classifies in one of the categories asked.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Person, Truth } from './truth'

interface ManifestAsset {
  urn: string
  kind: string
  dataFile?: string
  personIds?: { key?: string; inline?: string; file?: string }
  fields?: Array<{ path: string; category: string | null }>
}

/** How one identifier is held: the fields' categories, and the person's value as stored forms. */
export interface HeldIdentifier {
  categories: readonly string[]
  /** The person's value in the forms a record may hold it (normalised), or none. */
  formsOf: (p: Person) => string[]
  /** A stored value normalised for comparison. */
  normalise: (raw: string) => string
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')

export const EMAIL_HELD: HeldIdentifier = {
  categories: ['contact.email', 'pseudonymous.hash'],
  formsOf: (p) =>
    p.email ? [p.email.trim().toLowerCase(), sha256(p.email.trim().toLowerCase())] : [],
  normalise: (raw) => raw.trim().toLowerCase(),
}

export const DOB_HELD: HeldIdentifier = {
  categories: ['identity.date_of_birth'],
  formsOf: (p) => (p.dateOfBirth ? [p.dateOfBirth] : []),
  // ISO as is; a legacy `dd/mm/yyyy` read as ISO.
  normalise: (raw) => {
    const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(raw.trim())
    return m ? `${m[3]}-${m[2]}-${m[1]}` : raw.trim().slice(0, 10)
  },
}

const at = (value: unknown, dotted: string): unknown =>
  dotted
    .split('.')
    .reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      value,
    )

/** personIds some record of theirs holds their own value of `held` on. */
export function peopleHolding(dataDir: string, truth: Truth, held: HeldIdentifier): Set<string> {
  const manifest = JSON.parse(readFileSync(path.join(dataDir, 'manifest.json'), 'utf8')) as {
    assets: ManifestAsset[]
  }
  const out = new Set<string>()
  const holds = (who: string, raw: unknown) => {
    if (typeof raw !== 'string' || raw === '\\N' || !raw.trim()) return
    const p = truth.byId.get(who)
    if (p && held.formsOf(p).includes(held.normalise(raw))) out.add(who)
  }
  for (const asset of manifest.assets) {
    const fields = asset.fields ?? []
    const wanted = fields.flatMap((f, i) =>
      f.category && held.categories.includes(f.category) ? [{ i, path: f.path }] : [],
    )
    if (wanted.length === 0) continue
    if (asset.kind === 'table' && asset.dataFile?.endsWith('.copy')) {
      const keyAt = fields.findIndex((f) => f.path === asset.personIds?.key)
      const owners = truth.owners.get(asset.urn)
      if (keyAt < 0 || !owners) continue
      for (const line of readFileSync(path.join(dataDir, asset.dataFile), 'utf8').split('\n')) {
        if (!line) continue
        const cols = line.split('\t')
        for (const who of owners.get(cols[keyAt]!) ?? [])
          for (const w of wanted) holds(who, cols[w.i])
      }
    } else if (asset.kind === 'topic' && asset.personIds?.inline && asset.personIds.file) {
      for (const line of readFileSync(path.join(dataDir, asset.personIds.file), 'utf8').split(
        '\n',
      )) {
        if (!line) continue
        const record = JSON.parse(line) as Record<string, unknown> & { value?: unknown }
        const who = record[asset.personIds.inline]
        if (typeof who !== 'string') continue
        for (const w of wanted) holds(who, at(record.value, w.path))
      }
    }
  }
  return out
}
