import { bankListMethodFor, payoutMethodsFor, type MethodCatalog, type SandboxMethod } from './methods.js';

export type Route =
  /** `methods`: what the path pays for (one method, or several on the shared `chinaunionpay` path). */
  | { kind: 'payout'; methods: readonly SandboxMethod[] }
  | { kind: 'status' }
  | { kind: 'bank_list'; method: SandboxMethod }
  | { kind: 'data_api' }
  | { kind: 'control' }
  | { kind: 'unknown' };

// `chinaunionpay` (the seeds' path, every method) or `banks/{method}` (the public spec's generic form).
const PAYOUT_PATH = /^\/v2\/payment\/(?:(chinaunionpay)|banks\/([a-z0-9-]+))\/payout$/;
const BANK_LIST_PATH = /^\/v2\/info\/banks\/([a-z0-9-]+)\/payout\/list$/;

/** Maps a request line to a route. Provider routes are POST only; anything else is `unknown` (404). */
export function resolveRoute(catalog: MethodCatalog, httpMethod: string, path: string): Route {
  if (path.startsWith('/__sandbox/')) return { kind: 'control' };
  if (httpMethod !== 'POST') return { kind: 'unknown' };
  if (path === '/v2/payment/status') return { kind: 'status' };
  if (path === '/v1/operations/get') return { kind: 'data_api' };

  const payout = PAYOUT_PATH.exec(path);
  if (payout) {
    const methods = payoutMethodsFor(catalog, payout[1] ?? payout[2] ?? '');
    return methods.length > 0 ? { kind: 'payout', methods } : { kind: 'unknown' };
  }
  const bankList = BANK_LIST_PATH.exec(path);
  if (bankList) {
    const method = bankListMethodFor(catalog, bankList[1] ?? '');
    return method ? { kind: 'bank_list', method } : { kind: 'unknown' };
  }
  return { kind: 'unknown' };
}
