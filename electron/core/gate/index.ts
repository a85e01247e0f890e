/** The Gate client's public API. */
import { METHOD_IDS, type MethodId } from '../types.js';
import type { GateEndpoint } from './types.js';

export const PRODUCTION_BASE_URL = 'https://api.ecommpay.com';
export const DEFAULT_PAYOUT_PATH = '/v2/payment/chinaunionpay/payout';
export const DEFAULT_STATUS_PATH = '/v2/payment/status';
export const DEFAULT_BANK_LIST_PATH = '/v2/info/banks/chinaunionpay/payout/list';

function sameForEveryMethod(path: string): Record<MethodId, string> {
  return Object.fromEntries(METHOD_IDS.map((method) => [method, path])) as Record<MethodId, string>;
}

/** The production Gate with the documented paths (all three CUP methods use the chinaunionpay paths). */
export function productionEndpoint(projectId: number, secretKey: string): GateEndpoint {
  return {
    baseUrl: PRODUCTION_BASE_URL,
    projectId,
    secretKey,
    payoutPaths: sameForEveryMethod(DEFAULT_PAYOUT_PATH),
    statusPath: DEFAULT_STATUS_PATH,
    bankListPaths: sameForEveryMethod(DEFAULT_BANK_LIST_PATH),
  };
}

export type {
  BankListAnswer,
  BankListRequestBody,
  FetchedBank,
  GateClientOptions,
  GateEndpoint,
  PayoutAnswer,
  PayoutDefaults,
  PayoutRequestBody,
  SignedPayoutBody,
  StatusAnswer,
  StatusRequestBody,
} from './types.js';
export {
  DEFAULT_BANK_LIST_AMOUNT_FEN,
  DEFAULT_CONCURRENCY,
  DEFAULT_TIMEOUT_MS,
  GateClient,
  GateClientClosedError,
} from './client.js';
export { buildPayoutRequest } from './payoutRequest.js';
export { buildBankListRequest, buildStatusRequest } from './queryRequests.js';
export { classifyPayoutAnswer } from './payoutAnswer.js';
export { classifyStatusAnswer } from './statusAnswer.js';
export { parseBankListAnswer } from './bankList.js';
export { diffBankLists, type BankListDiff } from './bankListDiff.js';
export { Limiter, LimiterStoppedError, type LimiterOptions } from './limiter.js';
export { createHttpPoster, type HttpPoster, type HttpPosterOptions, type HttpResult } from './http.js';
export { redact } from './redact.js';
