import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { CredentialsError } from './errors.js';

/** Seals secrets at rest. Implementations: passphraseCipher (here), safeStorageCipher (Electron main). */
export interface SecretCipher {
  /** Stored next to the ciphertext, so a secret is only ever opened by the cipher that sealed it. */
  readonly kind: string;
  encrypt(plain: string): Buffer;
  /** Throws CredentialsError CREDENTIALS_LOCKED when the data cannot be opened. */
  decrypt(sealed: Buffer): string;
}

/** The environment variable the CLI reads the passphrase from. */
export const PASSPHRASE_ENV = 'CUP_PAYOUTS_PASSPHRASE';

export const PASSPHRASE_CIPHER_KIND = 'passphrase-aes-256-gcm';

/*
 * Envelope, version 1:  [version 1 B][scrypt salt 16 B][GCM IV 12 B][GCM tag 16 B][ciphertext]
 * Version 1 fixes the algorithms: scrypt (N=2^15, r=8, p=1) → 32-byte key, AES-256-GCM. A new version byte
 * is how parameters change later; the version byte is also authenticated (GCM additional data).
 */
const VERSION = 1;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SALT_AT = 1;
const IV_AT = SALT_AT + SALT_BYTES;
const TAG_AT = IV_AT + IV_BYTES;
const BODY_AT = TAG_AT + TAG_BYTES;
const KEY_BYTES = 32;
// ~32 MiB and tens of milliseconds per derivation: cheap for one secret, costly for a guessing attacker.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

const LOCKED_MESSAGE =
  'The stored credentials cannot be decrypted: the passphrase is wrong or the stored data was altered.';

/**
 * AES-256-GCM keyed by scrypt(passphrase, random salt). A fresh salt and IV per encryption, so sealing the
 * same secret twice gives unrelated bytes.
 */
export function passphraseCipher(passphrase: string): SecretCipher {
  if (passphrase.trim() === '') {
    throw new CredentialsError('PASSPHRASE_MISSING', 'The credentials passphrase is empty.');
  }
  const deriveKey = (salt: Buffer) => scryptSync(passphrase.normalize('NFC'), salt, KEY_BYTES, SCRYPT);

  return {
    kind: PASSPHRASE_CIPHER_KIND,

    encrypt(plain) {
      const version = Buffer.of(VERSION);
      const salt = randomBytes(SALT_BYTES);
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', deriveKey(salt), iv);
      cipher.setAAD(version);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([version, salt, iv, cipher.getAuthTag(), body]);
    },

    decrypt(sealed) {
      if (sealed.length < BODY_AT) throw new CredentialsError('CREDENTIALS_LOCKED', LOCKED_MESSAGE);
      const version = sealed[0];
      if (version !== VERSION) {
        throw new CredentialsError(
          'CREDENTIALS_LOCKED',
          `The stored credentials use envelope version ${String(version)}, which this console does not know.`,
        );
      }
      try {
        const key = deriveKey(sealed.subarray(SALT_AT, IV_AT));
        const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(IV_AT, TAG_AT), {
          authTagLength: TAG_BYTES,
        });
        decipher.setAAD(sealed.subarray(0, SALT_AT));
        decipher.setAuthTag(sealed.subarray(TAG_AT, BODY_AT));
        const plain = Buffer.concat([decipher.update(sealed.subarray(BODY_AT)), decipher.final()]);
        return plain.toString('utf8');
      } catch {
        // OpenSSL's own message says nothing useful; ours says what to check, and nothing secret.
        throw new CredentialsError('CREDENTIALS_LOCKED', LOCKED_MESSAGE);
      }
    },
  };
}

/**
 * The CLI's passphrase: CUP_PAYOUTS_PASSPHRASE, used verbatim (not trimmed: spaces may be part of it).
 * An environment variable rather than an argument because arguments are visible to other users in `ps`.
 */
export function passphraseFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const value = env[PASSPHRASE_ENV];
  if (value === undefined || value.trim() === '') {
    throw new CredentialsError(
      'PASSPHRASE_MISSING',
      `Set ${PASSPHRASE_ENV} to the passphrase that encrypts the stored credentials.`,
    );
  }
  return value;
}
