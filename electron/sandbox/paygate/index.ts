/**
 * The emulated Computop Paygate (ChinaPay credits with reference and inquiries), served by the sandbox next to
 * the Gate. See ./service.ts for the routes and faults, ./outcomes.ts for the amounts that ask for pending or
 * declined credits, and ./control.ts for the /__sandbox/paygate/* control routes.
 */
export { createPaygate, type PaygateService, type RunningPaygate } from './service.js';
export type { PaygateCreditEntry, PaygateLedgerView, PaygatePaymentEntry } from './control.js';
export type { PaygateFaultEvent, PaygateStats } from './stats.js';
export { CREDIT_CODES } from './codes.js';
