import { describe, expect, it } from 'vitest';
import {
  CredentialsError,
  PASSPHRASE_CIPHER_KIND,
  passphraseCipher,
  passphraseFromEnv,
} from '../../electron/core/credentials/index.js';

const SECRET = 'sk-Gate-5f1c9a2e7b44d0c8';
const PASSPHRASE = 'correct horse battery staple';

function credentialsErrorOf(fn: () => unknown): CredentialsError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CredentialsError);
    return err as CredentialsError;
  }
  throw new Error('expected a CredentialsError');
}

describe('passphraseCipher', () => {
  const cipher = passphraseCipher(PASSPHRASE);

  it('round-trips a secret, including non-ASCII text', () => {
    expect(cipher.kind).toBe(PASSPHRASE_CIPHER_KIND);
    expect(cipher.decrypt(cipher.encrypt(SECRET))).toBe(SECRET);
    expect(cipher.decrypt(cipher.encrypt('密钥-ключ-🔑'))).toBe('密钥-ключ-🔑');
  });

  it('seals with a fresh salt and IV each time, in a versioned envelope without the plaintext', () => {
    const a = cipher.encrypt(SECRET);
    const b = cipher.encrypt(SECRET);
    expect(a.equals(b)).toBe(false);
    expect(a[0]).toBe(1);
    expect(a.length).toBe(1 + 16 + 12 + 16 + Buffer.byteLength(SECRET));
    expect(a.subarray(1, 17).equals(b.subarray(1, 17))).toBe(false); // salt
    expect(a.subarray(17, 29).equals(b.subarray(17, 29))).toBe(false); // IV
    expect(a.includes(SECRET)).toBe(false);
  });

  it('refuses a wrong passphrase as CREDENTIALS_LOCKED, saying nothing secret', () => {
    const sealed = cipher.encrypt(SECRET);
    const err = credentialsErrorOf(() => passphraseCipher('wrong passphrase').decrypt(sealed));
    expect(err.code).toBe('CREDENTIALS_LOCKED');
    for (const text of [err.message, String(err), err.stack ?? '']) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(PASSPHRASE);
      expect(text).not.toContain('wrong passphrase');
      expect(text).not.toContain(sealed.toString('hex'));
      expect(text).not.toContain(sealed.toString('base64'));
    }
  });

  it.each([
    ['version', 0],
    ['salt', 5],
    ['IV', 20],
    ['tag', 35],
    ['ciphertext', 50],
  ])('refuses a tampered %s as CREDENTIALS_LOCKED', (_part, index) => {
    const sealed = cipher.encrypt(SECRET);
    sealed[index] = sealed[index]! ^ 0x01;
    expect(credentialsErrorOf(() => cipher.decrypt(sealed)).code).toBe('CREDENTIALS_LOCKED');
  });

  it('refuses truncated or empty data as CREDENTIALS_LOCKED', () => {
    const sealed = cipher.encrypt(SECRET);
    expect(credentialsErrorOf(() => cipher.decrypt(sealed.subarray(0, sealed.length - 1))).code).toBe(
      'CREDENTIALS_LOCKED',
    );
    expect(credentialsErrorOf(() => cipher.decrypt(sealed.subarray(0, 20))).code).toBe('CREDENTIALS_LOCKED');
    expect(credentialsErrorOf(() => cipher.decrypt(Buffer.alloc(0))).code).toBe('CREDENTIALS_LOCKED');
  });

  it('refuses an empty passphrase', () => {
    expect(credentialsErrorOf(() => passphraseCipher('')).code).toBe('PASSPHRASE_MISSING');
    expect(credentialsErrorOf(() => passphraseCipher('   ')).code).toBe('PASSPHRASE_MISSING');
  });
});

describe('passphraseFromEnv', () => {
  it('reads CUP_PAYOUTS_PASSPHRASE verbatim', () => {
    expect(passphraseFromEnv({ CUP_PAYOUTS_PASSPHRASE: ' spaced out ' })).toBe(' spaced out ');
  });

  it('throws PASSPHRASE_MISSING naming the variable when it is unset or blank', () => {
    for (const env of [{}, { CUP_PAYOUTS_PASSPHRASE: '' }, { CUP_PAYOUTS_PASSPHRASE: ' \n' }]) {
      const err = credentialsErrorOf(() => passphraseFromEnv(env));
      expect(err.code).toBe('PASSPHRASE_MISSING');
      expect(err.message).toContain('CUP_PAYOUTS_PASSPHRASE');
    }
  });
});
