import { describe, expect, it } from 'vitest'
import { freeTextRecognizer, isFreeTextShape, scanFreeText, scanText } from './free-text'

const ctx = { nameTokens: ['notes'], assetTokens: ['deliveries'] }
const kinds = (text: string) => [...scanText(text)].sort()

describe('free text scanner', () => {
  it('finds emails, phones, postcodes, cards, IBANs, NI and NHS numbers inside text', () => {
    expect(kinds('Asked about warranty - new email jo.bloggs+tv@example.co.uk.')).toEqual([
      'contact.email',
    ])
    expect(kinds('Call 07123 456789 when outside, intercom broken')).toEqual(['contact.phone'])
    expect(kinds('rang +44 7984 123456 no answer, card through door')).toEqual(['contact.phone'])
    expect(kinds('Delivery address differs from billing (SW1A 1AA); possible takeover')).toEqual([
      'contact.postcode',
    ])
    expect(kinds('Customer read out card 4111 1111 1111 1111 over the phone')).toEqual([
      'financial.card_number',
    ])
    expect(
      kinds('Refund requested to IBAN GB82 WEST 1234 5698 7654 32, not the card used'),
    ).toEqual(['financial.bank_account'])
    expect(kinds('Caller gave NI number AB 12 34 56 C to verify')).toEqual(['identity.national_id'])
    expect(kinds('NHS no 943 476 5919 given for priority repair')).toEqual(['identity.health_id'])
  })

  it('finds person names from the dictionaries and titles', () => {
    expect(kinds('Left with neighbour Olivia Kowalski at no. 12')).toEqual(['person.name'])
    expect(kinds('Customer Amelia asked for a call on arrival')).toEqual(['person.name'])
    expect(kinds('Signed by J. Smith')).toEqual(['person.name'])
    expect(kinds('Chased delivery - spoke to Mrs Patel')).toEqual(['person.name'])
    expect(kinds('Chased delivery - spoke to Patel')).toEqual(['person.name'])
  })

  it('finds Article 9 cues in text', () => {
    expect(kinds('Customer is registered blind; read out order details in full')).toEqual([
      'special.health',
    ])
    expect(kinds('Customer in financial hardship after job loss - VulnerableCustomer')).toEqual([
      'special.health',
    ])
  })

  it('leaves harmless text alone (traps)', () => {
    for (const text of [
      'Left in porch',
      'Leave with neighbour if out',
      'Dog in garden - do not open side gate',
      'Chargeback received, evidence pack sent',
      'Order 1000000000000008 shipped in 3 boxes',
      'Upgraded server to version 1.2.3.4 on Victoria Road',
      'Will call back in May about the Green sofa',
      'Reference 9434765919 issued',
      'Roller blind in White, 120cm drop',
    ]) {
      expect(kinds(text), text).toEqual([])
    }
  })

  it('scanFreeText counts affected values and categories', () => {
    const finding = scanFreeText([
      'Left in porch',
      'Call 07123 456789 when outside',
      '',
      'Signed by J. Smith',
    ])
    expect(finding).toEqual({ affected: 2, of: 3, found: { 'contact.phone': 1, 'person.name': 1 } })
  })
})

describe('free text recognizer', () => {
  it('matches only prose values holding personal data', () => {
    expect(freeTextRecognizer.test('Call 07123 456789 when outside', ctx)).toEqual({ match: true })
    expect(freeTextRecognizer.test('jo@example.com', ctx)).toEqual({ match: false })
    expect(freeTextRecognizer.test('Left in porch today', ctx)).toEqual({ match: false })
    expect(isFreeTextShape('SW1A 1AA')).toBe(false)
    expect(isFreeTextShape('07990 108 887')).toBe(false)
  })

  it('labels a notes field at a small share, but not short codes or structured fields', () => {
    const notes = Array.from({ length: 95 }, (_, i) => `Left in porch, parcel ${i} of the order`)
    notes.push(...Array.from({ length: 5 }, () => 'Call 07123 456789 when outside please'))
    const matching = notes.filter((v) => freeTextRecognizer.test(v, ctx).match)
    expect(matching.length / notes.length).toBeGreaterThanOrEqual(
      freeTextRecognizer.threshold ?? 0.6,
    )
    expect(freeTextRecognizer.judgeField?.(matching, notes, ctx)).toBeUndefined()

    const addresses = Array.from({ length: 20 }, (_, i) => `${i + 1} High Street, Leeds LS1 4AB`)
    expect(freeTextRecognizer.judgeField?.(addresses, addresses, ctx)).toMatch(/structured field/)
    const codes = ['velocity', 'VulnerableCustomer', 'new-device', 'ip-mismatch']
    expect(freeTextRecognizer.judgeField?.(['VulnerableCustomer'], codes, ctx)).toMatch(
      /not free text/,
    )
  })
})
