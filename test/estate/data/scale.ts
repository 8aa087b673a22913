/** The scale knob: `small` for CI and development, `bench` for benchmarks. */
export interface Scale {
  name: 'small' | 'bench' | 'tiny'
  /** Real-world people; about 0.977 crm customer rows per person (some absent, some twice). */
  people: number
  /** Clickstream events per crm customer row (sessions of a few pages). */
  clickEventsPerCustomer: number
  /** Share of clickstream events from anonymous sessions. */
  anonymousClickShare: number
  /** Extra databases x schemas x tables of small catalogue-only tables (bench only). */
  fillerTables: number
  fillerDatabases: readonly string[]
  fillerCollections: number
  /** Upper bound on customer ids in one marketing.segments document (MongoDB's 16 MB limit). */
  maxSegmentSize: number
}

export const SCALES: Readonly<Record<Scale['name'], Scale>> = {
  // For unit tests: the same code path, a few hundred people.
  tiny: {
    name: 'tiny',
    people: 300,
    clickEventsPerCustomer: 2,
    anonymousClickShare: 0.3,
    fillerTables: 0,
    fillerDatabases: [],
    fillerCollections: 0,
    maxSegmentSize: 100_000,
  },
  small: {
    name: 'small',
    people: 2_048,
    clickEventsPerCustomer: 2,
    anonymousClickShare: 0.3,
    fillerTables: 0,
    fillerDatabases: [],
    fillerCollections: 0,
    maxSegmentSize: 100_000,
  },
  bench: {
    name: 'bench',
    people: 1_024_000,
    clickEventsPerCustomer: 0.2,
    anonymousClickShare: 0.3,
    fillerTables: 5_000,
    fillerDatabases: ['warehouse', 'finance_archive', 'marketing_mart', 'ops_logs', 'staging'],
    fillerCollections: 300,
    maxSegmentSize: 100_000,
  },
}

export function scaleNamed(name: string): Scale {
  const scale = (SCALES as Record<string, Scale>)[name]
  if (!scale)
    throw new Error(`unknown estate scale "${name}" (expected ${Object.keys(SCALES).join(', ')})`)
  return scale
}
