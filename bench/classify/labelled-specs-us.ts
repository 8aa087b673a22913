/**
 * Second labelled set: a Spanish telco (MongoDB, Spanish camelCase, nested documents) and a US
 * clinic (SQL Server, SCREAMING_SNAKE). See labelled-specs.ts for the conventions.
 */
import * as v from './labelled-values'
import { P, seq, type SourceSpec } from './labelled-field'

const esIncident = (r: v.Rng): string => {
  if (r.chance(0.55))
    return r.pick([
      'Sin cobertura en la zona, se abre avería',
      'Router reiniciado, servicio OK',
      'Cliente solicita cambio de tarifa',
      'Portabilidad en curso',
    ])
  return r.pick([
    `Llamar a ${v.fullName(r, 'es')} al ${v.phone(r, 'es')}`,
    `El titular ${v.given(r, 'es')} ${v.family(r, 'es')} pide factura a ${v.email(r, 'es')}`,
    `DNI ${v.spanishDni(r)} verificado en tienda`,
  ])
}

export const ES_TELCO: SourceSpec = {
  source: 'es-telco',
  platform: 'mongodb',
  assets: [
    {
      name: 'abonados',
      path: ['telco', 'abonados'],
      fields: [
        P('_id', 'objectId', 'identifier.customer', (r) => r.hex(24), {
          note: 'the subscriber document id',
          primaryKey: true,
        }),
        P('titular.nombre', 'string', 'person.name', (r) => v.given(r, 'es')),
        P(
          'titular.apellidos',
          'string',
          'person.name',
          (r) => `${v.family(r, 'es')} ${v.family(r, 'es')}`,
        ),
        P('titular.dni', 'string', 'identity.national_id', (r) => v.spanishDni(r)),
        P(
          'titular.fechaNacimiento',
          'date',
          'identity.date_of_birth',
          (r) => `${v.date(r, 1945, 2007, 'iso')}T00:00:00.000Z`,
        ),
        P('contacto.correoElectronico', 'string', 'contact.email', (r) => v.email(r, 'es')),
        P('contacto.telefonoFijo', 'string', 'contact.phone', (r) => v.phone(r, 'es')),
        P('domicilio.direccion', 'string', 'contact.postal_address', (r) => v.streetLine(r, 'es')),
        P('domicilio.codigoPostal', 'string', 'contact.postcode', (r) =>
          v.pad(r.int(1001, 52080), 5),
        ),
        P('domicilio.municipio', 'string', 'contact.postal_address', (r) => r.pick(v.CITIES.es)),
        P('cuentaBancaria', 'string', 'financial.bank_account', (r) => v.iban(r, 'ES')),
        P(
          'puntosFidelizacion.numeroSocio',
          'string',
          'identifier.loyalty',
          (r) => `SOC-${r.digits(9)}`,
        ),
        P('alta', 'date', null, (r) => `${v.date(r, 2010, 2026, 'iso')}T00:00:00.000Z`),
        P('tarifa', 'string', null, (r) =>
          r.pick(['Fibra 600', 'Fusión Total', 'Solo Móvil 20GB', 'Prepago']),
        ),
        P(
          'lineas[].msisdn',
          'string',
          'contact.phone',
          (r) => `34${r.pick(['6', '71', '74'])}${r.digits(8)}`.slice(0, 11),
          {
            note: 'MSISDN without a plus',
          },
        ),
        P('lineas[].iccid', 'string', 'online.device_id', (r) => `893401${r.digits(13)}`, {
          note: 'SIM serial (ICCID): identifies the subscriber’s device',
        }),
        P('lineas[].imei', 'string', 'online.device_id', (r) =>
          v.luhnComplete(`35${r.digits(12)}`),
        ),
        P(
          'lineas[].modeloTelefono',
          'string',
          null,
          (r) => r.pick(['iPhone 15', 'Galaxy A55', 'Redmi Note 13', 'Pixel 8a']),
          {
            note: 'phone model',
          },
        ),
        P('lineas[].datosConsumidosMb', 'int', null, (r) => r.int(0, 60000)),
      ],
    },
    {
      name: 'incidencias',
      path: ['telco', 'incidencias'],
      fields: [
        P('_id', 'objectId', null, (r) => r.hex(24), { note: 'ticket id', primaryKey: true }),
        P('idAbonado', 'objectId', 'identifier.customer', (r) => r.hex(24)),
        P('descripcion', 'string', 'free_text.contains_personal', esIncident),
        P('prioridad', 'string', null, (r) => r.pick(['alta', 'media', 'baja'])),
        P('creadaEn', 'date', null, (r) => v.date(r, 2024, 2026, 'iso-time')),
        P(
          'codigoPostalAveria',
          'string',
          null,
          (r) => r.pick(['280', '080', '460', '410', '290']),
          {
            note: 'postcode district of an outage (3-digit prefix): area statistics, not a person',
          },
        ),
        P('tecnico', 'string', null, (r) => r.pick(['EQ-01', 'EQ-07', 'EQ-12', 'EXT-3']), {
          note: 'technician crew code',
        }),
      ],
    },
    {
      name: 'antenas',
      path: ['telco', 'antenas'],
      fields: [
        P('_id', 'string', null, seq('BTS-', 5), { primaryKey: true }),
        P(
          'ipGestion',
          'string',
          null,
          (r) => `10.${r.int(0, 40)}.${r.int(0, 255)}.${r.int(1, 254)}`,
          {
            note: 'management IP of a base station: infrastructure, not a person',
          },
        ),
        P('latitud', 'double', null, (r) => (36 + r.next() * 7).toFixed(6)),
        P('longitud', 'double', null, (r) => (-8 + r.next() * 11).toFixed(6)),
        P('municipio', 'string', null, (r) => r.pick(v.CITIES.es), { note: 'town of an antenna' }),
        P('fabricante', 'string', null, (r) => r.pick(['Ericsson', 'Nokia', 'Huawei'])),
      ],
    },
  ],
}

export const US_CLINIC: SourceSpec = {
  source: 'us-clinic',
  platform: 'mssql',
  assets: [
    {
      name: 'PATIENT',
      path: ['EHR', 'dbo', 'PATIENT'],
      fields: [
        P('PATIENT_ID', 'int', 'identifier.customer', (_r, i) => 200000 + i * 11, {
          note: 'the identifier of a person (patient as customer)',
          primaryKey: true,
        }),
        P('MRN', 'varchar(10)', 'identity.health_id', (r) => `MRN${r.digits(7)}`, {
          note: 'medical record number',
        }),
        P('FIRST_NM', 'varchar(50)', 'person.name', (r) => v.given(r, 'us')),
        P('MIDDLE_INIT', 'char(1)', 'person.name', (r) => r.letters(1), { nulls: 0.3 }),
        P('LAST_NM', 'varchar(50)', 'person.name', (r) => v.family(r, 'us')),
        P('BIRTH_DT', 'date', 'identity.date_of_birth', (r) => v.date(r, 1930, 2024, 'iso')),
        P('SSN', 'char(11)', 'identity.national_id', (r) => v.usSsn(r)),
        P('HOME_PHONE_NBR', 'varchar(20)', 'contact.phone', (r) => v.phone(r, 'us')),
        P('EMAIL_ADDR_TXT', 'varchar(120)', 'contact.email', (r) => v.email(r, 'us'), {
          nulls: 0.2,
        }),
        P('STREET_ADDR', 'varchar(120)', 'contact.postal_address', (r) => v.streetLine(r, 'us')),
        P('CITY_NM', 'varchar(60)', 'contact.postal_address', (r) => r.pick(v.CITIES.us)),
        P('STATE_CD', 'char(2)', 'contact.postal_address', (r) =>
          r.pick(['TX', 'OR', 'CO', 'ID', 'AZ', 'NY', 'NC', 'NE', 'WI']),
        ),
        P('ZIP_CD', 'varchar(10)', 'contact.postcode', (r) =>
          r.chance(0.6)
            ? v.pad(r.int(501, 99950), 5)
            : `${v.pad(r.int(501, 99950), 5)}-${r.digits(4)}`,
        ),
        P(
          'DRIVERS_LIC_NBR',
          'varchar(15)',
          'identity.driving_licence',
          (r) => `${r.letters(1)}${r.digits(7)}`,
        ),
        P('PASSPORT_NBR', 'varchar(9)', 'identity.passport', (r) => r.digits(9), { nulls: 0.6 }),
        P('RACE_CD', 'varchar(30)', 'special.ethnicity', (r) =>
          r.pick([
            'White',
            'Black or African American',
            'Asian',
            'American Indian or Alaska Native',
            'Native Hawaiian',
            'Hispanic or Latino',
            'Declined',
          ]),
        ),
        P('SEX_ORIENT_DESC', 'varchar(30)', 'special.sexual_orientation', (r) =>
          r.pick([
            'Straight or heterosexual',
            'Lesbian or gay',
            'Bisexual',
            'Something else',
            'Choose not to disclose',
          ]),
        ),
        P('PCP_PROVIDER_ID', 'int', null, (r) => r.int(100, 480), {
          note: 'id of the clinic’s physician record',
        }),
        P('ROW_CREATE_TS', 'datetime2', null, (r) => `${v.date(r, 2019, 2026, 'iso')} 08:30:00`),
        P('ACTIVE_IND', 'char(1)', null, (r) => r.pick(['Y', 'Y', 'N'])),
      ],
    },
    {
      name: 'ENCOUNTER',
      path: ['EHR', 'dbo', 'ENCOUNTER'],
      fields: [
        P('ENCOUNTER_ID', 'bigint', null, (_r, i) => 9_000_000 + i, { primaryKey: true }),
        P('PATIENT_ID', 'int', 'identifier.customer', (_r, i) => 200000 + i * 11, {
          references: ['PATIENT', 'PATIENT_ID'],
        }),
        P('ADMIT_DT', 'date', null, (r) => v.date(r, 2020, 2026, 'iso'), {
          note: 'admission date',
        }),
        P('DIAGNOSIS_CD', 'varchar(10)', 'special.health', (r) =>
          r.pick(['E11.9', 'I10', 'J45.909', 'F32.A', 'M54.5', 'Z00.00', 'K21.9']),
        ),
        P('ALLERGY_DESC', 'varchar(100)', 'special.health', (r) =>
          r.pick(['Penicillin', 'Peanuts', 'Latex', 'None known', 'Sulfa drugs', 'Shellfish']),
        ),
        P('VISIT_TYPE_CD', 'varchar(10)', null, (r) => r.pick(['OP', 'IP', 'ED', 'TELE'])),
        P('ROOM_NBR', 'varchar(6)', null, (r) => `${r.int(1, 6)}${r.digits(2)}`),
        P('CLAIM_AMT', 'decimal(10,2)', null, (r) => (r.int(5000, 900000) / 100).toFixed(2)),
        P('INSURER_NM', 'varchar(60)', null, (r) =>
          r.pick(['Aetna', 'Cigna', 'Kaiser Permanente', 'Blue Cross Blue Shield', 'Humana']),
        ),
        P('NOTE_TXT', 'varchar(max)', 'free_text.contains_personal', (r) =>
          r.chance(0.5)
            ? r.pick([
                'Follow-up in 6 weeks.',
                'Labs ordered; no acute distress.',
                'Refill authorised.',
                'Patient tolerated procedure well.',
              ])
            : r.pick([
                `Spoke with daughter ${v.fullName(r, 'us')} at ${v.phone(r, 'us')}.`,
                `Pt. ${v.fullName(r, 'us')}, DOB ${v.date(r, 1940, 2000, 'us')}, reports chest pain.`,
                `Send records to ${v.email(r, 'us')}.`,
              ]),
        ),
      ],
    },
    {
      name: 'BILLING',
      path: ['EHR', 'dbo', 'BILLING'],
      fields: [
        P('INVOICE_NBR', 'varchar(12)', null, seq('INV', 9), { primaryKey: true }),
        P('PATIENT_ID', 'int', 'identifier.customer', (_r, i) => 200000 + i * 11, {
          references: ['PATIENT', 'PATIENT_ID'],
        }),
        P(
          'CC_TOKEN',
          'varchar(40)',
          'financial.card_token',
          (r) =>
            `tok_${r.letters(24, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
        ),
        P('CC_LAST_FOUR', 'char(4)', 'financial.card_last4', (r) => r.digits(4)),
        P(
          'CC_EXP_MMYY',
          'char(4)',
          'financial.card_expiry',
          (r) => `${v.pad(r.int(1, 12))}${r.int(26, 31)}`,
        ),
        P('CC_BRAND', 'varchar(10)', null, (r) => r.pick(['VISA', 'MC', 'AMEX', 'DISC'])),
        P(
          'ROUTING_NBR',
          'char(9)',
          'financial.bank_account',
          (r) => r.pick(['021000021', '026009593', '121000358', '011401533']),
          {
            note: 'ABA routing number next to an account: part of a bank account',
          },
        ),
        P('ACCT_NBR', 'varchar(17)', 'financial.bank_account', (r) => r.digits(r.int(8, 12))),
        P('AMT_DUE', 'decimal(10,2)', null, (r) => (r.int(0, 500000) / 100).toFixed(2)),
        P('DUE_DT', 'date', null, (r) => v.date(r, 2025, 2027, 'iso')),
        P('PAYMENT_STATUS_CD', 'varchar(3)', null, (r) => r.pick(['PD', 'DUE', 'OVR', 'WO'])),
        P(
          'GL_ACCOUNT_CD',
          'char(5)',
          null,
          (r) => r.pick(['40100', '40110', '41200', '52010', '60300']),
          {
            note: 'general-ledger code: 5 digits like a ZIP',
          },
        ),
      ],
    },
  ],
}
