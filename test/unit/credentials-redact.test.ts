import { describe, expect, it } from 'vitest';
import { redactSecrets, safeErrorMessage } from '../../electron/core/credentials/index.js';

describe('redactSecrets', () => {
  it('replaces every occurrence of every secret', () => {
    expect(redactSecrets('key=abc123 again abc123; pass=hunter2', ['abc123', 'hunter2'])).toBe(
      'key=[redacted] again [redacted]; pass=[redacted]',
    );
  });

  it('treats secrets literally, not as patterns', () => {
    expect(redactSecrets('a.b*c a-b-c', ['a.b*c'])).toBe('[redacted] a-b-c');
    expect(redactSecrets('x$&y', ['$&'])).toBe('x[redacted]y');
  });

  it('removes a secret containing another one whole', () => {
    expect(redactSecrets('token abcdef and abc', ['abc', 'abcdef'])).toBe('token [redacted] and [redacted]');
  });

  it('does not rescan its own marker', () => {
    expect(redactSecrets('d', ['d', 'e'])).toBe('[redacted]');
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
    const err = new Error('signing failed with key s3cr3t');
    const message = safeErrorMessage(err, ['s3cr3t']);
    expect(message).toBe('signing failed with key [redacted]');
    expect(message).not.toContain('at ');
  });

  it('handles thrown strings and non-errors', () => {
    expect(safeErrorMessage('bad s3cr3t', ['s3cr3t'])).toBe('bad [redacted]');
    expect(safeErrorMessage({ secretKey: 's3cr3t' }, ['s3cr3t'])).not.toContain('s3cr3t');
    expect(safeErrorMessage(undefined, [])).toBe('Unexpected error (no message).');
  });
});
