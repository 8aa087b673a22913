/**
 * Field and asset names split into lower-case tokens, whatever the naming style: `CustomerEmail`,
 * `cust_email`, `EML_ADDR`, `emailAddress`, `contact.email`, `addresses[].postcode`, kebab-case,
 * digits (`Line1` -> `line 1`, `emailSha256` -> `email sha 256`). Then abbreviations are expanded
 * (`eml` -> `email`, `dob` -> `date of birth`) and run-together words split (`firstname`), so that
 * name rules are written once against plain English tokens. Linear in the name's length.
 */

import { FOREIGN_WORDS, foldToken, HUNGARIAN_PREFIX } from './foreign-words'

/** Abbreviations seen in real schemas, each to one or more plain tokens. */
const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  eml: ['email'],
  mail: ['mail'],
  emailaddr: ['email', 'address'],
  addr: ['address'],
  adr: ['address'],
  add: ['address'],
  tel: ['telephone'],
  tele: ['telephone'],
  telno: ['telephone', 'number'],
  ph: ['phone'],
  phn: ['phone'],
  mob: ['mobile'],
  nm: ['name'],
  nme: ['name'],
  fname: ['first', 'name'],
  lname: ['last', 'name'],
  fn: ['first', 'name'],
  ln: ['line'],
  dob: ['date', 'of', 'birth'],
  bdate: ['birth', 'date'],
  pcode: ['postcode'],
  pc: ['postcode'],
  zip: ['zip', 'code'],
  zipcode: ['zip', 'code'],
  postalcode: ['postal', 'code'],
  ni: ['national', 'insurance'],
  nino: ['national', 'insurance', 'number'],
  ssn: ['social', 'security', 'number'],
  no: ['number'],
  num: ['number'],
  nbr: ['number'],
  nr: ['number'],
  nmbr: ['number'],
  cust: ['customer'],
  cst: ['customer'],
  custid: ['customer', 'id'],
  acct: ['account'],
  acc: ['account'],
  accnt: ['account'],
  twn: ['town'],
  cty: ['city'],
  dt: ['date'],
  ts: ['timestamp'],
  sts: ['status'],
  cd: ['code'],
  ref: ['reference'],
  dl: ['driving', 'licence'],
  ip4: ['ipv4'],
  ip6: ['ipv6'],
  exp: ['expiry'],
  expiration: ['expiry'],
  expires: ['expiry'],
  cc: ['credit', 'card'],
  pan: ['pan'],
  lyl: ['loyalty'],
  nhs: ['nhs'],
  sortcode: ['sort', 'code'],
  surname: ['surname'],
  forename: ['forename'],
  msisdn: ['phone', 'number'],
  ua: ['user', 'agent'],
  emp: ['employee'],
  usr: ['user'],
  mbr: ['member'],
}

/** Plurals that matter to rules: `ids` -> `id`, `emails` -> `email`, `addresses` -> `address`. */
const PLURALS: Readonly<Record<string, string>> = {
  ids: 'id',
  emails: 'email',
  addresses: 'address',
  names: 'name',
  phones: 'phone',
  numbers: 'number',
  customers: 'customer',
  users: 'user',
  persons: 'person',
  people: 'person',
  members: 'member',
  clients: 'client',
  patients: 'patient',
  employees: 'employee',
  contacts: 'contact',
  cards: 'card',
  payments: 'payment',
  devices: 'device',
  notes: 'note',
  comments: 'comment',
  accounts: 'account',
  subscribers: 'subscriber',
  postcodes: 'postcode',
  tokens: 'token',
  hashes: 'hash',
  refs: 'reference',
  references: 'reference',
  holders: 'holder',
  cases: 'case',
}

/**
 * Words that real schemas run together in one lower-case token (`firstname`, `emailaddress`,
 * `phonenumber`): a token made only of these is split into them.
 */
const COMPOUND_WORDS = [
  'first',
  'last',
  'middle',
  'given',
  'family',
  'full',
  'sur',
  'fore',
  'name',
  'email',
  'mail',
  'address',
  'phone',
  'mobile',
  'home',
  'work',
  'telephone',
  'number',
  'customer',
  'user',
  'client',
  'member',
  'id',
  'post',
  'code',
  'postal',
  'zip',
  'birth',
  'date',
  'day',
  'of',
  'card',
  'holder',
  'account',
  'loyalty',
  'device',
  'ip',
  'line',
  'street',
  'town',
  'city',
  'county',
  'sort',
  'token',
  'expiry',
  'passport',
  'national',
  'insurance',
  'driving',
  'licence',
  'license',
  'cell',
  'contact',
  'billing',
  'shipping',
  'delivery',
  'postcode',
  'surname',
  'forename',
  'username',
]
/** Abbreviations that also run together with words (`custid`, `phoneno`, `emailaddr`). */
const COMPOUND_ABBREVIATIONS = [
  'no',
  'num',
  'nbr',
  'addr',
  'tel',
  'dob',
  'cust',
  'acct',
  'nm',
  'dt',
]
const COMPOUND_SET = new Set([...COMPOUND_WORDS, ...COMPOUND_ABBREVIATIONS])
const MAX_COMPOUND_TOKEN = 40

/** Splits a name into raw lower-case tokens (no expansion). */
export function splitName(name: string): string[] {
  const text = typeof name === 'string' ? name.slice(0, 512) : ''
  const tokens: string[] = []
  // Separators: anything not a letter or digit (`_`, `.`, `-`, `[]`, spaces, `$`...).
  for (const part of text.split(/[^\p{L}\p{N}]+/u)) {
    if (part === '') continue
    const bare = part.replace(HUNGARIAN_PREFIX, '')
    // camelCase / PascalCase / ACRONYMWord / letters-digits boundaries.
    const pieces = bare.match(
      /\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{N}+|[^\p{L}\p{N}]+/gu,
    )
    for (const piece of pieces ?? [bare]) tokens.push(foldToken(piece.toLowerCase()))
  }
  return tokens
}

/**
 * A run-together token split into known words when it is made only of them
 * (`firstname` -> `first name`), else undefined. Dynamic programming over the token: linear in
 * its length times the longest word.
 */
function splitCompound(token: string): string[] | undefined {
  if (token.length < 5 || token.length > MAX_COMPOUND_TOKEN || COMPOUND_SET.has(token))
    return undefined
  const best: Array<string[] | undefined> = new Array(token.length + 1)
  best[0] = []
  for (let end = 1; end <= token.length; end++) {
    for (let start = Math.max(0, end - 10); start < end; start++) {
      const prefix = best[start]
      const word = token.slice(start, end)
      if (prefix && COMPOUND_SET.has(word) && (!best[end] || best[end]!.length > prefix.length + 1))
        best[end] = [...prefix, word]
    }
  }
  const found = best[token.length]
  return found && found.length > 1 ? found : undefined
}

/** Words ending in `s` that are not plurals (or whose singular would mislead). */
const NOT_PLURAL = new Set(['news', 'series', 'species', 'lens', 'always', 'has', 'was', 'does'])

/**
 * The singular of a regular English plural (`orders`, `deliveries`, `boxes`, `employees`), or the
 * token itself. Skips `-ss`, `-us`, `-is` endings (`address`, `status`, `analysis`).
 */
function singular(token: string): string {
  if (token.length < 4 || !token.endsWith('s') || NOT_PLURAL.has(token)) return token
  if (/(?:ss|us|is)$/.test(token) || /\d/.test(token)) return token
  if (token.endsWith('ies') && token.length > 4) return `${token.slice(0, -3)}y`
  if (/(?:ses|xes|zes|ches|shes)$/.test(token)) return token.slice(0, -2)
  return token.slice(0, -1)
}

function expandOne(token: string): readonly string[] {
  const plural = PLURALS[token]
  if (plural) return [plural]
  const abbreviation = ABBREVIATIONS[token] ?? FOREIGN_WORDS[token]
  if (abbreviation) return abbreviation
  const one = singular(token)
  if (one !== token) return expandOne(one)
  const compound = splitCompound(token)
  if (compound) return compound.flatMap((t) => ABBREVIATIONS[t] ?? FOREIGN_WORDS[t] ?? [t])
  return [token]
}

/** Raw tokens with abbreviations, plurals and run-together words expanded. */
export function expandTokens(tokens: readonly string[]): string[] {
  const out: string[] = []
  for (const token of tokens) out.push(...expandOne(token))
  return out
}

/** The name split and expanded: `EML_ADDR` -> `['email', 'address']`. */
export function tokenizeName(name: string): string[] {
  return expandTokens(splitName(name))
}

/** The tokens in snake_case, the form suppression globs are matched against. */
export function snakeName(name: string): string {
  return splitName(name).join('_')
}
