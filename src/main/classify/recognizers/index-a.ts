import type { ValueRecognizer } from '../recognizer'
import { customerIdRecognizer } from './customer-id'
import { dateOfBirthRecognizer } from './date-of-birth'
import { deviceIdRecognizer } from './device-id'
import { emailRecognizer } from './email'
import { hashRecognizers } from './hash'
import { ipAddressRecognizer } from './ip-address'
import { loyaltyNumberRecognizer } from './loyalty-number'
import { personNameRecognizer } from './person-name'
import { phoneRecognizer } from './phone'
import { postalAddressRecognizer } from './postal-address'
import { ukPostcodeRecognizer } from './uk-postcode'

/**
 * Group A value recognizers (issue 5): contact, identity, online and pseudonymous identifiers.
 * Order matters only for ties: more specific recognizers first.
 */
export const RECOGNIZERS_A: ValueRecognizer[] = [
  emailRecognizer,
  ukPostcodeRecognizer,
  ipAddressRecognizer,
  ...hashRecognizers,
  deviceIdRecognizer,
  phoneRecognizer,
  dateOfBirthRecognizer(),
  loyaltyNumberRecognizer,
  customerIdRecognizer,
  postalAddressRecognizer,
  personNameRecognizer,
]
