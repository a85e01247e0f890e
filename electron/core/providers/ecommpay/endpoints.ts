/**
 * Where ecommpay's Gate is. Production routes all three CUP methods through the documented chinaunionpay
 * paths. The emulated test project serves that shared path too (for any method), but the console talks to it
 * through one path per method, so every sandbox payout and bank list is checked against its own method's
 * limits and banks: a second opinion on the console's own checks that the shared path cannot give. The body
 * is the same on either path.
 */
import { METHOD_IDS, type MethodId } from '../../types.js';
import { TEST_PROJECT_ID, TEST_PROJECT_SECRET_KEY } from './testProject.js';
import type { GateEndpoint } from './types.js';

export const PRODUCTION_BASE_URL = 'https://api.ecommpay.com';
export const DEFAULT_PAYOUT_PATH = '/v2/payment/chinaunionpay/payout';
export const DEFAULT_STATUS_PATH = '/v2/payment/status';
export const DEFAULT_BANK_LIST_PATH = '/v2/info/banks/chinaunionpay/payout/list';

function perMethod(path: (method: MethodId) => string): Record<MethodId, string> {
  return Object.fromEntries(METHOD_IDS.map((method) => [method, path(method)])) as Record<MethodId, string>;
}

/** The production Gate with the documented paths; `baseUrl` overrides the host (a proxy, a staging Gate). */
export function productionEndpoint(projectId: number, secretKey: string, baseUrl?: string): GateEndpoint {
  return {
    baseUrl: baseUrl ?? PRODUCTION_BASE_URL,
    projectId,
    secretKey,
    payoutPaths: perMethod(() => DEFAULT_PAYOUT_PATH),
    statusPath: DEFAULT_STATUS_PATH,
    bankListPaths: perMethod(() => DEFAULT_BANK_LIST_PATH),
  };
}

/** The emulated test project at `baseUrl` (the embedded sandbox, or a `cup-payouts sandbox` elsewhere). */
export function sandboxEndpoint(baseUrl: string): GateEndpoint {
  return {
    baseUrl,
    projectId: TEST_PROJECT_ID,
    secretKey: TEST_PROJECT_SECRET_KEY,
    payoutPaths: perMethod((method) => `/v2/payment/banks/${method}/payout`),
    statusPath: DEFAULT_STATUS_PATH,
    bankListPaths: perMethod((method) => `/v2/info/banks/${method}/payout/list`),
  };
}
