import { maskPan } from '../i18n/mask.js';
import { redactSecrets } from '../credentials/redact.js';

/** Runs of 12 to 19 digits, optionally grouped by spaces or dashes: anything that could be a card number. */
const CARD_LIKE = /\d(?:[ -]?\d){11,18}/g;

/**
 * Makes a text safe for an answer's `detail` or `message`, which end up in logs and on screen: card-like
 * digit runs are masked and the secret key, should it ever appear, is cut out.
 */
export function redact(text: string, secret?: string): string {
  const safe = text.replace(CARD_LIKE, (run) => maskPan(run.replace(/[ -]/g, '')));
  return secret ? redactSecrets(safe, [secret]) : safe;
}

/** A short, safe description of what went wrong at the transport level. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
