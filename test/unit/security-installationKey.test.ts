import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CredentialsError } from '../../electron/core/credentials/errors.js';
import {
  PASSPHRASE_MIN_LENGTH,
  deriveKeys,
  generateInstallationKey,
  keyFingerprint,
  newPassphraseProblem,
  unwrapKeyWithPassphrase,
  wrapKeyWithPassphrase,
} from '../../electron/core/security/index.js';

const PASSPHRASE = 'correct horse battery staple';
const SCRYPT = { r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

async function lockedError(promise: Promise<unknown>): Promise<CredentialsError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CredentialsError);
  const error = err as CredentialsError;
  expect(error.code).toBe('CREDENTIALS_LOCKED');
  expect(error.params).toEqual({ reason: 'wrong_passphrase' });
  expect(error.message).toMatch(/^The installation key cannot be unlocked/);
  return error;
}

/** An envelope made here, independently of the module: to check the format, and that log2 N is read. */
function wrapHere(key: Buffer, passphrase: string, logN: number): Buffer {
  const header = Buffer.concat([Buffer.of(1, logN), randomBytes(16)]);
  const iv = randomBytes(12);
  const kek = scryptSync(passphrase, header.subarray(2), 32, { N: 2 ** logN, ...SCRYPT });
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(key), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), body]);
}

describe('generateInstallationKey', () => {
  it('makes 32 random bytes', () => {
    const a = generateInstallationKey();
    expect(a).toBeInstanceOf(Buffer);
    expect(a.length).toBe(32);
    expect(a.equals(generateInstallationKey())).toBe(false);
  });
});

describe('newPassphraseProblem', () => {
  it('asks for 12 code points of the NFC passphrase, anything but blank', () => {
    expect(PASSPHRASE_MIN_LENGTH).toBe(12);
    expect(newPassphraseProblem(PASSPHRASE)).toBeNull();
    expect(newPassphraseProblem('abcdefghijkl')).toBeNull();
    expect(newPassphraseProblem(' spaced out ')).toBeNull();
    expect(newPassphraseProblem('abcdefghijk')).toBe('too_short');
    expect(newPassphraseProblem('😀😀😀😀😀😀')).toBe('too_short');
    expect(newPassphraseProblem('😀😀😀😀😀😀😀😀😀😀😀😀')).toBeNull();
    // 11 characters, 15 code points when typed decomposed.
    expect(newPassphraseProblem('e\u0301e\u0301e\u0301e\u0301abcdefg')).toBe('too_short');
    expect(newPassphraseProblem('e\u0301e\u0301e\u0301e\u0301abcdefgh')).toBeNull();
  });

  it('blank: only whitespace or invisible characters, however long', () => {
    for (const blank of [
      '',
      ' ',
      ' '.repeat(20),
      '\t\n\r '.repeat(4),
      '\u3000'.repeat(12),
      '\u200b'.repeat(12),
    ]) {
      expect(newPassphraseProblem(blank), JSON.stringify(blank)).toBe('blank');
    }
    expect(newPassphraseProblem(' '.repeat(20) + 'x')).toBeNull();
    expect(newPassphraseProblem('x' + ' '.repeat(20))).toBeNull();
  });
});

describe('wrapKeyWithPassphrase / unwrapKeyWithPassphrase', () => {
  it('round-trips the key in a 78-byte versioned envelope that holds nothing of it', async () => {
    const key = generateInstallationKey();
    const wrapped = await wrapKeyWithPassphrase(key, PASSPHRASE);
    expect(wrapped.length).toBe(1 + 1 + 16 + 12 + 16 + 32);
    expect([wrapped[0], wrapped[1]]).toEqual([1, 15]);
    expect(wrapped.includes(key.subarray(0, 8))).toBe(false);
    expect((await unwrapKeyWithPassphrase(wrapped, PASSPHRASE)).equals(key)).toBe(true);
  });

  it('is scrypt (N=2^15, r=8, p=1) of the NFC passphrase into AES-256-GCM, the header authenticated', async () => {
    const key = generateInstallationKey();
    const wrapped = await wrapKeyWithPassphrase(key, 'cafe\u0301 au lait, s’il vous plaît');
    const kek = scryptSync('caf\u00e9 au lait, s’il vous plaît', wrapped.subarray(2, 18), 32, {
      N: 2 ** 15,
      ...SCRYPT,
    });
    const decipher = createDecipheriv('aes-256-gcm', kek, wrapped.subarray(18, 30), { authTagLength: 16 });
    decipher.setAAD(wrapped.subarray(0, 18));
    decipher.setAuthTag(wrapped.subarray(30, 46));
    const opened = Buffer.concat([decipher.update(wrapped.subarray(46)), decipher.final()]);
    expect(opened.equals(key)).toBe(true);
    const nfd = await unwrapKeyWithPassphrase(wrapped, 'cafe\u0301 au lait, s’il vous plaît');
    expect(nfd.equals(key)).toBe(true);
  });

  it('uses a fresh salt and IV every time', async () => {
    const key = generateInstallationKey();
    const [a, b] = await Promise.all([
      wrapKeyWithPassphrase(key, PASSPHRASE),
      wrapKeyWithPassphrase(key, PASSPHRASE),
    ]);
    expect(a.subarray(2, 18).equals(b.subarray(2, 18))).toBe(false);
    expect(a.subarray(18, 30).equals(b.subarray(18, 30))).toBe(false);
    expect(a.subarray(46).equals(b.subarray(46))).toBe(false);
  });

  it('reads log2 N from the envelope', async () => {
    const key = generateInstallationKey();
    expect((await unwrapKeyWithPassphrase(wrapHere(key, PASSPHRASE, 10), PASSPHRASE)).equals(key)).toBe(true);
    // 2^16 × 8 × 128 bytes is the 64 MiB cap: refused as a wrong passphrase, not an exception of its own.
    await lockedError(unwrapKeyWithPassphrase(wrapHere(key, PASSPHRASE, 10).fill(16, 1, 2), PASSPHRASE));
  });

  it('refuses a wrong passphrase with a constant message that holds no secret', async () => {
    const key = generateInstallationKey();
    const wrapped = await wrapKeyWithPassphrase(key, PASSPHRASE);
    const err = await lockedError(unwrapKeyWithPassphrase(wrapped, 'Correct horse battery staple'));
    const other = await lockedError(unwrapKeyWithPassphrase(Buffer.alloc(0), PASSPHRASE));
    expect(err.message).toBe(other.message);
    for (const text of [err.message, String(err), err.stack ?? '', JSON.stringify(err.params)]) {
      expect(text).not.toContain(PASSPHRASE);
      expect(text).not.toContain('horse');
      expect(text).not.toContain(key.toString('hex').slice(0, 8));
      expect(text).not.toContain(wrapped.toString('hex').slice(0, 8));
    }
  });

  it('refuses any altered, truncated or extended envelope', async () => {
    const key = generateInstallationKey();
    const wrapped = await wrapKeyWithPassphrase(key, PASSPHRASE);
    // version, log2 N, salt, IV, tag, ciphertext
    for (const at of [0, 1, 2, 17, 18, 29, 30, 45, 46, 77]) {
      const altered = Buffer.from(wrapped);
      altered[at] = altered[at]! ^ (at === 1 ? 0x03 : 0x01);
      await lockedError(unwrapKeyWithPassphrase(altered, PASSPHRASE));
    }
    await lockedError(unwrapKeyWithPassphrase(wrapped.subarray(0, 77), PASSPHRASE));
    await lockedError(unwrapKeyWithPassphrase(Buffer.concat([wrapped, Buffer.of(0)]), PASSPHRASE));
    await lockedError(unwrapKeyWithPassphrase(null as unknown as Buffer, PASSPHRASE));
  });

  it('refuses an envelope of another version, even one that would open', async () => {
    const key = generateInstallationKey();
    const wrapped = wrapHere(key, PASSPHRASE, 10);
    wrapped[0] = 2;
    // Re-seal with the changed header, so that only the version check can refuse it.
    const kek = scryptSync(PASSPHRASE, wrapped.subarray(2, 18), 32, { N: 2 ** 10, ...SCRYPT });
    const cipher = createCipheriv('aes-256-gcm', kek, wrapped.subarray(18, 30));
    cipher.setAAD(wrapped.subarray(0, 18));
    const body = Buffer.concat([cipher.update(key), cipher.final()]);
    const v2 = Buffer.concat([wrapped.subarray(0, 30), cipher.getAuthTag(), body]);
    await lockedError(unwrapKeyWithPassphrase(v2, PASSPHRASE));
  });

  it('wraps and unwraps installation keys only', async () => {
    const notAKey = new RangeError('An installation key is 32 bytes.');
    await expect(wrapKeyWithPassphrase(randomBytes(31), PASSPHRASE)).rejects.toThrow(notAKey);
    await expect(wrapKeyWithPassphrase(randomBytes(33), PASSPHRASE)).rejects.toThrow(notAKey);
    // Envelopes that open, around a key of another length.
    await lockedError(unwrapKeyWithPassphrase(wrapHere(randomBytes(31), PASSPHRASE, 10), PASSPHRASE));
    await lockedError(unwrapKeyWithPassphrase(wrapHere(randomBytes(33), PASSPHRASE, 10), PASSPHRASE));
  });
});

describe('deriveKeys', () => {
  const key = Buffer.alloc(32, 0xab);

  it('derives five independent 32-byte keys by HKDF-SHA256 with fixed salt and info', () => {
    const keys = deriveKeys(key);
    const infos = {
      pii: 'pii encryption',
      piiHash: 'pii hash',
      audit: 'audit chain',
      approval: 'approval seal',
      secrets: 'provider secrets',
    } as const;
    expect(Object.keys(keys).sort()).toEqual(Object.keys(infos).sort());
    for (const [name, info] of Object.entries(infos)) {
      const expected = Buffer.from(hkdfSync('sha256', key, 'cup-payouts installation key v1', info, 32));
      const derived = keys[name as keyof typeof infos];
      expect(derived).toBeInstanceOf(Buffer);
      expect(derived.equals(expected), name).toBe(true);
    }
    expect(new Set(Object.values(keys).map((k) => k.toString('hex'))).size).toBe(5);
  });

  it('is deterministic per key, and differs between keys', () => {
    expect(deriveKeys(key).pii.equals(deriveKeys(Buffer.from(key)).pii)).toBe(true);
    expect(deriveKeys(key).pii.equals(deriveKeys(Buffer.alloc(32, 0xac)).pii)).toBe(false);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => deriveKeys(Buffer.alloc(31))).toThrow(new RangeError('An installation key is 32 bytes.'));
    expect(() => deriveKeys(Buffer.alloc(33))).toThrow(RangeError);
  });
});

describe('keyFingerprint', () => {
  it('is the first 16 hex characters of HMAC-SHA256(key, "fingerprint")', () => {
    const key = generateInstallationKey();
    const fingerprint = keyFingerprint(key);
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint).toBe(createHmac('sha256', key).update('fingerprint').digest('hex').slice(0, 16));
    expect(key.toString('hex')).not.toContain(fingerprint.slice(0, 8));
    expect(keyFingerprint(Buffer.from(key))).toBe(fingerprint);
    expect(keyFingerprint(generateInstallationKey())).not.toBe(fingerprint);
  });
});
