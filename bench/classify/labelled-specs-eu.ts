/**
 * Second labelled set: a German web shop (PostgreSQL, German snake_case) and a French CRM
 * (SQL Server, French PascalCase). See labelled-specs.ts for the conventions.
 */
import * as v from './labelled-values'
import { P, seq, type SourceSpec } from './labelled-field'

const deNote = (r: v.Rng): string => {
  if (r.chance(0.45))
    return r.pick([
      'Paket beim Nachbarn abgeben',
      'Bitte nicht klingeln, Baby schläft',
      'Lieferung nur vormittags',
      'Rechnung separat senden',
      'Stammkunde, Rabatt 5 %',
    ])
  return r.pick([
    `Kunde ${v.fullName(r, 'de')} ruft zurück unter ${v.phone(r, 'de')}`,
    `Neue Adresse: ${v.streetLine(r, 'de')}, ${r.pick(v.CITIES.de)}`,
    `Rückfrage per Mail an ${v.email(r, 'de')}`,
    `Frau ${v.family(r, 'de')} möchte Ratenzahlung`,
  ])
}

export const DE_SHOP: SourceSpec = {
  source: 'de-webshop',
  platform: 'postgres',
  assets: [
    {
      name: 'kunden',
      path: ['shop', 'public', 'kunden'],
      fields: [
        P('kundennummer', 'character varying(12)', 'identifier.customer', seq('KD-', 7, 100000), {
          primaryKey: true,
        }),
        P('anrede', 'character varying(10)', 'person.name', (r) =>
          r.pick(['Herr', 'Frau', 'Divers', 'Dr.']),
        ),
        P('vorname', 'character varying(60)', 'person.name', (r) => v.given(r, 'de')),
        P('nachname', 'character varying(80)', 'person.name', (r) => v.family(r, 'de')),
        P('geburtsdatum', 'character varying(10)', 'identity.date_of_birth', (r) =>
          v.date(r, 1940, 2006, 'de'),
        ),
        P('e_mail', 'character varying(200)', 'contact.email', (r) => v.email(r, 'de')),
        P('telefonnummer', 'character varying(30)', 'contact.phone', (r) => v.phone(r, 'de')),
        P('strasse', 'character varying(120)', 'contact.postal_address', (r) =>
          v.streetLine(r, 'de'),
        ),
        P('plz', 'character(5)', 'contact.postcode', (r) => v.pad(r.int(1067, 99998), 5)),
        P('ort', 'character varying(80)', 'contact.postal_address', (r) => r.pick(v.CITIES.de)),
        P(
          'steuer_id',
          'character(11)',
          'identity.national_id',
          (r) => `${r.int(1, 9)}${r.digits(10)}`,
          {
            note: 'German tax id (Steuer-IdNr), 11 digits',
          },
        ),
        P('newsletter_optin', 'boolean', null, (r) => r.chance(0.4)),
        P('email_bestaetigt', 'boolean', null, (r) => r.chance(0.8), {
          note: 'email_verified, a boolean',
        }),
        P('angelegt_am', 'timestamp with time zone', null, (r) =>
          v.date(r, 2016, 2026, 'iso-time'),
        ),
        P('kundengruppe', 'character varying(20)', null, (r) =>
          r.pick(['Privat', 'Gewerbe', 'VIP', 'Händler']),
        ),
        P(
          'firmenname',
          'character varying(120)',
          null,
          (r) => `${v.family(r, 'de')} ${r.pick(['GmbH', 'KG', 'AG', '& Söhne GmbH', 'e.K.'])}`,
          {
            note: 'company names built from family names: not a person',
            nulls: 0.3,
          },
        ),
      ],
    },
    {
      name: 'bestellungen',
      path: ['shop', 'public', 'bestellungen'],
      fields: [
        P('bestell_id', 'uuid', null, (r) => v.uuid(r), {
          note: 'order UUID primary key',
          primaryKey: true,
        }),
        P('kundennummer', 'character varying(12)', 'identifier.customer', seq('KD-', 7, 100000), {
          references: ['kunden', 'kundennummer'],
        }),
        P('bestelldatum', 'date', null, (r) => v.date(r, 2022, 2026, 'iso'), {
          note: 'order date',
        }),
        P('lieferdatum', 'date', null, (r) => v.date(r, 2022, 2026, 'iso')),
        P('gesamtbetrag', 'numeric(10,2)', null, (r) => (r.int(500, 90000) / 100).toFixed(2)),
        P('waehrung', 'character(3)', null, () => 'EUR'),
        P('lieferadresse_plz', 'character(5)', 'contact.postcode', (r) =>
          v.pad(r.int(1067, 99998), 5),
        ),
        P('lieferhinweis', 'text', 'free_text.contains_personal', deNote, { nulls: 0.1 }),
        P('sendungsnummer', 'character varying(30)', null, (r) => `00340434${r.digits(12)}`, {
          note: 'DHL tracking number',
        }),
        P('rechnungsnummer', 'character varying(16)', null, (r) => r.digits(16), {
          note: '16-digit invoice number (mostly fails Luhn)',
        }),
        P('status', 'character varying(20)', null, (r) =>
          r.pick(['offen', 'versendet', 'storniert', 'geliefert']),
        ),
        P('kunden_ip', 'inet', 'online.ip_address', (r) => (r.chance(0.8) ? v.ipv4(r) : v.ipv6(r))),
      ],
    },
    {
      name: 'zahlungen',
      path: ['shop', 'public', 'zahlungen'],
      fields: [
        P('zahlung_id', 'bigint', null, (_r, i) => 5_000_000 + i, { primaryKey: true }),
        P('iban', 'character varying(34)', 'financial.bank_account', (r) =>
          v.iban(r, 'DE', r.chance(0.5)),
        ),
        P('kontoinhaber', 'character varying(120)', 'person.name', (r) => v.fullName(r, 'de')),
        P('zahlungsart', 'character varying(20)', null, (r) =>
          r.pick(['SEPA-Lastschrift', 'Kreditkarte', 'PayPal', 'Rechnung', 'Sofort']),
        ),
        P('kartennummer', 'character varying(19)', 'financial.card_number', (r) =>
          v.cardNumber(r, r.chance(0.5)),
        ),
        P(
          'karte_gueltig_bis',
          'character varying(5)',
          'financial.card_expiry',
          (r) => `${v.pad(r.int(1, 12))}/${r.int(26, 31)}`,
        ),
        P('kartentyp', 'character varying(12)', null, (r) =>
          r.pick(['VISA', 'MASTERCARD', 'AMEX', 'GIROCARD']),
        ),
        P('betrag', 'numeric(10,2)', null, (r) => (r.int(100, 50000) / 100).toFixed(2)),
        P('gebucht_am', 'timestamp', null, (r) => v.date(r, 2023, 2026, 'iso-time')),
      ],
    },
    {
      name: 'artikel',
      path: ['shop', 'public', 'artikel'],
      fields: [
        P('artikelnummer', 'character varying(12)', null, seq('ART', 6), { primaryKey: true }),
        P(
          'name',
          'character varying(120)',
          null,
          (r) =>
            r.pick([
              'Gartenstuhl Teak',
              'Sommerkleid Leinen',
              'Kaffeemaschine Classic',
              'Wanderschuh Alpin',
              'Kinderfahrrad 16"',
              'Bettwäsche Satin',
            ]),
          {
            note: '"name" of a product',
          },
        ),
        P('ean', 'character(13)', null, (r) => `40${r.digits(11)}`),
        P('hersteller', 'character varying(80)', null, (r) =>
          r.pick(['Bosch', 'Tchibo', 'WMF', 'Puma', 'Miele']),
        ),
        P('preis', 'numeric(8,2)', null, (r) => (r.int(199, 49999) / 100).toFixed(2)),
        P('lager_ort', 'character varying(60)', null, (r) =>
          r.pick(['Lager Nord', 'Halle 3', 'Regal B12', 'Außenlager Kassel']),
        ),
        P(
          'erstellt_von',
          'character varying(30)',
          null,
          (r) => r.pick(['import', 'pim-sync', 'system']),
          {
            note: 'created_by a system job',
          },
        ),
      ],
    },
  ],
}

const frComment = (r: v.Rng): string => {
  if (r.chance(0.5))
    return r.pick([
      'Client satisfait, aucun suivi',
      'Relance facture prévue',
      'Demande de catalogue 2026',
      'Produit défectueux, échange accepté',
    ])
  return r.pick([
    `Rappeler ${v.given(r, 'fr')} ${v.family(r, 'fr')} au ${v.phone(r, 'fr')}`,
    `Nouvelle adresse mail : ${v.email(r, 'fr')}`,
    `Mme ${v.family(r, 'fr')} signale un déménagement au ${v.streetLine(r, 'fr')}`,
  ])
}

export const FR_CRM: SourceSpec = {
  source: 'fr-crm',
  platform: 'mssql',
  assets: [
    {
      name: 'Clients',
      path: ['GRC', 'dbo', 'Clients'],
      fields: [
        P('NumeroClient', 'int', 'identifier.customer', (_r, i) => 700000 + i * 3, {
          primaryKey: true,
        }),
        P('Civilite', 'nvarchar(10)', 'person.name', (r) => r.pick(['M.', 'Mme', 'Mlle'])),
        P('Prenom', 'nvarchar(60)', 'person.name', (r) => v.given(r, 'fr')),
        P('NomDeFamille', 'nvarchar(80)', 'person.name', (r) => v.family(r, 'fr').toUpperCase()),
        P('DateNaissance', 'date', 'identity.date_of_birth', (r) => v.date(r, 1938, 2005, 'iso')),
        P('Courriel', 'nvarchar(200)', 'contact.email', (r) => v.email(r, 'fr')),
        P('TelPortable', 'varchar(20)', 'contact.phone', (r) => v.phone(r, 'fr')),
        P('AdresseLigne1', 'nvarchar(120)', 'contact.postal_address', (r) => v.streetLine(r, 'fr')),
        P('CodePostal', 'char(5)', 'contact.postcode', (r) => v.pad(r.int(1000, 95999), 5)),
        P('Ville', 'nvarchar(80)', 'contact.postal_address', (r) => r.pick(v.CITIES.fr)),
        P('NumeroSecuriteSociale', 'varchar(21)', 'identity.national_id', (r) => v.frenchNir(r), {
          note: 'French NIR with its key (also the health insurance number; manifest-style: national id)',
        }),
        P('CarteFidelite', 'varchar(16)', 'identifier.loyalty', (r) => `FID${r.digits(10)}`),
        P('DateCreation', 'datetime2', null, (r) => `${v.date(r, 2012, 2026, 'iso')} 10:00:00`),
        P('Langue', 'char(2)', null, (r) => r.pick(['fr', 'fr', 'en', 'de'])),
        P('Segment', 'varchar(20)', null, (r) => r.pick(['Or', 'Argent', 'Bronze'])),
        P('Commentaire', 'nvarchar(max)', 'free_text.contains_personal', frComment),
        P('RIB_IBAN', 'varchar(34)', 'financial.bank_account', (r) => v.iban(r, 'FR', true)),
      ],
    },
    {
      name: 'Produits',
      path: ['GRC', 'dbo', 'Produits'],
      fields: [
        P('CodeProduit', 'varchar(12)', null, seq('P', 8), { primaryKey: true }),
        P(
          'Nom',
          'nvarchar(120)',
          null,
          (r) =>
            r.pick([
              'Crème hydratante',
              'Parfum Éclat',
              'Sac cabas cuir',
              'Montre Élégance',
              'Foulard soie',
            ]),
          {
            note: '"Nom" of a product',
          },
        ),
        P('Marque', 'nvarchar(60)', null, (r) =>
          r.pick(['Lancôme', 'Hermès', 'Longchamp', 'Yves Rocher']),
        ),
        P('DateLancement', 'date', null, (r) => v.date(r, 1995, 2026, 'iso'), {
          note: 'launch date back to the 90s',
        }),
        P('DatePeremption', 'date', null, (r) => v.date(r, 2026, 2029, 'iso'), {
          note: 'product expiry date',
        }),
        P('PrixTTC', 'money', null, (r) => (r.int(500, 30000) / 100).toFixed(2)),
        P(
          'VilleFabrication',
          'nvarchar(60)',
          null,
          (r) => r.pick(['Grasse', 'Lyon', 'Paris', 'Milan']),
          {
            note: 'city of manufacture, not an address of a person',
          },
        ),
      ],
    },
    {
      name: 'StatsRegion',
      path: ['GRC', 'dbo', 'StatsRegion'],
      fields: [
        P('Departement', 'char(2)', null, (r) => v.pad(r.int(1, 95))),
        P('NbClients', 'int', null, (r) => r.int(100, 90000)),
        P('CA_Annuel', 'money', null, (r) => (r.int(1e5, 9e7) / 100).toFixed(2)),
        P('AgeMoyen', 'decimal(4,1)', null, (r) => (r.int(280, 560) / 10).toFixed(1), {
          note: 'average age',
        }),
      ],
    },
  ],
}
