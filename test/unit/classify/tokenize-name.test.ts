import { describe, expect, it } from 'vitest'
import { snakeName, splitName, tokenizeName } from '../../../src/main/classify/tokenize-name'

describe('tokenizeName', () => {
  it.each([
    ['CustomerEmail', ['customer', 'email']],
    ['cust_email', ['customer', 'email']],
    ['EML_ADDR', ['email', 'address']],
    ['emailAddress', ['email', 'address']],
    ['contact.email', ['contact', 'email']],
    ['addresses[].postcode', ['address', 'postcode']],
    ['first-name', ['first', 'name']],
    ['Line1', ['line', '1']],
    ['ADDR_LN1', ['address', 'line', '1']],
    ['emailSha256', ['email', 'sha', '256']],
    ['DOB_DT', ['date', 'of', 'birth', 'date']],
    ['NI_NO', ['national', 'insurance', 'number']],
    ['TEL_NO', ['telephone', 'number']],
    ['CUST_NM', ['customer', 'name']],
    ['PCODE', ['postcode']],
    ['firstname', ['first', 'name']],
    ['phonenumber', ['phone', 'number']],
    ['customerIds[]', ['customer', 'id']],
    ['_id', ['id']],
    ['card_last4', ['card', 'last', '4']],
    ['XMLHttpRequest', ['xml', 'http', 'request']],
    ['acct_nbr', ['account', 'number']],
    ['Customers', ['customer']],
    ['deliveries', ['delivery']],
    // Hungarian-notation prefixes are dropped; foreign words read as English.
    ['tblEmployees', ['employee']],
    ['strPPSN', ['national', 'id']],
    ['Geburtsdatum', ['date', 'of', 'birth']],
    ['fechaNacimiento', ['fecha', 'birth']],
    ['kunden_nr', ['customer', 'number']],
    ['Straße', ['street']],
    ['str_name', ['str', 'name']],
    ['status', ['status']],
    ['address', ['address']],
    ['boxes', ['box']],
    ['FirstNames', ['first', 'name']],
    ['', []],
  ])('%s -> %j', (name, tokens) => {
    expect(tokenizeName(name)).toEqual(tokens)
  })

  it('keeps raw tokens and snake names for suppressions', () => {
    expect(splitName('EML_ADDR')).toEqual(['eml', 'addr'])
    expect(snakeName('EmailVerified')).toBe('email_verified')
    expect(snakeName('isActive')).toBe('is_active')
  })

  it('does not split words that are not made of known parts, and copes with odd input', () => {
    expect(tokenizeName('carpet')).toEqual(['carpet'])
    // Accents are folded so that `prénom` and `prenom` read the same.
    expect(tokenizeName('Ünïcødé_Näme')).toEqual(['unicøde', 'name'])
    expect(tokenizeName(undefined as unknown as string)).toEqual([])
    expect(tokenizeName('x'.repeat(100_000)).length).toBe(1)
  })
})
