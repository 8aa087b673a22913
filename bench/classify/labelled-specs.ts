/**
 * The second labelled set's fields (bench/classify/make-labelled-set.ts writes them out): nine
 * made-up sources (three in labelled-specs-holdout.ts) in naming styles and countries the
 * reference estate does not use, each field with its true category, or null for the hard
 * negatives (columns that look personal but are not). Conventions follow the estate's manifest:
 * a customer's id is `identifier.customer` wherever it appears (foreign keys too); a title or a
 * name part is `person.name`; a town is `contact.postal_address` when it is a person's address.
 */
import * as v from './labelled-values'
import { P, seq, type SourceSpec } from './labelled-field'
import { DE_SHOP, FR_CRM } from './labelled-specs-eu'
import { BR_APP, IT_INSURER, NL_ENERGY } from './labelled-specs-holdout'
import { ES_TELCO, US_CLINIC } from './labelled-specs-us'

/** Hungarian-notation legacy system and an event stream with English camelCase names. */
const LEGACY: SourceSpec = {
  source: 'hr-legacy',
  platform: 'mssql',
  assets: [
    {
      name: 'tblUser',
      path: ['HR', 'dbo', 'tblUser'],
      fields: [
        P('intUserID', 'int', 'identifier.customer', (_r, i) => 1000 + i, {
          note: 'the identifier of a person (an employee): identifies the person like a customer id',
          primaryKey: true,
        }),
        P('strFirstName', 'nvarchar(50)', 'person.name', (r) => v.given(r)),
        P('strSurname', 'nvarchar(80)', 'person.name', (r) => v.family(r)),
        P('strEmailAddr', 'nvarchar(200)', 'contact.email', (r) => v.email(r)),
        P('strMobileNo', 'varchar(30)', 'contact.phone', (r) => v.phone(r, 'ie')),
        P(
          'dtmBirth',
          'datetime',
          'identity.date_of_birth',
          (r) => `${v.date(r, 1955, 2002, 'iso')} 00:00:00.000`,
        ),
        P('strPPSN', 'char(8)', 'identity.national_id', (r) => v.irishPps(r)),
        P('strEircode', 'varchar(8)', 'contact.postcode', (r) => v.eircode(r)),
        P('strIBAN', 'varchar(34)', 'financial.bank_account', (r) => v.iban(r, 'IE')),
        P('bitActive', 'bit', null, (r) => (r.chance(0.9) ? 1 : 0)),
        P('dtmCreated', 'datetime', null, (r) => `${v.date(r, 2015, 2026, 'iso')} 09:14:00.000`),
        P('strJobCode', 'varchar(10)', null, (r) =>
          r.pick(['ENG2', 'ENG3', 'HR1', 'FIN2', 'OPS1']),
        ),
        P('strReligion', 'nvarchar(40)', 'special.religion', (r) =>
          r.pick([
            'Roman Catholic',
            'Church of Ireland',
            'None',
            'Muslim',
            'Hindu',
            'Prefer not to say',
            'Jewish',
            'Presbyterian',
          ]),
        ),
        P('bitUnionMember', 'bit', 'special.trade_union', (r) => (r.chance(0.3) ? 1 : 0), {
          note: 'named as trade-union membership; values are flags',
        }),
        P('strEthnicity', 'nvarchar(60)', 'special.ethnicity', (r) =>
          r.pick([
            'White Irish',
            'Irish Traveller',
            'Black or Black Irish - African',
            'Asian or Asian Irish - Chinese',
            'Other White background',
            'Mixed',
          ]),
        ),
        P('decSalary', 'decimal(10,2)', null, (r) => (r.int(28000, 140000) + 0.0).toFixed(2), {
          note: 'pay is personal in context but not one of the categories',
        }),
        P('strDeptName', 'nvarchar(60)', null, (r) =>
          r.pick(['Engineering', 'Finance', 'People', 'Legal', 'Operations']),
        ),
        P('strManagerName', 'nvarchar(100)', 'person.name', (r) => v.fullName(r, 'other')),
      ],
    },
    {
      name: 'tblAsset',
      path: ['HR', 'dbo', 'tblAsset'],
      fields: [
        P('strAssetTag', 'varchar(12)', null, seq('IT-', 6), { primaryKey: true }),
        P('strMacAddr', 'varchar(17)', null, (r) => r.hex(12).replace(/(..)(?=.)/g, '$1:'), {
          note: 'MAC of a pool laptop: a company asset, arguably device id; kept negative (no person)',
        }),
        P(
          'strHostName',
          'varchar(60)',
          null,
          (r) => `lt-${r.letters(3).toLowerCase()}-${r.digits(4)}.corp.example`,
        ),
        P('strModel', 'varchar(60)', null, (r) =>
          r.pick(['ThinkPad T14', 'Latitude 7440', 'MacBook Pro 14', 'EliteBook 840']),
        ),
        P(
          'strFirmwareVer',
          'varchar(20)',
          null,
          (r) => `${r.int(1, 9)}.${r.int(0, 30)}.${r.int(0, 255)}.${r.int(0, 255)}`,
          {
            note: 'four dotted numbers: a version, not an IP',
          },
        ),
        P('dtmPurchased', 'date', null, (r) => v.date(r, 2018, 2026, 'iso')),
      ],
    },
  ],
}

const EVENTS: SourceSpec = {
  source: 'product-events',
  platform: 'kafka',
  assets: [
    {
      name: 'web.pageview.v2',
      path: ['web.pageview.v2'],
      fields: [
        P('eventId', 'string', null, (r) => v.uuid(r), { note: 'event UUID' }),
        P('occurredAt', 'long', null, (r) => 1_760_000_000_000 + r.int(0, 1e9)),
        P('visitor.anonymousId', 'string', 'online.device_id', (r) => v.uuid(r), {
          path: 'visitor.anonymousId',
        }),
        P(
          'visitor.gaClientId',
          'string',
          'online.device_id',
          (r) => `GA1.2.${r.int(100000000, 999999999)}.${r.int(1600000000, 1760000000)}`,
          { path: 'visitor.gaClientId' },
        ),
        P(
          'visitor.remoteAddr',
          'string',
          'online.ip_address',
          (r) => (r.chance(0.7) ? v.ipv4(r) : v.ipv6(r)),
          { path: 'visitor.remoteAddr' },
        ),
        P('visitor.userId', 'string', 'identifier.customer', (r) => `usr_${r.hex(10)}`, {
          path: 'visitor.userId',
        }),
        P(
          'page.url',
          'string',
          null,
          (r) => `https://shop.example/${r.pick(['de', 'fr', 'es'])}/p/${r.int(1000, 99999)}`,
          { path: 'page.url' },
        ),
        P(
          'page.referrerDomain',
          'string',
          null,
          (r) => r.pick(['google.com', 'bing.com', 'facebook.com', 'newsletter.example', '']),
          { path: 'page.referrerDomain' },
        ),
        P(
          'page.title',
          'string',
          null,
          (r) => r.pick(['Sommerkleider | Shop', 'Robes d’été', 'Zapatillas running', 'Checkout']),
          { path: 'page.title' },
        ),
        P(
          'device.os',
          'string',
          null,
          (r) => r.pick(['iOS 18.1', 'Android 15', 'Windows 11', 'macOS 15.2']),
          { path: 'device.os' },
        ),
        P(
          'device.phoneModel',
          'string',
          null,
          (r) => r.pick(['iPhone 15', 'Pixel 9', 'Galaxy S24', 'Xiaomi 14', 'iPhone 13 mini']),
          {
            path: 'device.phoneModel',
            note: '"phone" in the name, a handset model',
          },
        ),
        P('device.screenWidth', 'int', null, (r) => r.pick([375, 390, 412, 1280, 1440, 1920])),
        P('geo.country', 'string', null, (r) => r.pick(['DE', 'FR', 'ES', 'IE', 'US']), {
          path: 'geo.country',
        }),
        P('experiment.variant', 'string', null, (r) => r.pick(['control', 'A', 'B']), {
          path: 'experiment.variant',
        }),
        P('hashedEmail', 'string', 'pseudonymous.hash', (r) => r.hex(64)),
      ],
    },
    {
      name: 'devops.deployments',
      path: ['devops.deployments'],
      fields: [
        P('commitSha', 'string', null, (r) => r.hex(40), {
          note: 'git SHA-1: a hash, not of a person',
        }),
        P('imageDigest', 'string', null, (r) => `sha256:${r.hex(64)}`),
        P('service', 'string', null, (r) =>
          r.pick(['checkout', 'search', 'catalog', 'payments-gw']),
        ),
        P('version', 'string', null, (r) => `${r.int(1, 4)}.${r.int(0, 20)}.${r.int(0, 99)}`),
        P('durationMs', 'long', null, (r) => r.int(2000, 900000)),
        P('clusterIpRangeCount', 'int', null, (r) => r.int(1, 16), {
          note: 'ip in the name, a count',
        }),
        P('status', 'string', null, (r) => r.pick(['SUCCEEDED', 'FAILED', 'ROLLED_BACK'])),
        P('startedAt', 'string', null, (r) => v.date(r, 2025, 2026, 'iso-time')),
      ],
    },
    {
      name: 'storage.file-uploaded',
      path: ['storage.file-uploaded'],
      fields: [
        P('fileId', 'string', null, (r) => v.uuid(r), { primaryKey: true }),
        P('contentMd5', 'string', null, (r) => r.hex(32), {
          note: 'hash of file content, not of a person',
        }),
        P('sizeBytes', 'long', null, (r) => r.int(100, 50_000_000)),
        P('mimeType', 'string', null, (r) => r.pick(['image/png', 'application/pdf', 'text/csv'])),
        P(
          'bucketPath',
          'string',
          null,
          (r) =>
            `s3://uploads-${r.pick(['eu', 'us'])}/${r.hex(8)}/${r.pick(['invoice', 'photo', 'export'])}.${r.pick(['pdf', 'png', 'csv'])}`,
        ),
        P('uploaderId', 'string', 'identifier.customer', (r) => `usr_${r.hex(10)}`, {
          note: 'the customer who uploaded',
        }),
      ],
    },
  ],
}

export const SOURCES: SourceSpec[] = [
  DE_SHOP,
  FR_CRM,
  ES_TELCO,
  US_CLINIC,
  LEGACY,
  EVENTS,
  IT_INSURER,
  NL_ENERGY,
  BR_APP,
]
/** Sources added after the classifier had been tuned with the others in view. */
export const HOLDOUT_SOURCES = new Set([IT_INSURER.source, NL_ENERGY.source, BR_APP.source])
