/** Computop Paygate's addresses and what the console needs to reach it as one merchant. */
export const PRODUCTION_PAYGATE_URL = 'https://www.computop-paygate.com';

export interface PaygateEndpoint {
  /** Without a trailing slash; `credit.aspx` and `inquire.aspx` are below it. */
  baseUrl: string;
  merchantId: string;
  hmacPassword: string;
  blowfishPassword: string;
}

/** The base URL without trailing slashes (the embedded sandbox serves both pages at its root). */
function base(endpoint: Pick<PaygateEndpoint, 'baseUrl'>): string {
  return endpoint.baseUrl.replace(/\/+$/, '');
}

/** Credit with reference (a refund of an earlier payment), server to server. */
export function creditUrl(endpoint: Pick<PaygateEndpoint, 'baseUrl'>): string {
  return `${base(endpoint)}/credit.aspx`;
}

/** Status inquiry by PayID: the payment's captured and credited amounts. */
export function inquiryUrl(endpoint: Pick<PaygateEndpoint, 'baseUrl'>): string {
  return `${base(endpoint)}/inquire.aspx`;
}
