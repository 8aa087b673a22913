/**
 * Personal data (issue 5): the fixed category vocabulary, classifications with their evidence,
 * review decisions and record-of-processing attributes. Plain JSON only. Documented for users in
 * docs/personal-data.md; ids never change meaning once shipped (add new ones instead).
 */

/** GDPR groupings the categories map to. */
export const GDPR_GROUPS = [
  'identity',
  'contact',
  'financial',
  'online',
  'pseudonymous',
  'special',
] as const
export type GdprGroup = (typeof GDPR_GROUPS)[number]

export interface CategoryDefinition {
  id: string
  group: GdprGroup
  label: string
  description: string
  /** GDPR Article 9 special category. */
  special?: boolean
}

/** The vocabulary. Order is the order of the map and the reports. */
export const PERSONAL_DATA_CATEGORIES = [
  {
    id: 'person.name',
    group: 'identity',
    label: 'Person name',
    description: 'Given, family or full names and titles of a person.',
  },
  {
    id: 'identity.date_of_birth',
    group: 'identity',
    label: 'Date of birth',
    description: 'A date of birth (not any date: plausible ages, named as such).',
  },
  {
    id: 'identity.national_id',
    group: 'identity',
    label: 'National Insurance number',
    description: 'UK National Insurance number (or another country’s national identity number).',
  },
  {
    id: 'identity.health_id',
    group: 'identity',
    label: 'NHS number',
    description: 'NHS number (mod 11 check) or another health-service identifier.',
  },
  {
    id: 'identity.passport',
    group: 'identity',
    label: 'Passport number',
    description: 'A passport number.',
  },
  {
    id: 'identity.driving_licence',
    group: 'identity',
    label: 'Driving licence number',
    description: 'A driving licence number (UK DVLA format and others).',
  },
  {
    id: 'identifier.customer',
    group: 'identity',
    label: 'Customer identifier',
    description: 'An identifier of a person as a customer (customer id, reference, account id).',
  },
  {
    id: 'identifier.loyalty',
    group: 'identity',
    label: 'Loyalty number',
    description: 'A loyalty or membership card number.',
  },
  {
    id: 'contact.email',
    group: 'contact',
    label: 'Email address',
    description: 'An email address.',
  },
  {
    id: 'contact.phone',
    group: 'contact',
    label: 'Phone number',
    description: 'A telephone number (validated with libphonenumber, UK first).',
  },
  {
    id: 'contact.postal_address',
    group: 'contact',
    label: 'Postal address',
    description: 'Address lines, towns, counties of a postal address.',
  },
  {
    id: 'contact.postcode',
    group: 'contact',
    label: 'Postcode',
    description: 'A UK postcode (or another country’s postal code, named as such).',
  },
  {
    id: 'financial.card_number',
    group: 'financial',
    label: 'Payment card number',
    description: 'A full payment card number (PAN: Luhn-valid, known issuer prefix).',
  },
  {
    id: 'financial.card_token',
    group: 'financial',
    label: 'Payment card token',
    description: 'A token standing for a card (still personal data: it identifies the card).',
  },
  {
    id: 'financial.card_last4',
    group: 'financial',
    label: 'Card last four digits',
    description: 'The last four digits (or a masked PAN) of a card.',
  },
  {
    id: 'financial.card_expiry',
    group: 'financial',
    label: 'Card expiry date',
    description: 'A card’s expiry date (MM/YY).',
  },
  {
    id: 'financial.bank_account',
    group: 'financial',
    label: 'Bank account',
    description: 'IBAN, UK sort code or account number.',
  },
  {
    id: 'online.ip_address',
    group: 'online',
    label: 'IP address',
    description: 'An IPv4 or IPv6 address.',
  },
  {
    id: 'online.device_id',
    group: 'online',
    label: 'Device or cookie identifier',
    description: 'A device id, advertising id, cookie or session identifier.',
  },
  {
    id: 'pseudonymous.hash',
    group: 'pseudonymous',
    label: 'Hashed identifier',
    description:
      'A hash of an email or another identifier (pseudonymous data is still personal data).',
  },
  {
    id: 'free_text.contains_personal',
    group: 'identity',
    label: 'Free text with personal data',
    description:
      'Notes or summaries in which some values hold personal data (names, numbers, emails...).',
  },
  {
    id: 'special.health',
    group: 'special',
    label: 'Health',
    description: 'Article 9: data concerning health, disability or vulnerability.',
    special: true,
  },
  {
    id: 'special.ethnicity',
    group: 'special',
    label: 'Racial or ethnic origin',
    description: 'Article 9: racial or ethnic origin.',
    special: true,
  },
  {
    id: 'special.religion',
    group: 'special',
    label: 'Religious or philosophical beliefs',
    description: 'Article 9: religious or philosophical beliefs.',
    special: true,
  },
  {
    id: 'special.political',
    group: 'special',
    label: 'Political opinions',
    description: 'Article 9: political opinions.',
    special: true,
  },
  {
    id: 'special.trade_union',
    group: 'special',
    label: 'Trade union membership',
    description: 'Article 9: trade union membership.',
    special: true,
  },
  {
    id: 'special.biometric',
    group: 'special',
    label: 'Biometric or genetic data',
    description: 'Article 9: biometric data for identification, genetic data.',
    special: true,
  },
  {
    id: 'special.sexual_orientation',
    group: 'special',
    label: 'Sex life or sexual orientation',
    description: 'Article 9: sex life or sexual orientation.',
    special: true,
  },
] as const satisfies readonly CategoryDefinition[]

export type CategoryId = (typeof PERSONAL_DATA_CATEGORIES)[number]['id']

export function isCategoryId(id: unknown): id is CategoryId {
  return typeof id === 'string' && PERSONAL_DATA_CATEGORIES.some((c) => c.id === id)
}

/** One rule or recognizer that fired (or was considered and rejected) for a field. */
export interface EvidenceItem {
  /** `name:<rule id>` for name rules (e.g. `name:email`), `value:<recognizer id>` for values. */
  source: string
  kind: 'name' | 'value' | 'context' | 'type'
  /** Human sentence: `column name "EML_ADDR" matches email (abbreviation EML + ADDR)`. */
  detail: string
  /** For value evidence: how many sampled values matched, of how many looked at. */
  matched?: number
  of?: number
  /** A masked example of a matching value (never raw). */
  example?: string
  /** Signed weight it contributed to the label's confidence. */
  weight: number
}

/** A near miss: why a category was considered and rejected. */
export interface NearMiss {
  category: CategoryId
  /** `dates are order dates (named placed_at; ages 0–2 years)`, `16 digits but fails Luhn`, ... */
  reason: string
  evidence?: EvidenceItem[]
}

/** A suggested label. */
export interface ClassificationLabel {
  category: CategoryId
  /** 0..1 */
  confidence: number
  evidence: EvidenceItem[]
  /** For free text: the share of sampled values holding personal data. */
  share?: number
}

/** What the classifier says of one field (stored with the field by every crawl). */
export interface FieldClassification {
  /** Best first; empty when nothing personal was found. */
  labels: ClassificationLabel[]
  nearMisses: NearMiss[]
  /** Rule-pack versions that produced it, e.g. `builtin@1`, `catalog/rules/acme.yaml@3`. */
  rulePacks: string[]
  /** Sampled values looked at. */
  sampled: number
}

export type ReviewState = 'suggested' | 'confirmed' | 'rejected' | 'changed' | 're-review'

/** A human decision (catalog/classifications.yaml, keyed by field URN). */
export interface ReviewDecision {
  urn: string
  decision: 'confirmed' | 'rejected' | 'changed'
  /** The category decided on: the confirmed/changed-to one; for rejected, the rejected suggestion. */
  category: CategoryId
  by: string
  /** ISO 8601 */
  at: string
  reason?: string
}

/** Article 30 record-of-processing attributes (catalog/processing.yaml). */
export interface ProcessingAttributes {
  purpose?: string
  lawfulBasis?:
    | 'consent'
    | 'contract'
    | 'legal-obligation'
    | 'vital-interests'
    | 'public-task'
    | 'legitimate-interests'
  retention?: string
  recipients?: string[]
}

/** One processing entry: for an asset URN (or glob) or a category id. */
export interface ProcessingRule extends ProcessingAttributes {
  /** An asset URN or URN glob (`*`, `**`), or `category:<id>`. */
  match: string
}

/** One field of the personal-data map. */
export interface PersonalDataEntry {
  urn: string
  assetUrn: string
  source: string
  platform: string
  /** `crm.dbo.Customer.Email`, `crm.dbo.Customer › after.Email`... */
  location: string
  fieldPath: string
  /** The effective category: the reviewer's if decided, else the best suggestion. */
  category: CategoryId
  confidence: number
  reviewState: ReviewState
  /** The suggestion when the reviewer changed it, or other labels. */
  suggested?: CategoryId
  decision?: ReviewDecision
  /** One line: `name rule email; 98 of 100 values are emails (e.g. j•••@e•••.com)`. */
  evidenceSummary: string
  /** Why it was flagged for re-review (fresh evidence contradicts a decision). */
  reReviewReason?: string
  /** Rows / messages / documents of the asset. */
  count?: number
  processing: ProcessingAttributes
  /** Personal by lineage (issue 6 fills this): the upstream field it was propagated from. */
  viaLineage?: string
}

export interface PersonalDataSummary {
  byCategory: Array<{ category: CategoryId; fields: number; sources: number; confirmed: number }>
  bySource: Array<{ source: string; fields: number; categories: number; needsReview: number }>
  totals: {
    fields: number
    confirmed: number
    suggested: number
    rejected: number
    reReview: number
  }
}

export interface PersonalDataMap {
  schemaVersion: 1
  generatedAt: string
  workspace: string
  summary: PersonalDataSummary
  entries: PersonalDataEntry[]
}
