/**
 * The emulated ecommpay provider: a real HTTP server on loopback that behaves like a Gate test project
 * for China UnionPay payouts. It is the console's embedded default environment and the submission
 * engine's test counterpart, so its behaviour is deterministic (fault draws come from a seeded PRNG,
 * identifiers are derived, statuses are computed from stored timestamps).
 *
 * Routes (all provider routes are POST + JSON):
 * - /v2/payment/chinaunionpay/payout (the seeds' path, every method: a bank from any method's list within the
 *   widest limits, or one method's with the `chinaunionpayMethod` option) and /v2/payment/banks/{method}/payout
 *   (that method's banks and limits): register a payout. With `requireAllFields`, every field the seeds call
 *   mandatory must be there (400, 2004, naming the field).
 * - /v2/payment/status: signed status answer (documented order, or the SDKs' with `statusSignatureOrder`).
 * - /v2/info/banks/chinaunionpay/payout/list and /v2/info/banks/{method}/payout/list: bank list.
 * - /v1/operations/get: the Data API (signed with the Data API secret).
 * - GET /__sandbox/ledger, GET /__sandbox/requests, GET /__sandbox/stats, POST /__sandbox/reverse,
 *   POST /__sandbox/error: control and inspection for tests (no faults, no latency).
 * - The emulated Computop Paygate at the same base URL (./paygate): POST /credit.aspx and /inquire.aspx
 *   (form-encoded, Blowfish + HMAC as the real one), with GET /__sandbox/paygate/ledger, GET
 *   /__sandbox/paygate/stats, POST /__sandbox/paygate/payments and POST /__sandbox/paygate/settle.
 * Anything else: 404 JSON error.
 */
export {
  DEFAULT_REQUIRE_ALL_FIELDS,
  MAX_RETRIED_OPERATIONS,
  SANDBOX_DATA_API_SECRET,
  SANDBOX_DATA_API_TOKEN,
  SANDBOX_PROJECT_ID,
  SANDBOX_SECRET_KEY,
  type SandboxOptions,
} from './options.js';
export { FAULT_KINDS, type FaultKind } from './faults.js';
export { startSandbox, type RunningSandbox } from './server.js';
export type {
  PaygateCreditEntry,
  PaygateFaultEvent,
  PaygateLedgerView,
  PaygatePaymentEntry,
  PaygateStats,
  RunningPaygate,
} from './paygate/index.js';
export type { LedgerEntry } from './routes/control.js';
export type { RequestCount } from './store.js';
export type { FaultEvent, SandboxStats } from './stats.js';
export { BANK_LIST_LIMIT_KEYS } from './methods.js';
export { MANDATORY_FIELDS } from './payoutValidation.js';
