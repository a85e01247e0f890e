import { addError, type IssueSink } from './issues.js';
import { toHalfWidth } from './text.js';

// Pragmatic: one @, no spaces, a dotted domain whose last label has 2+ characters. Not RFC 5322.
const EMAIL = /^[^\s@]+@(?:[^\s@.]+\.)+[^\s@.]{2,}$/;
const MAX_LENGTH = 254;

/** Checks the optional email cell; full-width characters typed by an IME (＠, ．) are made ASCII. */
export function checkEmail(value: string, issues: IssueSink): string {
  if (value.length === 0) return '';
  const email = toHalfWidth(value);
  if (email.length > MAX_LENGTH || !EMAIL.test(email)) {
    addError(issues, 'EMAIL_INVALID', 'email', { value });
    return value;
  }
  return email;
}
