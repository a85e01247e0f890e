import { describe, expect, it } from 'vitest';
import { redactSecrets, safeErrorMessage } from '../../electron/core/credentials/index.js';
import { MIN_REDACTED_LENGTH } from '../../electron/core/credentials/redact.js';

describe('redactSecrets', () => {
  it('replaces every occurrence of every secret', () => {
    expect(
      redactSecrets('key=abc123xyz again abc123xyz; pass=hunter2hunter2', ['abc123xyz', 'hunter2hunter2']),
    ).toBe('key=[redacted] again [redacted]; pass=[redacted]');
  });

  it('treats secrets literally, not as patterns', () => {
    expect(redactSecrets('a.b*c+d?e a-b-c-d-e', ['a.b*c+d?e'])).toBe('[redacted] a-b-c-d-e');
    expect(redactSecrets('x$&$&$&$&y', ['$&$&$&$&'])).toBe('x[redacted]y');
  });

  it('removes a secret containing another one whole', () => {
    expect(redactSecrets('token abcdefghijkl and abcdefgh', ['abcdefgh', 'abcdefghijkl'])).toBe(
      'token [redacted] and [redacted]',
    );
  });

  it('does not rescan its own marker', () => {
    // "redacted" is inside "[redacted]": replacing it must not be replaced again (nor nest).
    expect(redactSecrets('redacted', ['redacted', '[redacted]'])).toBe('[redacted]');
    expect(redactSecrets('x redacted y', ['redacted'])).toBe('x [redacted] y');
  });

  it(`leaves "secrets" shorter than ${MIN_REDACTED_LENGTH} characters alone, rather than blank out their letters everywhere`, () => {
    // Six: the provider's own test vectors sign with the key `secret`, which must still be redacted.
    expect(MIN_REDACTED_LENGTH).toBe(6);
    expect(redactSecrets('a day at the bank', ['a', 'bank'])).toBe('a day at the bank');
    expect(redactSecrets('pass=12345 pass=123456', ['12345', '123456'])).toBe('pass=12345 pass=[redacted]');
    expect(redactSecrets('key secret', ['secret'])).toBe('key [redacted]');
  });

  it('also catches the JSON-escaped and URL-encoded forms of a secret', () => {
    const secret = 'a"b\\c/d e+f';
    const json = JSON.stringify({ secret });
    const url = `https://x.test/?k=${encodeURIComponent(secret)}`;
    expect(redactSecrets(json, [secret])).toBe('{"secret":"[redacted]"}');
    expect(redactSecrets(url, [secret])).toBe('https://x.test/?k=[redacted]');
  });

  it('ignores empty secrets and leaves text without secrets alone', () => {
    expect(redactSecrets('nothing to hide', ['', 'zzz'])).toBe('nothing to hide');
    expect(redactSecrets('nothing to hide', [])).toBe('nothing to hide');
  });
});

describe('safeErrorMessage', () => {
  it('keeps the message only, never the stack, and redacts it', () => {
    const err = new Error('signing failed with key s3cr3t-k3y');
    const message = safeErrorMessage(err, ['s3cr3t-k3y']);
    expect(message).toBe('signing failed with key [redacted]');
    expect(message).not.toContain('at ');
  });

  it('handles thrown strings and non-errors', () => {
    expect(safeErrorMessage('bad s3cr3t-k3y', ['s3cr3t-k3y'])).toBe('bad [redacted]');
    expect(safeErrorMessage({ secretKey: 's3cr3t-k3y' }, ['s3cr3t-k3y'])).not.toContain('s3cr3t');
    expect(safeErrorMessage(undefined, [])).toBe('Unexpected error (no message).');
  });
});
