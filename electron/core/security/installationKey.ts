/**
 * The installation key: 32 random bytes made once per installation, from which every key that protects
 * something at rest is derived (payee data, the audit chain, approval seals, provider secrets). It is never
 * stored as is, only wrapped under the operator's passphrase; losing both means losing the encrypted data.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { CredentialsError } from '../credentials/errors.js';
import { scryptAsync } from './scrypt.js';

export const PASSPHRASE_MIN_LENGTH = 12;

const KEY_BYTES = 32;

export function generateInstallationKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

// Whitespace, and what prints as nothing (as in account names): a passphrase of these is no passphrase.
const BLANK = /^[\s\p{Cf}\p{Cc}\p{Z}\p{Default_Ignorable_Code_Point}\u2800]*$/u;

/** Why a passphrase cannot protect the key, or null. Length in code points of the NFC form, as it is used. */
export function newPassphraseProblem(passphrase: string): 'too_short' | 'blank' | null {
  if (BLANK.test(passphrase)) return 'blank';
  if ([...passphrase.normalize('NFC')].length < PASSPHRASE_MIN_LENGTH) return 'too_short';
  return null;
}

/*
 * Envelope, version 1: [version 1 B][log2 N 1 B][scrypt salt 16 B][GCM IV 12 B][GCM tag 16 B][ciphertext 32 B].
 * scrypt (N = 2^logN, r=8, p=1) over the NFC passphrase gives the AES-256-GCM key; version, log2 N and salt
 * are authenticated as additional data, so none of them can be changed without the unwrap failing. log2 N is
 * stored so it can be raised later; 64 MiB of scrypt memory caps it at 15 today (raise MAXMEM with it).
 */
const VERSION = 1;
const LOG_N = 15;
const SCRYPT_R = 8;
const SCRYPT_P = 1;
const MAXMEM = 64 * 1024 * 1024;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const IV_AT = 2 + SALT_BYTES;
const TAG_AT = IV_AT + IV_BYTES;
const BODY_AT = TAG_AT + TAG_BYTES;
const WRAPPED_BYTES = BODY_AT + KEY_BYTES;

const WRONG_PASSPHRASE =
  'The installation key cannot be unlocked: the passphrase is wrong or the stored key was altered.';

function passphraseKey(passphrase: string, salt: Buffer, logN: number): Promise<Buffer> {
  const options = { N: 2 ** logN, r: SCRYPT_R, p: SCRYPT_P, maxmem: MAXMEM };
  return scryptAsync(passphrase.normalize('NFC'), salt, KEY_BYTES, options);
}

export async function wrapKeyWithPassphrase(key: Buffer, passphrase: string): Promise<Buffer> {
  if (key.length !== KEY_BYTES) throw new RangeError(`An installation key is ${KEY_BYTES} bytes.`);
  const header = Buffer.concat([Buffer.of(VERSION, LOG_N), randomBytes(SALT_BYTES)]);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(
    'aes-256-gcm',
    await passphraseKey(passphrase, header.subarray(2), LOG_N),
    iv,
  );
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(key), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), body]);
}

/** Throws CredentialsError CREDENTIALS_LOCKED (reason wrong_passphrase) whatever the failure. */
export async function unwrapKeyWithPassphrase(wrapped: Buffer, passphrase: string): Promise<Buffer> {
  if (!Buffer.isBuffer(wrapped) || wrapped.length !== WRAPPED_BYTES || wrapped[0] !== VERSION) {
    throw wrongPassphrase();
  }
  try {
    const key = await passphraseKey(passphrase, wrapped.subarray(2, IV_AT), wrapped[1]!);
    const decipher = createDecipheriv('aes-256-gcm', key, wrapped.subarray(IV_AT, TAG_AT), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(wrapped.subarray(0, IV_AT));
    decipher.setAuthTag(wrapped.subarray(TAG_AT, BODY_AT));
    return Buffer.concat([decipher.update(wrapped.subarray(BODY_AT)), decipher.final()]);
  } catch {
    // A wrong passphrase and altered bytes are one failure to GCM; the message is a constant either way.
    throw wrongPassphrase();
  }
}

function wrongPassphrase(): CredentialsError {
  return new CredentialsError('CREDENTIALS_LOCKED', WRONG_PASSPHRASE, { reason: 'wrong_passphrase' });
}

export interface InstallationKeys {
  /** AES-256-GCM key of payee data at rest. */
  pii: Buffer;
  /** HMAC key of card numbers, to find repeats without decrypting. */
  piiHash: Buffer;
  /** HMAC key of the audit trail's chain. */
  audit: Buffer;
  /** HMAC key of approval seals. */
  approval: Buffer;
  /** AES-256-GCM key of provider secrets. */
  secrets: Buffer;
}

// Changing the salt or an info string changes the derived key: everything sealed under the old one is lost.
const HKDF_SALT = 'cup-payouts installation key v1';

/** One independent key per purpose (HKDF-SHA256): a key leaked from one use says nothing about another. */
export function deriveKeys(key: Buffer): InstallationKeys {
  if (key.length !== KEY_BYTES) throw new RangeError(`An installation key is ${KEY_BYTES} bytes.`);
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', key, HKDF_SALT, info, KEY_BYTES));
  return {
    pii: derive('pii encryption'),
    piiHash: derive('pii hash'),
    audit: derive('audit chain'),
    approval: derive('approval seal'),
    secrets: derive('provider secrets'),
  };
}

/** 16 hex characters that tell keys apart in messages and logs, and reveal nothing of the key. */
export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('fingerprint').digest('hex').slice(0, 16);
}
