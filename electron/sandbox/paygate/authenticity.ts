import { cryptoError, parameterError, type PaygateCode } from './codes.js';
import { macAccepted, type PaygateMerchant } from './envelope.js';

/**
 * Checks a decrypted request's MAC, then that `MerchantID` inside Data names the merchant given in clear.
 * `candidates` lists the MACs the route accepts, computed with the MerchantID the client put inside Data.
 * Returns the problem, or null when the request is authentic.
 */
export function checkAuthenticity(
  merchant: PaygateMerchant,
  fields: Map<string, string>,
  candidates: (innerMerchantId: string) => string[],
): PaygateCode | null {
  const given = fields.get('mac') ?? '';
  if (given === '') return parameterError('missing', 'MAC');
  const inner = fields.get('merchantid') ?? '';
  if (!macAccepted(given, candidates(inner === '' ? merchant.merchantId : inner))) {
    return cryptoError('MAC', 'MAC does not match the request');
  }
  if (inner === '') return parameterError('missing', 'MerchantID', 'MerchantID must be inside Data too');
  if (inner !== merchant.merchantId) {
    return parameterError('invalid', 'MerchantID', 'MerchantID inside Data differs from the clear one');
  }
  return null;
}
