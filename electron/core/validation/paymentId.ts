import { addError, type IssueSink } from './issues.js';

/** Longest payment_id accepted (the gate's own limit is unconfirmed; 255 is the common column size). */
export const PAYMENT_ID_MAX_LENGTH = 255;

// Printable ASCII without spaces: the id is the gate's idempotency key and is journaled, signed and
// reconciled; invisible or look-alike characters (full-width, NBSP) would make "the same" id differ.
const PAYMENT_ID = /^[\x21-\x7e]+$/;

/** Checks a payment_id the file supplies; returns whether it is usable. */
export function checkPaymentIdFormat(value: string, issues: IssueSink): boolean {
  if (value.length > PAYMENT_ID_MAX_LENGTH) {
    addError(issues, 'PAYMENT_ID_INVALID', 'payment_id', {
      value: `${value.slice(0, 32)}…`,
      reason: 'length',
      length: value.length,
      max: PAYMENT_ID_MAX_LENGTH,
    });
    return false;
  }
  if (!PAYMENT_ID.test(value)) {
    addError(issues, 'PAYMENT_ID_INVALID', 'payment_id', { value, reason: 'charset' });
    return false;
  }
  return true;
}
