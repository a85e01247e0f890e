/**
 * Redaction is a last line of defence, and must not become a leak or a nuisance itself: a very short
 * "secret" (a passphrase `a`) is not searched for, so it neither blanks every "a" of a message nor tells
 * a reader which letters it holds. Real secrets are redacted in their JSON and URL forms too.
 */
import { describe, expect, it } from 'vitest';
import { MIN_REDACTED_LENGTH, REDACTED, redactSecrets } from '../../electron/core/credentials/redact.js';
import { createErrorLog } from '../../electron/core/app/errorLog.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('redaction never replaces short strings', () => {
  it('leaves a message alone for secrets shorter than the minimum', () => {
    const message = 'Batch 12 was approved by alice at 10:00; a payout failed.';
    for (const secret of ['a', 'al', 'ice', '1', 'x'.repeat(MIN_REDACTED_LENGTH - 1)])
      expect(redactSecrets(message, [secret])).toBe(message);
  });

  it('still redacts a secret of the minimum length and longer, in its JSON and URL forms', () => {
    const secret = 'k3y"with/'.padEnd(MIN_REDACTED_LENGTH, 'z');
    const text = `raw ${secret} json ${JSON.stringify(secret).slice(1, -1)} url ${encodeURIComponent(secret)}`;
    const redacted = redactSecrets(text, [secret, 'a']);
    expect(redacted).toBe(`raw ${REDACTED} json ${REDACTED} url ${REDACTED}`);
  });

  it('the error log applies the same rule', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cup-redact-'));
    try {
      const log = createErrorLog(dir, () => new Date('2026-12-01T00:00:00Z'));
      log.addSecret('a');
      log.addSecret('a-long-enough-secret');
      log.record(new Error('a value was refused: a-long-enough-secret at a place'), 'test');
      const text = readFileSync(log.path, 'utf8');
      expect(text).toContain('a value was refused');
      expect(text).toContain(`${REDACTED} at a place`);
      expect(text).not.toContain('a-long-enough-secret');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
