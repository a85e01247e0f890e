/**
 * Payee data at rest: card number, ID number and phone sealed together per payout under the installation's
 * PII key; a keyed hash of the card to find repeats without opening anything; masks for display.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import type { SecretCipher } from '../credentials/cipher.js';
import { CredentialsError } from '../credentials/errors.js';
import { maskPan } from '../i18n/mask.js';
import type { InstallationKeys } from './installationKey.js';

export interface PayeeSecrets {
  card_number: string;
  id_number: string;
  phone: string;
}

/*
 * Envelope, version 1: [version 1 B][GCM IV 12 B][GCM tag 16 B][ciphertext]. A fresh random IV per seal (never
 * a counter: two processes sealing under one key cannot agree on one); 2^32 seals per key keep the chance of a
 * repeated IV negligible. The version byte, and for payee data the binding, are authenticated additional data.
 */
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const TAG_AT = 1 + IV_BYTES;
const BODY_AT = TAG_AT + TAG_BYTES;
const VERSION_BYTE = Buffer.of(VERSION);

/**
 * Random IVs drawn 4,096 at a time: one call into the random generator per 4,096 seals instead of one per
 * seal (an import seals a payout per row: 100,000 rows went from ~1,250 to ~700 ms). Each IV is still random
 * and used once; the pool is consumed front to back and refilled, never rewound.
 */
const IV_POOL_SIZE = 4096;
let ivPool = Buffer.alloc(0);
let ivNext = 0;

function nextIv(): Buffer {
  if (ivNext + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_BYTES * IV_POOL_SIZE);
    ivNext = 0;
  }
  const iv = ivPool.subarray(ivNext, ivNext + IV_BYTES);
  ivNext += IV_BYTES;
  return iv;
}

function seal(key: KeyObject, aad: Buffer, plain: string): Buffer {
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = cipher.update(plain, 'utf8');
  cipher.final(); // GCM adds nothing at the end; final() computes the tag.
  // One allocation for the envelope: [version][IV][tag][ciphertext].
  const out = Buffer.allocUnsafe(BODY_AT + body.length);
  out[0] = VERSION;
  iv.copy(out, 1);
  cipher.getAuthTag().copy(out, TAG_AT);
  body.copy(out, BODY_AT);
  return out;
}

/** The plaintext; throws when the envelope is not one this key sealed with this additional data. */
function open(key: KeyObject, aad: Buffer, sealed: Buffer): string {
  if (sealed[0] !== VERSION) throw new Error('not a version 1 envelope');
  // authTagLength: an envelope too short for a whole tag fails, rather than open under a truncated one.
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, TAG_AT), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(TAG_AT, BODY_AT));
  return Buffer.concat([decipher.update(sealed.subarray(BODY_AT)), decipher.final()]).toString();
}

const PAYEE_LOCKED =
  'The payee data cannot be decrypted: the installation key is wrong or the stored data was altered or moved.';
const SECRET_LOCKED =
  'The stored credentials cannot be decrypted: the installation key is wrong or the stored data was altered.';
const NOT_DIGIT = /[^0-9]/g;

/**
 * `binding` is what the sealed data belongs to (the payout's id): it is authenticated, so a blob copied into
 * another payout's row does not open there. Keys are imported once; nothing else is kept between calls.
 */
export function createFieldCipher(keys: InstallationKeys) {
  const pii = createSecretKey(keys.pii);
  const piiHash = createSecretKey(keys.piiHash);
  // [version][binding as UTF-8], made in one step (the version byte is U+0001, one byte in UTF-8).
  const aad = (binding: string) => Buffer.from(`\u0001${binding}`, 'utf8');

  return {
    seal(values: PayeeSecrets, binding: string): Buffer {
      const fields = [values.card_number, values.id_number, values.phone];
      if (!fields.every((field) => typeof field === 'string')) {
        throw new TypeError('Payee card number, ID number and phone are sealed as text.');
      }
      return seal(pii, aad(binding), JSON.stringify(fields));
    },

    open(sealed: Buffer, binding: string): PayeeSecrets {
      try {
        const fields: unknown = JSON.parse(open(pii, aad(binding), sealed));
        // Anything else opens only if a bug or someone holding the key sealed it.
        if (Array.isArray(fields) && fields.length === 3 && fields.every((f) => typeof f === 'string')) {
          const [card_number, id_number, phone] = fields as string[];
          return { card_number: card_number!, id_number: id_number!, phone: phone! };
        }
      } catch {
        // Below: one error, whatever failed.
      }
      throw new CredentialsError('CREDENTIALS_LOCKED', PAYEE_LOCKED, { reason: 'payee_data' });
    },

    /** 64 hex characters, the same for one card however its digits were grouped. */
    cardHash(card: string): string {
      return createHmac('sha256', piiHash).update(card.replace(NOT_DIGIT, '')).digest('hex');
    },
  };
}

export const INSTALLATION_KEY_CIPHER_KIND = 'installation-key-aes-256-gcm';

/** Provider secrets sealed under the installation key (keys.secrets) instead of a passphrase of their own. */
export function installationKeyCipher(keys: InstallationKeys): SecretCipher {
  const key = createSecretKey(keys.secrets);
  return {
    kind: INSTALLATION_KEY_CIPHER_KIND,
    encrypt: (plain) => seal(key, VERSION_BYTE, plain),
    decrypt(sealed) {
      try {
        return open(key, VERSION_BYTE, sealed);
      } catch {
        // OpenSSL's message says nothing useful; ours says what to check, and nothing secret.
        throw new CredentialsError('CREDENTIALS_LOCKED', SECRET_LOCKED);
      }
    },
  };
}

/**
 * `622202******1234`: the console's one card mask (i18n/mask.ts, maskPan), applied to the digits without
 * spaces or dashes. An empty card stays empty.
 */
export function maskCardNumber(card: string): string {
  const compact = card.replace(/[\s-]/g, '');
  return compact === '' ? '' : maskPan(compact);
}

/**
 * `110***********002X`: first 3 and last 4 of an ID of 8+ characters, one star per hidden character; shorter
 * ones show only the last 2, and 1-2 characters nothing.
 */
export function maskIdNumber(id: string): string {
  return maskDigits([...id]);
}

const COUNTRY_PREFIX = /^(?:\+|00)\d{1,3}(?=[\s-])/;
const CHINA_PREFIX = /^(?:\+|00)86/;

/**
 * `+86 138****8000`: a leading country code kept (+86 or 0086, or any +code set off by a space or dash), then
 * the first 3 and last 4 of the national number's digits, one star per hidden digit; shorter national
 * numbers show only the last 2.
 */
export function maskPhone(phone: string): string {
  const text = phone.trim();
  const prefix = CHINA_PREFIX.exec(text)?.[0] ?? COUNTRY_PREFIX.exec(text)?.[0] ?? '';
  const rest = text.slice(prefix.length).replace(NOT_DIGIT, '');
  // No digits at all (`n/a`): nothing of it is worth showing. Empty stays empty.
  if (rest === '') return '*'.repeat([...text].length);
  const masked = maskDigits([...rest]);
  return prefix === '' ? masked : `${prefix} ${masked}`;
}

function maskDigits(chars: string[]): string {
  const n = chars.length;
  if (n >= 8) return chars.slice(0, 3).join('') + '*'.repeat(n - 7) + chars.slice(-4).join('');
  if (n >= 3) return '*'.repeat(n - 2) + chars.slice(-2).join('');
  return '*'.repeat(n);
}
