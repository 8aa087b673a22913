/**
 * Real UK postcode districts with their post towns, counties and dialling codes, so postcodes
 * have valid outward codes of real areas and landlines match the town.
 */
export interface Place {
  town: string
  county: string
  /** Real outward codes (postcode districts) of the town. */
  outward: readonly string[]
  /** National dialling code without the trunk 0, and the subscriber number's leading digits. */
  areaCode: string
  subscriberPrefixes: readonly string[]
  subscriberLength: number
  /** Relative population weight. */
  weight: number
}

export const PLACES: readonly Place[] = [
  { town: 'London', county: 'Greater London', outward: ['E1', 'E14', 'N1', 'N7', 'SE1', 'SE15', 'SW4', 'SW11', 'W2', 'NW3', 'EC1A', 'WC2H'], areaCode: '20', subscriberPrefixes: ['7', '8'], subscriberLength: 8, weight: 14 },
  { town: 'Manchester', county: 'Greater Manchester', outward: ['M1', 'M4', 'M14', 'M20', 'M21', 'M33'], areaCode: '161', subscriberPrefixes: ['2', '3', '4', '7', '8', '9'], subscriberLength: 7, weight: 5 },
  { town: 'Birmingham', county: 'West Midlands', outward: ['B1', 'B15', 'B29', 'B30', 'B13'], areaCode: '121', subscriberPrefixes: ['2', '4', '7'], subscriberLength: 7, weight: 5 },
  { town: 'Leeds', county: 'West Yorkshire', outward: ['LS1', 'LS6', 'LS8', 'LS17'], areaCode: '113', subscriberPrefixes: ['2', '3', '4'], subscriberLength: 7, weight: 4 },
  { town: 'Sheffield', county: 'South Yorkshire', outward: ['S1', 'S10', 'S11', 'S7'], areaCode: '114', subscriberPrefixes: ['2', '3'], subscriberLength: 7, weight: 3 },
  { town: 'Bristol', county: 'City of Bristol', outward: ['BS1', 'BS6', 'BS8', 'BS16'], areaCode: '117', subscriberPrefixes: ['9'], subscriberLength: 7, weight: 3 },
  { town: 'Liverpool', county: 'Merseyside', outward: ['L1', 'L8', 'L17', 'L18'], areaCode: '151', subscriberPrefixes: ['2', '4', '7'], subscriberLength: 7, weight: 3 },
  { town: 'Newcastle upon Tyne', county: 'Tyne and Wear', outward: ['NE1', 'NE2', 'NE6'], areaCode: '191', subscriberPrefixes: ['2', '4'], subscriberLength: 7, weight: 2 },
  { town: 'Nottingham', county: 'Nottinghamshire', outward: ['NG1', 'NG5', 'NG7'], areaCode: '115', subscriberPrefixes: ['9'], subscriberLength: 7, weight: 2 },
  { town: 'Leicester', county: 'Leicestershire', outward: ['LE1', 'LE2', 'LE3'], areaCode: '116', subscriberPrefixes: ['2'], subscriberLength: 7, weight: 2 },
  { town: 'Cardiff', county: 'South Glamorgan', outward: ['CF10', 'CF11', 'CF14', 'CF23'], areaCode: '29', subscriberPrefixes: ['20'], subscriberLength: 8, weight: 2 },
  { town: 'Edinburgh', county: 'City of Edinburgh', outward: ['EH1', 'EH3', 'EH6', 'EH10'], areaCode: '131', subscriberPrefixes: ['2', '3', '4', '5', '6'], subscriberLength: 7, weight: 2 },
  { town: 'Glasgow', county: 'Lanarkshire', outward: ['G1', 'G3', 'G12', 'G41'], areaCode: '141', subscriberPrefixes: ['2', '3', '4', '5'], subscriberLength: 7, weight: 3 },
  { town: 'Belfast', county: 'County Antrim', outward: ['BT1', 'BT7', 'BT9'], areaCode: '28', subscriberPrefixes: ['90'], subscriberLength: 8, weight: 2 },
  { town: 'Londonderry', county: 'County Londonderry', outward: ['BT47', 'BT48'], areaCode: '28', subscriberPrefixes: ['71'], subscriberLength: 8, weight: 1 },
  { town: 'Southampton', county: 'Hampshire', outward: ['SO14', 'SO15', 'SO17'], areaCode: '23', subscriberPrefixes: ['80'], subscriberLength: 8, weight: 2 },
  { town: 'Brighton', county: 'East Sussex', outward: ['BN1', 'BN2', 'BN3'], areaCode: '1273', subscriberPrefixes: ['2', '3', '4', '5', '6', '7'], subscriberLength: 6, weight: 2 },
  { town: 'Norwich', county: 'Norfolk', outward: ['NR1', 'NR2', 'NR3'], areaCode: '1603', subscriberPrefixes: ['2', '4', '6', '7'], subscriberLength: 6, weight: 1 },
  { town: 'Cambridge', county: 'Cambridgeshire', outward: ['CB1', 'CB2', 'CB4'], areaCode: '1223', subscriberPrefixes: ['2', '3', '4', '5'], subscriberLength: 6, weight: 1 },
  { town: 'Oxford', county: 'Oxfordshire', outward: ['OX1', 'OX2', 'OX4'], areaCode: '1865', subscriberPrefixes: ['2', '3', '7'], subscriberLength: 6, weight: 1 },
  { town: 'York', county: 'North Yorkshire', outward: ['YO1', 'YO10', 'YO31'], areaCode: '1904', subscriberPrefixes: ['4', '6'], subscriberLength: 6, weight: 1 },
  { town: 'Exeter', county: 'Devon', outward: ['EX1', 'EX2', 'EX4'], areaCode: '1392', subscriberPrefixes: ['2', '4'], subscriberLength: 6, weight: 1 },
  { town: 'Milton Keynes', county: 'Buckinghamshire', outward: ['MK9', 'MK10', 'MK14'], areaCode: '1908', subscriberPrefixes: ['2', '3', '6'], subscriberLength: 6, weight: 1 },
  { town: 'Reading', county: 'Berkshire', outward: ['RG1', 'RG2', 'RG30'], areaCode: '118', subscriberPrefixes: ['9'], subscriberLength: 7, weight: 1 },
  { town: 'Swansea', county: 'West Glamorgan', outward: ['SA1', 'SA2'], areaCode: '1792', subscriberPrefixes: ['2', '4', '6'], subscriberLength: 6, weight: 1 },
  { town: 'Aberdeen', county: 'Aberdeenshire', outward: ['AB10', 'AB11', 'AB24'], areaCode: '1224', subscriberPrefixes: ['2', '3', '5', '6'], subscriberLength: 6, weight: 1 },
  { town: 'Plymouth', county: 'Devon', outward: ['PL1', 'PL4'], areaCode: '1752', subscriberPrefixes: ['2', '6'], subscriberLength: 6, weight: 1 },
  { town: 'Hull', county: 'East Riding of Yorkshire', outward: ['HU1', 'HU5'], areaCode: '1482', subscriberPrefixes: ['2', '3', '5'], subscriberLength: 6, weight: 1 },
  { town: 'Stoke-on-Trent', county: 'Staffordshire', outward: ['ST1', 'ST4'], areaCode: '1782', subscriberPrefixes: ['2', '4', '7'], subscriberLength: 6, weight: 1 },
]

export const PLACE_WEIGHTS: readonly (readonly [Place, number])[] = PLACES.map((p) => [p, p.weight])

/** Letters Royal Mail allows in the inward code's unit (never C, I, K, M, O, V). */
export const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'

/** Royal Mail's postcode format: outward (A9, A99, AA9, AA99, A9A, AA9A) + space + inward (9AA). */
export const UK_POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][ABD-HJLNP-UW-Z]{2}$/

export const STREET_NAMES: readonly string[] = [
  'High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Green Lane', 'Manor Road',
  'Park Avenue', 'Queens Road', 'Kings Road', 'Mill Lane', 'The Crescent', 'Grange Road',
  'Albert Street', 'New Road', 'School Lane', 'Chapel Street', 'Springfield Road', 'Windsor Close',
  'Oak Drive', 'Beech Grove', 'Willow Way', 'Meadow View', 'St John\'s Road', 'Heol y Llan',
  'Castle Street', 'Bridge Street', 'London Road', 'York Road', 'Clarence Terrace', 'Orchard Gardens',
]
