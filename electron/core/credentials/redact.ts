export const REDACTED = '[redacted]';

/**
 * Shorter "secrets" are not searched for: a passphrase `a` would turn every "a" of every message into
 * [redacted] (and tell a reader which letters it holds). Real secrets are longer (passphrases 12+
 * characters; provider keys tens, and the console refuses one shorter than this), and no message is ever
 * built with a secret in it: this is a last line. Six, because the provider's own test vectors sign with
 * the key `secret`.
 */
export const MIN_REDACTED_LENGTH = 6;

/**
 * Replaces every occurrence of each secret with [redacted], for log lines and error messages.
 * Also catches the forms a secret takes inside a JSON body or a URL, since that is how it usually leaks.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_REDACTED_LENGTH) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }
  if (forms.size === 0) return text;
  // One pass, longest first: a secret containing another is removed whole, and a replacement is never
  // rescanned (a short secret such as "d" must not eat into "[redacted]").
  const pattern = [...forms]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  return text.replace(new RegExp(pattern, 'g'), REDACTED);
}

/**
 * A description of a thrown value that is safe to show or log: the message only (never the stack, which
 * can quote source lines and arguments), with the given secrets redacted.
 */
export function safeErrorMessage(err: unknown, secrets: readonly string[]): string {
  const message =
    err instanceof Error ? err.message : typeof err === 'string' ? err : 'Unexpected error (no message).';
  return redactSecrets(message, secrets);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
