import type { ValueRecognizer } from '../recognizer'
import { assetHas, MATCH, nameHas, nearMiss, NO_MATCH } from './shared-b'

/**
 * UK bank account numbers: 8 digits (7–10 seen in older banks, padded to 8) in a field named
 * as a bank account (`account_number`, `acct_no`, `bank_account`). Eight digits alone could be
 * anything, and "account" alone is often a customer account id: the name must say number or bank.
 */

const ACCOUNT_CUES = ['account', 'acct', 'acc', 'accnt', 'acount']
const NUMBER_CUES = ['number', 'no', 'num', 'nbr', 'nr']
const BANK_CUES = ['bank', 'banking', 'payee', 'bacs', 'directdebit', 'dd', 'refund', 'payment']
const BANK_ASSET = [...BANK_CUES, 'payments']
const BANK_ACCOUNT = ['bankaccount']
const JOINED_CUES = ['accountnumber', 'accountno', 'acctno', 'acctnum', 'bankaccount', 'accno']
const NOT_BANK = ['customer', 'user', 'loyalty', 'member', 'client', 'login', 'crm']

export const ukAccountNumberRecognizer: ValueRecognizer = {
  id: 'uk-account-number',
  category: 'financial.bank_account',
  test(value, ctx) {
    if (value.length !== 8 || !/^\d{8}$/.test(value)) return NO_MATCH
    const named =
      nameHas(ctx, JOINED_CUES) || (nameHas(ctx, ACCOUNT_CUES) && nameHas(ctx, NUMBER_CUES))
    const bank = nameHas(ctx, BANK_CUES) || assetHas(ctx, BANK_ASSET)
    if (named && !nameHas(ctx, NOT_BANK)) return MATCH
    if (nameHas(ctx, BANK_ACCOUNT) || (bank && nameHas(ctx, ACCOUNT_CUES))) return MATCH
    return nearMiss('8 digits: could be anything')
  },
  judgeField(_matching, all) {
    // A bank account field holds different numbers; a code list of a few values is not one.
    const distinct = new Set(all).size
    return all.length >= 10 && distinct <= 2
      ? 'the same 8 digits repeated: a code, not accounts'
      : undefined
  },
}
