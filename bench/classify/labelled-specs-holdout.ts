/**
 * Second labelled set, part two (added 12:45 UTC on 2026-11-26, after the classifier had been
 * tuned with the first six sources in view): an Italian insurer, a Dutch energy supplier and a
 * Brazilian app, languages and formats the first part does not use. Reported per source in
 * classify.md so the first run against these fields reads as a held-out score.
 */
import * as v from './labelled-values'
import { P, seq, type SourceSpec } from './labelled-field'

const IT_GIVEN = [
  'Giulia',
  'Alessandro',
  'Francesca',
  'Lorenzo',
  'Chiara',
  'Matteo',
  'Giorgio',
  'Elena',
  'Federico',
  'Valentina',
]
const IT_FAMILY = [
  'Rossi',
  'Russo',
  'Ferrari',
  'Esposito',
  'Bianchi',
  'Romano',
  'Colombo',
  'Ricci',
  'Marino',
  'Greco',
  'Bruno',
  'Gallo',
]
const NL_GIVEN = [
  'Daan',
  'Sanne',
  'Bram',
  'Lotte',
  'Joris',
  'Femke',
  'Thijs',
  'Anouk',
  'Sven',
  'Eline',
]
const NL_FAMILY = [
  'de Jong',
  'Jansen',
  'de Vries',
  'van den Berg',
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
]
const BR_NAMES = [
  'Ana Souza',
  'João Silva',
  'Maria Oliveira',
  'Pedro Santos',
  'Luiza Pereira',
  'Gabriel Costa',
  'Beatriz Rodrigues',
  'Rafael Almeida',
]

function cpf(r: v.Rng): string {
  const d = Array.from({ length: 9 }, () => r.int(0, 9))
  for (const len of [9, 10]) {
    let sum = 0
    for (let i = 0; i < len; i++) sum += d[i]! * (len + 1 - i)
    const c = (sum * 10) % 11
    d.push(c === 10 ? 0 : c)
  }
  const s = d.join('')
  return `${s.slice(0, 3)}.${s.slice(3, 6)}.${s.slice(6, 9)}-${s.slice(9)}`
}

function itIban(r: v.Rng): string {
  const bban = `${r.letters(1)}${r.digits(10)}${r.digits(12)}`
  const numeric = `${bban}IT00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55))
  return `IT${v.pad(98 - Number(BigInt(numeric) % 97n))}${bban}`
}

export const IT_INSURER: SourceSpec = {
  source: 'it-assicurazioni',
  platform: 'postgres',
  assets: [
    {
      name: 'assicurati',
      path: ['polizze', 'public', 'assicurati'],
      fields: [
        P('id_assicurato', 'integer', 'identifier.customer', (_r, i) => 41000 + i, {
          primaryKey: true,
        }),
        P('cognome', 'character varying(60)', 'person.name', (r) => r.pick(IT_FAMILY)),
        P('nome', 'character varying(60)', 'person.name', (r) => r.pick(IT_GIVEN)),
        P('data_di_nascita', 'character varying(10)', 'identity.date_of_birth', (r) =>
          v.date(r, 1940, 2005, 'fr'),
        ),
        P(
          'indirizzo_email',
          'character varying(120)',
          'contact.email',
          (r) =>
            `${r.pick(IT_GIVEN).toLowerCase()}.${r.pick(IT_FAMILY).toLowerCase()}@${r.pick(['libero.it', 'virgilio.it', 'gmail.com', 'tiscali.it'])}`,
        ),
        P(
          'cellulare',
          'character varying(20)',
          'contact.phone',
          (r) => `+39 3${r.int(20, 49)} ${r.digits(3)} ${r.digits(4)}`,
        ),
        P(
          'indirizzo',
          'character varying(120)',
          'contact.postal_address',
          (r) =>
            `${r.pick(['Via Roma', 'Corso Italia', 'Piazza Garibaldi', 'Viale Mazzini', 'Via Dante'])} ${r.int(1, 200)}`,
        ),
        P('cap', 'character(5)', 'contact.postcode', (r) => v.pad(r.int(10, 98168), 5)),
        P('comune', 'character varying(60)', 'contact.postal_address', (r) =>
          r.pick(['Milano', 'Torino', 'Bologna', 'Firenze', 'Napoli', 'Bari', 'Verona']),
        ),
        P('iban_addebito', 'character varying(27)', 'financial.bank_account', itIban),
        P('premio_annuo', 'numeric(8,2)', null, (r) => (r.int(18000, 240000) / 100).toFixed(2)),
        P('data_decorrenza', 'date', null, (r) => v.date(r, 2015, 2026, 'iso'), {
          note: 'policy start date',
        }),
        P('marca_veicolo', 'character varying(30)', null, (r) =>
          r.pick(['Fiat', 'Lancia', 'Alfa Romeo', 'Volkswagen', 'Renault']),
        ),
        P('classe_merito', 'smallint', null, (r) => r.int(1, 18)),
      ],
    },
    {
      name: 'agenzie',
      path: ['polizze', 'public', 'agenzie'],
      fields: [
        P('codice_agenzia', 'character varying(8)', null, seq('AG', 5), { primaryKey: true }),
        P(
          'nome',
          'character varying(80)',
          null,
          (r) => `Agenzia ${r.pick(['Centro', 'Nord', 'Duomo', 'Stazione'])} ${r.int(1, 40)}`,
          { note: 'an agency name' },
        ),
        P('cap', 'character(5)', null, (r) => v.pad(r.int(10, 98168), 5), {
          note: 'an office postcode, not a person’s',
        }),
        P(
          'telefono_ufficio',
          'character varying(20)',
          null,
          (r) => `+39 0${r.int(2, 6)} ${r.digits(7)}`,
          { note: 'office switchboard' },
        ),
        P('numero_dipendenti', 'integer', null, (r) => r.int(2, 40)),
      ],
    },
  ],
}

export const NL_ENERGY: SourceSpec = {
  source: 'nl-energie',
  platform: 'mongodb',
  assets: [
    {
      name: 'klanten',
      path: ['energie', 'klanten'],
      fields: [
        P('_id', 'objectId', 'identifier.customer', (r) => r.hex(24), { primaryKey: true }),
        P('klant.voornaam', 'string', 'person.name', (r) => r.pick(NL_GIVEN)),
        P('klant.achternaam', 'string', 'person.name', (r) => r.pick(NL_FAMILY)),
        P('klant.bsn', 'string', 'identity.national_id', (r) => v.dutchBsn(r)),
        P(
          'klant.geboortedatum',
          'date',
          'identity.date_of_birth',
          (r) => `${v.date(r, 1935, 2004, 'iso')}T00:00:00.000Z`,
        ),
        P(
          'adres.straat',
          'string',
          'contact.postal_address',
          (r) =>
            `${r.pick(['Kerkstraat', 'Dorpsstraat', 'Molenweg', 'Stationsplein', 'Prinsengracht'])} ${r.int(1, 300)}`,
        ),
        P(
          'adres.postcode',
          'string',
          'contact.postcode',
          (r) => `${r.int(1011, 9999)} ${r.letters(2, 'ABCDEGHJKLMNPRSTVWXZ')}`,
        ),
        P('adres.woonplaats', 'string', 'contact.postal_address', (r) =>
          r.pick(['Amsterdam', 'Utrecht', 'Eindhoven', 'Groningen', 'Zwolle', 'Haarlem']),
        ),
        P('contact.telefoonnummer', 'string', 'contact.phone', (r) => `06-${r.digits(8)}`),
        P(
          'contact.emailadres',
          'string',
          'contact.email',
          (r) =>
            `${r.pick(NL_GIVEN).toLowerCase()}${r.int(1, 99)}@${r.pick(['ziggo.nl', 'kpnmail.nl', 'hotmail.nl'])}`,
        ),
        P('betaling.rekeningnummer', 'string', 'financial.bank_account', (r) => v.iban(r, 'NL')),
        P('contract.tariefCode', 'string', null, (r) =>
          r.pick(['VAST-1J', 'VAST-3J', 'VARIABEL', 'DYNAMISCH']),
        ),
        P(
          'contract.startdatum',
          'date',
          null,
          (r) => `${v.date(r, 2018, 2026, 'iso')}T00:00:00.000Z`,
        ),
        P('verbruik.kwhPerJaar', 'int', null, (r) => r.int(900, 6500)),
        P('verbruik.ean', 'string', null, (r) => `871${r.digits(15)}`, {
          note: 'EAN of the connection point (18 digits), a grid asset code',
        }),
      ],
    },
  ],
}

export const BR_APP: SourceSpec = {
  source: 'br-app',
  platform: 'kafka',
  assets: [
    {
      name: 'app.pedidos',
      path: ['app.pedidos'],
      fields: [
        P('pedidoId', 'string', null, (r) => v.uuid(r)),
        P('usuario.cpf', 'string', 'identity.national_id', cpf),
        P('usuario.nomeCompleto', 'string', 'person.name', (r) => r.pick(BR_NAMES)),
        P(
          'usuario.celular',
          'string',
          'contact.phone',
          (r) => `+55 11 9${r.digits(4)}-${r.digits(4)}`,
        ),
        P(
          'entrega.cep',
          'string',
          'contact.postcode',
          (r) => `${r.int(10000, 99999)}-${r.digits(3)}`,
        ),
        P(
          'entrega.logradouro',
          'string',
          'contact.postal_address',
          (r) =>
            `${r.pick(['Rua Augusta', 'Av. Paulista', 'Rua Oscar Freire', 'Rua da Consolação'])}, ${r.int(1, 3000)}`,
        ),
        P('sessao.idDispositivo', 'string', 'online.device_id', (r) => v.uuid(r).toUpperCase()),
        P('sessao.enderecoIp', 'string', 'online.ip_address', (r) => v.ipv4(r)),
        P('itens[].sku', 'string', null, (r) => `SKU-${r.digits(6)}`),
        P('itens[].preco', 'double', null, (r) => (r.int(990, 99990) / 100).toFixed(2)),
        P('itens[].nomeProduto', 'string', null, (r) =>
          r.pick(['Camiseta básica', 'Tênis corrida', 'Fone bluetooth', 'Cafeteira']),
        ),
        P('valorTotal', 'double', null, (r) => (r.int(990, 199990) / 100).toFixed(2)),
        P('criadoEm', 'string', null, (r) => v.date(r, 2025, 2026, 'iso-time')),
        P('status', 'string', null, (r) => r.pick(['PAGO', 'ENVIADO', 'CANCELADO'])),
        P('cupom', 'string', null, (r) => r.pick(['', 'BEMVINDO10', 'FRETEGRATIS', 'BLACK50'])),
      ],
    },
  ],
}
