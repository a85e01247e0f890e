/** Shared vocabulary of the payout engine. Money is always integer fen. */

export type MethodId = 'cup-p2p' | 'cup-quickpay' | 'cup-banks';
export const METHOD_IDS: readonly MethodId[] = ['cup-p2p', 'cup-quickpay', 'cup-banks'];

/**
 * What a batch pays: payouts to cards (ecommpay's CUP methods), or refunds of earlier ChinaPay payments
 * (credits with reference through Computop Paygate).
 */
export type BatchKind = 'payout' | 'refund';
export const BATCH_KINDS: readonly BatchKind[] = ['payout', 'refund'];

/** A batch's method: a payout method, or `chinapay` for a refund batch. */
export type BatchMethod = MethodId | 'chinapay';

/** Whether a batch's method is one of ecommpay's payout methods (not a refund batch's). */
export function isPayoutMethod(method: string): method is MethodId {
  return (METHOD_IDS as readonly string[]).includes(method);
}

export type Lang = 'en' | 'zh-CN';

/** The fields of a payout row, named as in the English template headers. */
export type PayoutField =
  | 'payment_id'
  | 'amount'
  | 'currency'
  | 'card_number'
  | 'bank_id'
  | 'region_id'
  | 'last_name'
  | 'first_name'
  | 'customer_id'
  | 'phone'
  | 'email'
  | 'id_number'
  | 'branch'
  | 'bank_city'
  | 'province'
  | 'city'
  | 'street'
  | 'zip'
  | 'description';

/** The fields of a refund row (refund files), in template column order. */
export const REFUND_FIELDS = [
  'pay_id',
  'trans_id',
  'amount',
  'currency',
  'reason',
  'ref_nr',
  'captured_amount',
] as const;

export type RefundField = (typeof REFUND_FIELDS)[number];

/** A column the importer can map a header to: a payout field, or a full name split into family and given name. */
export type ColumnTarget = PayoutField | 'full_name';

export type Severity = 'error' | 'warning';

export type IssueCode =
  | 'AMOUNT_INVALID'
  | 'AMOUNT_BELOW_MIN'
  | 'AMOUNT_ABOVE_MAX'
  | 'REQUIRED_MISSING'
  | 'CURRENCY_UNSUPPORTED'
  | 'BANK_UNKNOWN'
  | 'BANK_AMBIGUOUS'
  | 'BANK_LOOKS_LIKE_REGION'
  | 'REGION_UNKNOWN'
  | 'PAN_INVALID'
  | 'PAN_EXCEL_DAMAGED'
  | 'PAN_LUHN'
  | 'PAN_PREFIX'
  | 'NAME_NOT_CHINESE'
  | 'PHONE_INVALID'
  | 'EMAIL_INVALID'
  | 'DOC_NUMBER_INVALID'
  | 'PAYMENT_ID_DUPLICATE'
  | 'PAYMENT_ID_USED'
  | 'PAYMENT_ID_INVALID'
  | 'ROW_DUPLICATE'
  | 'ROW_SHAPE'
  | 'EXCEL_DAMAGED'
  | 'FIELD_TOO_LONG'
  | 'TEXT_CONTROL_CHARS'
  | 'ZIP_INVALID'
  | 'ACCOUNT_NUMBER_INVALID'
  | 'PAYOUT_DUPLICATE_HISTORY'
  | 'PAY_ID_INVALID'
  | 'TRANS_ID_INVALID'
  | 'TRANS_ID_DUPLICATE'
  | 'TRANS_ID_USED'
  | 'AMOUNT_TOO_LARGE'
  | 'REF_NR_INVALID'
  | 'CAPTURED_AMOUNT_INVALID'
  | 'CAPTURED_AMOUNT_CONFLICT'
  | 'REFUND_DUPLICATE'
  | 'REFUND_ABOVE_CAPTURE';

/**
 * A finding on one row. `params` feed the localized message (values already masked where sensitive). `F` is
 * the kind of field it names: a payout field, or a refund field on a refund file's row (refunds/fields.ts).
 */
export interface RowIssue<F extends string = PayoutField | RefundField> {
  code: IssueCode;
  severity: Severity;
  field: F | null;
  params: Record<string, string | number>;
}

/** A payout as parsed from one file row. Fields that could not be resolved are null. */
export interface PayoutDraft {
  payment_id: string;
  amount_fen: number | null;
  currency: string;
  card_number: string;
  bank_id: number | null;
  region_id: number | null;
  last_name: string;
  first_name: string;
  customer_id: string;
  phone: string;
  email: string;
  id_number: string;
  branch: string;
  bank_city: string;
  /** The payee's province in Chinese (customer.state), e.g. 广东省: from the file, else the region's name. */
  province: string;
  /** The payee's city (customer.city). */
  city: string;
  /** The payee's address (customer.street). */
  street: string;
  /** The payee's postal code (customer.zip): 6 digits. */
  zip: string;
  description: string;
}

export type RowStatus = 'ok' | 'warning' | 'error';

export interface ValidatedRow {
  /** 1-based line number of the row's first physical line in the file (header is line 1). */
  line: number;
  status: RowStatus;
  issues: RowIssue[];
  payout: PayoutDraft;
}

export interface Limits {
  min_fen: number;
  max_fen: number;
}

/** A payout of an earlier batch, as the store lists them for the window. */
export interface EarlierPayout {
  /** The card's keyed hash (security/fieldCipher.ts cardHash); null for a payout stored before hashing. */
  card_hash: string | null;
  amount_fen: number;
  batch_id: number;
  /** The batch's import time, ISO-8601. */
  created_at: string;
  /** The batch's status. */
  status: string;
}
