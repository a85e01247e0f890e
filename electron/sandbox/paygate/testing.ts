import {
  encodeFields,
  encryptData,
  inquiryMac,
  openAnswer,
  requestMac,
} from '../../core/providers/computop/paygateCrypto.js';

/**
 * Helpers for tests that talk to the emulated Paygate over HTTP, with the real encryption and MACs. Nothing here
 * is used by the server itself.
 */

export interface TestMerchant {
  merchantId: string;
  hmacPassword: string;
  blowfishPassword: string;
}

export interface SampleCredit {
  payId: string;
  transId: string;
  amount: number | string;
  currency?: string;
  refNr?: string;
  reqId?: string;
}

/** The form body `MerchantID`, `Len`, `Data` for already encoded plaintext. */
export function formBody(merchantId: string, plaintext: string, blowfishPassword: string): string {
  const { len, data } = encryptData(plaintext, blowfishPassword);
  return new URLSearchParams([
    ['MerchantID', merchantId],
    ['Len', String(len)],
    ['Data', data],
  ]).toString();
}

/** The Data fields of a credit request, MACed with `macPassword` (default: the merchant's). */
export function creditFields(
  merchant: TestMerchant,
  credit: SampleCredit,
  macPassword = merchant.hmacPassword,
): Array<[string, string]> {
  const currency = credit.currency ?? 'CNY';
  const fields: Array<[string, string]> = [
    ['MerchantID', merchant.merchantId],
    ['PayID', credit.payId],
    ['TransID', credit.transId],
    ['Amount', String(credit.amount)],
    ['Currency', currency],
  ];
  if (credit.refNr !== undefined) fields.push(['RefNr', credit.refNr]);
  if (credit.reqId !== undefined) fields.push(['ReqId', credit.reqId]);
  const mac = requestMac(macPassword, {
    payId: credit.payId,
    transId: credit.transId,
    merchantId: merchant.merchantId,
    amount: String(credit.amount),
    currency,
  });
  fields.push(['MAC', mac]);
  return fields;
}

export function creditBody(merchant: TestMerchant, credit: SampleCredit, macPassword?: string): string {
  return formBody(
    merchant.merchantId,
    encodeFields(creditFields(merchant, credit, macPassword)),
    merchant.blowfishPassword,
  );
}

/** An inquiry by PayID with the documented MAC `PayID*TransID*MerchantID**`. */
export function inquiryBody(merchant: TestMerchant, payId: string, transId = ''): string {
  const mac = inquiryMac(merchant.hmacPassword, { payId, transId, merchantId: merchant.merchantId });
  const fields: Array<[string, string]> = [
    ['MerchantID', merchant.merchantId],
    ['PayID', payId],
    ['TransID', transId],
    ['MAC', mac],
  ];
  return formBody(merchant.merchantId, encodeFields(fields), merchant.blowfishPassword);
}

export interface FormAnswer {
  status: number;
  text: string;
}

/** POSTs a form body and reads the whole answer. */
export async function postForm(url: string, body: string): Promise<FormAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** Decrypts an answer into its fields (keys lower-cased). */
export function readAnswer(text: string, merchant: TestMerchant): Map<string, string> {
  return openAnswer(text, merchant.blowfishPassword);
}
