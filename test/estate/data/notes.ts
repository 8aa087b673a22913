import { gbIban, groupIban, nhsNumber } from './finance.js'
import { FAMILY_NAMES, FEMALE_GIVEN, MALE_GIVEN } from './names.js'
import type { Person } from './people.js'
import { formatPhone, messyPhone } from './phones.js'
import type { Rng } from './prng.js'

/**
 * Free text with personal data inside it: the classifier must find it by content, since the
 * column names (driver_notes, summary, notes) say nothing.
 */

/** What a piece of free text contains, recorded in the manifest's truth for that record. */
export interface TextTruth {
  text: string
  /** Categories of personal data the text holds (empty when it holds none). */
  contains: string[]
}

function neighbourName(rng: Rng): string {
  return `${rng.pick(rng.chance(0.5) ? FEMALE_GIVEN : MALE_GIVEN)} ${rng.pick(FAMILY_NAMES)}`
}

export function driverNote(person: Person, rng: Rng): TextTruth | null {
  if (!rng.chance(0.45)) return null
  const phone = person.mobile ?? person.homePhone
  const templates: TextTruth[] = [
    { text: 'Left in porch', contains: [] },
    { text: 'Leave with neighbour if out', contains: [] },
    { text: 'Signed for at door', contains: [] },
    {
      text: `Left with neighbour ${neighbourName(rng)} at no. ${rng.int(1, 99)}`,
      contains: ['person.name'],
    },
    {
      text: `Customer ${person.firstName.split(' ')[0]} asked for a call on arrival`,
      contains: ['person.name'],
    },
    { text: 'Dog in garden - do not open side gate', contains: [] },
    { text: `Signed by ${person.firstName[0]}. ${person.lastName}`, contains: ['person.name'] },
  ]
  if (phone) {
    templates.push({
      text: `Call ${formatPhone(phone, 'national-spaced')} when outside, intercom broken`,
      contains: ['contact.phone'],
    })
    templates.push({
      text: `rang ${messyPhone(phone, rng).trim()} no answer, card through door`,
      contains: ['contact.phone'],
    })
  }
  return rng.pick(templates)
}

const HEALTH_NOTES = [
  'Customer mentioned recent stroke, struggles with small print - send large-print letters',
  'Customer is registered blind; read out order details in full',
  'Customer undergoing chemotherapy, asked us to avoid morning deliveries',
  'Carer called on behalf of customer with dementia; carer not on account',
  'Customer disclosed depression and anxiety, was distressed about the delay',
  'Hearing impaired - prefers email, do not phone',
]

const VULNERABILITY_NOTES = [
  'VulnerableCustomer flag added: recently bereaved, agreed payment holiday',
  'Customer in financial hardship after job loss - VulnerableCustomer',
  'Possible financial abuse by family member; flagged VulnerableCustomer, escalated to safeguarding',
]

const ROUTINE_CALLS = [
  'Chased delivery of washing machine, rebooked for next week',
  'Asked about extended warranty on TV; sent terms by email',
  'Complained about damaged fridge door, return arranged',
  'Changed delivery address before dispatch',
  'Password reset, verified with date of birth and postcode',
  'Queried loyalty points balance',
]

export function callSummary(person: Person, rng: Rng, sensitive: boolean): TextTruth {
  if (sensitive) {
    if (rng.chance(0.6)) {
      const note = rng.pick(HEALTH_NOTES)
      if (rng.chance(0.3))
        return {
          text: `${note}. NHS no ${nhsNumber(rng)} given for priority repair`,
          contains: ['special.health', 'identity.national_id'],
        }
      return { text: note, contains: ['special.health'] }
    }
    return { text: rng.pick(VULNERABILITY_NOTES), contains: ['special.health'] }
  }
  const base = rng.pick(ROUTINE_CALLS)
  const phone = person.mobile ?? person.homePhone
  const extra = rng.weighted([
    ['', 70],
    [phone ? ` - alt number ${messyPhone(phone, rng).trim()}` : '', 12],
    [` - spoke to ${person.title ?? ''} ${person.lastName}`.replace('  ', ' '), 10],
    [` - new email ${person.email}`, 8],
  ] as const)
  const contains = extra.includes('alt number')
    ? ['contact.phone']
    : extra.includes('spoke to')
      ? ['person.name']
      : extra.includes('email')
        ? ['contact.email']
        : []
  return { text: base + extra, contains }
}

export function fraudNote(person: Person, rng: Rng): TextTruth {
  return rng.weighted([
    [
      {
        text: `Card used from ${rng.int(3, 9)} devices in 24h; customer ${person.firstName} ${person.lastName} denies orders`,
        contains: ['person.name'],
      },
      3,
    ],
    [
      {
        text: `Refund requested to IBAN ${groupIban(gbIban(rng))}, not the card used - hold`,
        contains: ['financial.bank_account'],
      },
      2,
    ],
    [
      {
        text: `Caller gave NI number ${person.niNumber} to verify; does not match records`,
        contains: ['identity.national_id'],
      },
      2,
    ],
    [
      {
        text: `Delivery address differs from billing (${person.address.postcode}); possible account takeover`,
        contains: ['contact.postcode'],
      },
      2,
    ],
    [{ text: 'Chargeback received, evidence pack sent', contains: [] }, 2],
  ] as const)
}

export function returnNote(person: Person, rng: Rng): TextTruth | null {
  const phone = person.mobile ?? person.homePhone
  return rng.weighted<TextTruth | null>([
    [null, 50],
    [{ text: 'Box damaged on arrival', contains: [] }, 15],
    [
      {
        text: `Please collect from ${person.address.line1}, not the billing address`,
        contains: ['contact.postal_address'],
      },
      10,
    ],
    [
      phone
        ? {
            text: `Call me on ${messyPhone(phone, rng).trim()} to arrange collection`,
            contains: ['contact.phone'],
          }
        : null,
      15,
    ],
    [
      {
        text: `Bought as a gift for my mum, ${rng.pick(FEMALE_GIVEN)} - wrong colour`,
        contains: ['person.name'],
      },
      10,
    ],
  ] as const)
}
