/**
 * The settings forms' rules: what a field must hold before the main process is asked (which checks everything
 * again). Each check returns the problem as a message key of settings.rules (with its values), or null; the
 * forms turn them into Element Plus rules in the page's language.
 */
import type { MethodLimits } from '../../../../../electron/contract/records';
import { parseYuan } from '../../../format';
import { amountText } from './model';

export interface Problem {
  /** A key under settings.rules. */
  key: string;
  params?: Record<string, string | number>;
}

type Check = (value: unknown) => Problem | null;

/** As long as a password must be (the main process's rule). */
export const PASSWORD_MIN_LENGTH = 10;
/** As long as the passphrase wrapping the installation key must be. */
export const PASSPHRASE_MIN_LENGTH = 12;
/** Shorter than this, a secret key could not be kept out of the logs: the main process refuses it. */
export const SECRET_KEY_MIN_LENGTH = 6;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function asText(value: unknown): string {
  return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
}

/** Characters as a person counts them (an emoji is one). */
function length(text: string): number {
  return [...text].length;
}

export function required(value: unknown): Problem | null {
  return asText(value).trim() === '' ? { key: 'required' } : null;
}

/** An IPv4 or IPv6 address. */
export function ipAddress(value: unknown): Problem | null {
  const text = asText(value).trim();
  if (text === '') return { key: 'required' };
  if (IPV4.test(text)) return null;
  // The URL parser knows IPv6 in all its written forms; zone ids and brackets are not addresses here.
  if (/^[0-9a-fA-F:.]+$/.test(text) && text.includes(':')) {
    try {
      new URL(`http://[${text}]/`);
      return null;
    } catch {
      return { key: 'ip' };
    }
  }
  return { key: 'ip' };
}

/**
 * A phone number as people write it, or nothing: digits, a leading + for the country code, and the spaces,
 * dashes, dots and brackets between groups. Which numbers the provider takes is the main process's check
 * (it refuses the rest when the form is saved).
 */
export function optionalPhone(value: unknown): Problem | null {
  // Full-width digits and signs, as a Chinese input method types them, count as their plain forms.
  const text = asText(value).normalize('NFKC').trim();
  if (text === '') return null;
  return /^\+?[\d\s\-.()\u2010-\u2015]+$/.test(text) && /\d/.test(text) ? null : { key: 'phone' };
}

/** An e-mail address, or nothing. */
export function optionalEmail(value: unknown): Problem | null {
  const text = asText(value).trim();
  return text === '' || EMAIL.test(text) ? null : { key: 'email' };
}

/** An http(s) address, or nothing (the documented Gate). */
export function optionalGateUrl(value: unknown): Problem | null {
  const text = asText(value).trim();
  if (text === '') return null;
  if (!/^https?:\/\/[^\s]+$/.test(text)) return { key: 'url' };
  try {
    new URL(text);
    return null;
  } catch {
    return { key: 'url' };
  }
}

/** Text no longer than `max` characters. */
export function maxLength(max: number): Check {
  return (value) => (length(asText(value)) > max ? { key: 'tooLong', params: { max } } : null);
}

/** A whole number from `min` to `max`. */
export function wholeNumber(min: number, max: number): Check {
  return (value) =>
    typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max
      ? null
      : { key: 'wholeRange', params: { min, max } };
}

/** A yuan amount (up to two decimals) above zero. */
export function amount(value: unknown): Problem | null {
  const fen = parseYuan(asText(value));
  if (fen === null) return { key: 'amount' };
  return fen <= 0 ? { key: 'amountPositive' } : null;
}

/**
 * One end of a method's own limits: an amount within `documented`, the provider's limits for the method (as
 * the main process gives them). `other` is the other end as typed; the lower end may not be above the upper.
 */
export function limitEnd(documented: MethodLimits, end: 'min' | 'max', other: () => string): Check {
  return (value) => {
    const fen = parseYuan(asText(value));
    if (fen === null) return { key: 'amount' };
    if (fen < documented.min_fen || fen > documented.max_fen)
      return {
        key: 'withinDocumented',
        params: { min: amountText(documented.min_fen), max: amountText(documented.max_fen) },
      };
    const otherFen = parseYuan(other());
    if (otherFen !== null && (end === 'min' ? fen > otherFen : fen < otherFen))
      return { key: end === 'min' ? 'minAboveMax' : 'maxBelowMin' };
    return null;
  };
}

/** A project id: a positive whole number. */
export function projectId(value: unknown): Problem | null {
  const text = asText(value).trim();
  if (text === '') return { key: 'required' };
  return /^[1-9]\d{0,15}$/.test(text) && Number.isSafeInteger(Number(text)) ? null : { key: 'projectId' };
}

/** A secret as pasted: not empty, without spaces or line breaks around it, at least `min` characters. */
export function secret(min = 1): Check {
  return (value) => {
    const text = asText(value);
    if (text === '') return { key: 'required' };
    if (text.trim() !== text) return { key: 'secretSpaces' };
    return length(text) < min ? { key: 'secretShort', params: { min } } : null;
  };
}

/** A new password: long enough (the main process also refuses common and name-like ones). */
export function newPassword(value: unknown): Problem | null {
  const text = asText(value);
  if (text === '') return { key: 'required' };
  return length(text) < PASSWORD_MIN_LENGTH
    ? { key: 'passwordShort', params: { min: PASSWORD_MIN_LENGTH } }
    : null;
}

export function newPassphrase(value: unknown): Problem | null {
  const text = asText(value);
  if (text === '') return { key: 'required' };
  return length(text) < PASSPHRASE_MIN_LENGTH
    ? { key: 'passphraseShort', params: { min: PASSPHRASE_MIN_LENGTH } }
    : null;
}

/** The second typing of a password: the same as the first. */
export function sameAs(first: () => string): Check {
  return (value) => {
    const text = asText(value);
    if (text === '') return { key: 'required' };
    return text === first() ? null : { key: 'different' };
  };
}

export function someRole(value: unknown): Problem | null {
  return Array.isArray(value) && value.length > 0 ? null : { key: 'roles' };
}

/** The first problem of several checks. */
export function all(...checks: Check[]): Check {
  return (value) => {
    for (const check of checks) {
      const problem = check(value);
      if (problem) return problem;
    }
    return null;
  };
}

/** An Element Plus form rule running `check`, its message in the page's language. */
export interface FieldRule {
  trigger: Array<'blur' | 'change'>;
  validator: (rule: unknown, value: unknown, callback: (error?: Error) => void) => void;
}

export function rule(
  check: Check,
  translate: (key: string, params?: Record<string, string | number>) => string,
): FieldRule {
  return {
    trigger: ['blur', 'change'],
    validator(_rule, value, callback) {
      const problem = check(value);
      if (problem) callback(new Error(translate(`settings.rules.${problem.key}`, problem.params ?? {})));
      else callback();
    },
  };
}
