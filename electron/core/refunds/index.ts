/** Refund files, as pure functions: read (decode, parse, map), validate, and the templates. */
export {
  REFUND_FIELDS,
  REFUND_HEADERS,
  REQUIRED_REFUND_FIELDS,
  refundFieldOf,
  refundHeader,
  type RefundField,
} from './fields.js';
export {
  mapRefundHeader,
  parseRefundMapOption,
  refundColumnMapFromRecord,
  type RefundColumnMapping,
} from './headers.js';
export {
  readRefundCsv,
  type ReadRefundCsvOptions,
  type RefundCells,
  type RefundCsv,
} from './readRefundFile.js';
export { MAX_REFUND_FEN, PAY_ID_LENGTH, REF_NR_MAX_LENGTH, type RefundRowIssue } from './rowRules.js';
export { generateTransId, transIdProblem, TRANS_ID_MAX_LENGTH } from './transId.js';
export {
  refundIdsToLookUp,
  validateRefundRows,
  type KnownPaymentFacts,
  type RefundDraft,
  type RefundValidationContext,
  type ValidatedRefundRow,
} from './validateRefunds.js';
export { refundTemplates, type RefundTemplate } from './templates.js';
