/** ecommpay Gate: the provider adapter and what it is made of. */
export { createEcommpayProvider, requestDigest, type EcommpayProviderOptions } from './provider.js';
export {
  DEFAULT_BANK_LIST_PATH,
  DEFAULT_PAYOUT_PATH,
  DEFAULT_STATUS_PATH,
  PRODUCTION_BASE_URL,
  productionEndpoint,
  sandboxEndpoint,
} from './endpoints.js';
export {
  TEST_DATA_API_SECRET,
  TEST_DATA_API_TOKEN,
  TEST_PROJECT_ID,
  TEST_PROJECT_SECRET_KEY,
} from './testProject.js';
export type {
  BankListRequestBody,
  GateClientOptions,
  GateEndpoint,
  PayoutDefaults,
  PayoutRequestBody,
  SignedPayoutBody,
  StatusRequestBody,
} from './types.js';
export {
  DEFAULT_BANK_LIST_AMOUNT_FEN,
  DEFAULT_CONCURRENCY,
  DEFAULT_TIMEOUT_MS,
  GateClient,
  GateClientClosedError,
} from './client.js';
export { buildPayoutRequest, previewPayoutRequest } from './payoutRequest.js';
export { buildBankListRequest, buildStatusRequest } from './queryRequests.js';
export { classifyPayoutAnswer } from './payoutAnswer.js';
export { classifyStatusAnswer, type EcommpayStatusOutcome } from './statusAnswer.js';
export { SIGNATURE_ORDERS, verifiedOrder, type SignatureOrder } from './signature.js';
export { parseBankListAnswer } from './bankList.js';
export { ecommpayCode, ecommpayGuidance, guidanceText } from './guidance.js';
export { ECOMMPAY_CODES, type EcommpayCode, type MoneyMoved } from './codes.js';
