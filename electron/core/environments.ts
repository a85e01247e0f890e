import { METHOD_IDS, type MethodId } from './types.js';
import type { GateEndpoint } from './gate/types.js';
import { DEFAULT_STATUS_PATH, productionEndpoint } from './gate/index.js';
import { SANDBOX_PROJECT_ID, SANDBOX_SECRET_KEY } from '../sandbox/options.js';

/**
 * Where payouts go. `sandbox` is the embedded emulated provider (built-in test project, its key is public);
 * `production` is ecommpay's Gate with the project id and secret key from the encrypted credentials store.
 */
export type EnvironmentName = 'sandbox' | 'production';
export const ENVIRONMENT_NAMES: readonly EnvironmentName[] = ['sandbox', 'production'];

function perMethod(path: (method: MethodId) => string): Record<MethodId, string> {
  return Object.fromEntries(METHOD_IDS.map((method) => [method, path(method)])) as Record<MethodId, string>;
}

/**
 * The sandbox's per-method paths let it apply each method's own limits and bank list (production routes all
 * three CUP methods through one path and applies the project's configured limits).
 */
export function sandboxEndpoint(baseUrl: string): GateEndpoint {
  return {
    baseUrl,
    projectId: SANDBOX_PROJECT_ID,
    secretKey: SANDBOX_SECRET_KEY,
    payoutPaths: perMethod((method) => `/v2/payment/banks/${method}/payout`),
    statusPath: DEFAULT_STATUS_PATH,
    bankListPaths: perMethod((method) => `/v2/info/banks/${method}/payout/list`),
  };
}

export function productionGateEndpoint(projectId: number, secretKey: string, baseUrl?: string): GateEndpoint {
  const endpoint = productionEndpoint(projectId, secretKey);
  return baseUrl ? { ...endpoint, baseUrl } : endpoint;
}
