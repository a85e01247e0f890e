/**
 * Where ecommpay's Gate is. Production routes all three CUP methods through the documented chinaunionpay
 * paths, and so does any Gate named by URL (`--gate`: it may be another emulation of the test project, only
 * known to serve the documented paths). The embedded sandbox is ours: it serves the shared path too, but the
 * console asks it through one path per method, so every payout and bank list is checked against its own
 * method's limits and banks, a second opinion on the console's own checks. The body is the same on any path.
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

/**
 * The emulated test project at `baseUrl`. `paths`: 'per-method' (the embedded sandbox, which is ours and
 * serves one path per method as well) or 'documented' (a Gate named by `--gate`, which may be any emulation
 * of the test project: it is only known to serve the documented paths).
 */
export function sandboxEndpoint(
  baseUrl: string,
  paths: 'per-method' | 'documented' = 'per-method',
): GateEndpoint {
  const perMethodPaths = paths === 'per-method';
  return {
    baseUrl,
    projectId: TEST_PROJECT_ID,
    secretKey: TEST_PROJECT_SECRET_KEY,
    payoutPaths: perMethod((method) =>
      perMethodPaths ? `/v2/payment/banks/${method}/payout` : DEFAULT_PAYOUT_PATH,
    ),
    statusPath: DEFAULT_STATUS_PATH,
    bankListPaths: perMethod((method) =>
      perMethodPaths ? `/v2/info/banks/${method}/payout/list` : DEFAULT_BANK_LIST_PATH,
    ),
  };
}
